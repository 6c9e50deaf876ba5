import { ChecklistKeyParams, CustomItemBody, EditTripPlanBody, TickBody, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as trip from '../plan.js'

const ById = Type.Object({ id: Uuid })

/** A coordinator of either institution plans the trip of a booked visit (once per visit). */
export const createTripPlan = useCase({
  name: 'trip.create',
  input: Type.Object({ visitId: Uuid }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => trip.createTripPlan(db, { actor, requestId }, input.visitId),
})

/** The pair's coordinators, both offices and admins read (as the agreement). */
export const viewTripPlan = useCase({
  name: 'trip.view',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db, requestId }) => trip.viewTripPlan(db, { actor, requestId }, input.id),
})

export const editTripPlan = useCase({
  name: 'trip.edit',
  input: Type.Object({ ...ById.properties, ...EditTripPlanBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => trip.editTripPlan(db, { actor, requestId }, input.id, input),
})

export const tickChecklistItem = useCase({
  name: 'trip.tick',
  input: Type.Object({ ...ChecklistKeyParams.properties, ...TickBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    trip.tickChecklistItem(db, { actor, requestId }, input.id, input.key, input.done),
})

export const addChecklistItem = useCase({
  name: 'trip.addItem',
  input: Type.Object({ ...ById.properties, ...CustomItemBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => trip.addChecklistItem(db, { actor, requestId }, input.id, input),
})

export const listTripPlans = useCase({
  name: 'trip.list',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db, requestId }) => trip.listTripPlans(db, { actor, requestId }, input.id),
})
