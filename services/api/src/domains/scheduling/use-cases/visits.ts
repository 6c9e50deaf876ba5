import { StartBody, Uuid, VisitPlanBody } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { partnershipSchedule as scheduleOf } from '../overview.js'
import {
  cancelVisit as cancel,
  cancelPlan,
  changeVisit as change,
  confirmWindow,
  createVisitPlan as create,
  loadPlan,
  loadVisit,
  planView,
  visitIcs,
  visitView,
} from '../visits.js'

const ById = Type.Object({ id: Uuid })
const WithStart = Type.Object({ id: Uuid, start: StartBody.properties.start })

/** Meetings, visit plans and visits of one partnership. */
export const partnershipSchedule = useCase({
  name: 'scheduling.partnershipSchedule',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => scheduleOf(db, actor, input.id),
})

/**
 * A coordinator of the pair plans a visit: the finder's windows, the rejected ones with reasons and
 * the coverage gaps are stored; the other institution is told when there is a window to confirm.
 */
export const createVisitPlan = useCase({
  name: 'scheduling.createVisitPlan',
  input: Type.Object({ partnershipId: Uuid, plan: VisitPlanBody }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => create(db, actor, input.partnershipId, input.plan),
})

export const viewVisitPlan = useCase({
  name: 'scheduling.viewVisitPlan',
  input: ById,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const { v, access, visit } = await loadPlan(db, actor, input.id)
    return planView(v, access, visit)
  },
})

/** One side confirms a window by its start; once both confirmed the same one the visit is booked. */
export const confirmVisitWindow = useCase({
  name: 'scheduling.confirmVisitWindow',
  input: WithStart,
  caller: ['coordinator'],
  needs: ['organizerEmail'],
  transaction: true,
  run: ({ input, actor, db, deps }) => confirmWindow(db, actor, input.id, input.start, deps.organizerEmail),
})

/** Drops a plan that is not booked yet. */
export const cancelVisitPlan = useCase({
  name: 'scheduling.cancelVisitPlan',
  input: ById,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => cancelPlan(db, actor, input.id),
})

export const viewVisit = useCase({
  name: 'scheduling.viewVisit',
  input: ById,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const { v, access } = await loadVisit(db, actor, input.id)
    return visitView(v, access)
  },
})

/** Moves a booked visit to a new start (same length); dates that do not fit are rejected with reasons. */
export const changeVisit = useCase({
  name: 'scheduling.changeVisit',
  input: WithStart,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => change(db, actor, input.id, input.start),
})

export const cancelVisit = useCase({
  name: 'scheduling.cancelVisit',
  input: ById,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => cancel(db, actor, input.id),
})

/** The visit's invitation as ICS text (all-day). */
export const visitInvitation = useCase({
  name: 'scheduling.visitInvitation',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => visitIcs(db, actor, input.id),
})
