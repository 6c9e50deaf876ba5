import { ConfirmBody, DeclineBody, listMyProposals as listMyProposalsContract, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { expressInterest as express } from '../express.js'
import { listMyProposals, loadProposal, viewProposal } from '../views.js'
import { acceptProposal, confirmProposal, declineProposal } from '../workflow.js'

const ById = Type.Object({ id: Uuid })

/** Proposals of the coordinator's institutions, newest first. */
export const listProposalsOfMine = useCase({
  name: 'matching.listMyProposals',
  input: listMyProposalsContract.query,
  caller: ['coordinator'],
  transaction: false,
  async run({ input, actor, db }) {
    return listMyProposals(db, actor, input)
  },
})

/** One proposal of the coordinator's institutions (404 for anyone else's). */
export const viewMyProposal = useCase({
  name: 'matching.viewProposal',
  input: ById,
  caller: ['coordinator'],
  transaction: false,
  async run({ input, actor, db }) {
    return viewProposal(db, actor, await loadProposal(db, input.id))
  },
})

/** A coordinator accepts for their institution (idempotent); with both sides it is accepted. */
export const accept = useCase({
  name: 'matching.acceptProposal',
  input: ById,
  caller: ['coordinator'],
  needs: ['autoConfirm'],
  transaction: true,
  async run({ input, actor, db, deps, requestId }) {
    const { proposal, side } = await acceptProposal(db, actor, input.id, {
      autoConfirm: deps.autoConfirm,
      ...(requestId ? { requestId } : {}),
    })
    return viewProposal(db, actor, proposal, side)
  },
})

/** A coordinator declines; the pair is never proposed again. */
export const decline = useCase({
  name: 'matching.declineProposal',
  input: Type.Object({ id: Uuid, answer: DeclineBody }),
  caller: ['coordinator'],
  needs: ['autoConfirm'],
  transaction: true,
  async run({ input, actor, db, deps, requestId }) {
    const { proposal, side } = await declineProposal(db, actor, input.id, input.answer, {
      autoConfirm: deps.autoConfirm,
      ...(requestId ? { requestId } : {}),
    })
    return viewProposal(db, actor, proposal, side)
  },
})

/** An officer confirms an accepted proposal for their own side; both sides make a partnership. */
export const confirm = useCase({
  name: 'matching.confirmProposal',
  input: Type.Object({ id: Uuid, body: ConfirmBody }),
  caller: ['officer'],
  needs: ['autoConfirm'],
  transaction: true,
  async run({ input, actor, db, deps, requestId }) {
    const side = actor.side
    if (!side) throw new Errors.Forbidden()
    const result = await confirmProposal(db, actor, input.id, input.body.side, {
      autoConfirm: deps.autoConfirm,
      ...(requestId ? { requestId } : {}),
    })
    return {
      id: result.proposal.id,
      status: result.proposal.status,
      confirmedBy: side,
      partnershipId: result.partnershipId,
    }
  },
})

/**
 * A coordinator expresses interest in the other side's interest from one of their own; mutual
 * interest becomes an accepted proposal. `created` tells a new expression from a repeated one.
 */
export const expressInterest = useCase({
  name: 'matching.expressInterest',
  input: Type.Object({ toInterestId: Uuid, fromInterestId: Uuid }),
  caller: ['coordinator'],
  needs: ['autoConfirm'],
  transaction: true,
  async run({ input, actor, db, deps }) {
    return express(db, actor, input.toInterestId, input.fromInterestId, { autoConfirm: deps.autoConfirm })
  },
})
