import { defineError } from '../errors.js'

/** Conflicts of the proposal workflow; each has its own code so clients can tell them apart. */
export const MatchingErrors = {
  ProposalDeclined: defineError('PROPOSAL_DECLINED', 'conflict', 'This proposal was declined'),
  ProposalExpired: defineError('PROPOSAL_EXPIRED', 'conflict', 'This proposal has expired'),
  ProposalConfirmed: defineError('PROPOSAL_CONFIRMED', 'conflict', 'This proposal is already a partnership'),
  ProposalAlreadyAnswered: defineError(
    'PROPOSAL_ALREADY_ANSWERED',
    'conflict',
    'Your institution already answered this proposal (%s)',
  ),
  ProposalNotAccepted: defineError(
    'PROPOSAL_NOT_ACCEPTED',
    'conflict',
    'Both institutions must accept the proposal before officers confirm it',
  ),
  InterestSameSide: defineError('INTEREST_SAME_SIDE', 'conflict', 'Both interests belong to the same side'),
  InterestNotOpen: defineError('INTEREST_NOT_OPEN', 'conflict', 'The %s interest is not open'),
  InstitutionNotVerified: defineError(
    'INSTITUTION_NOT_VERIFIED',
    'conflict',
    'Your institution must be verified before it can express interest',
  ),
  PairExcluded: defineError(
    'PAIR_EXCLUDED',
    'conflict',
    'This pair was declined or blocked and cannot be proposed',
  ),
  PairAlreadyPartners: defineError(
    'PAIR_ALREADY_PARTNERS',
    'conflict',
    'These interests are already partners',
  ),
  ProposalExists: defineError('PROPOSAL_EXISTS', 'conflict', 'A proposal for this pair is open: %s'),
}
