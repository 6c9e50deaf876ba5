import { listAwaitingConfirmation as awaitingContract, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { reportingSide } from '../../reporting/scope.js'
import { useCase } from '../../use-case.js'
import { listAwaitingConfirmation, officerProposal } from '../../work/officer.js'

const STAFF = ['officer', 'admin'] as const

/**
 * Accepted proposals waiting for the office's confirmation, longest waiting first: officers see
 * their own side's, admins either side's or one `side`'s.
 */
export const listAwaiting = useCase({
  name: 'matching.listAwaitingConfirmation',
  input: awaitingContract.query,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    const { side, ...rest } = input
    return listAwaitingConfirmation(db, { ...rest, side: reportingSide(actor, side) })
  },
})

/** One proposal with both institutions, their answers and both confirmations. */
export const viewOfficerProposal = useCase({
  name: 'matching.viewOfficerProposal',
  input: Type.Object({ id: Uuid }),
  caller: STAFF,
  transaction: false,
  async run({ input, db }) {
    return officerProposal(db, input.id)
  },
})
