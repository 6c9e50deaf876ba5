export { expireDueProposals, expireProposal } from './expiry.js'
export { institutionRefs, notifyBothSides, type ProposalRow } from './refs.js'
