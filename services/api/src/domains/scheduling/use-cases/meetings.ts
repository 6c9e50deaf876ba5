import { PickBody, SlotsBody, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import {
  cancelMeeting as cancel,
  chooseSlot,
  loadMeeting,
  meetingIcs,
  meetingView,
  rescheduleMeeting as reschedule,
} from '../meetings.js'
import { adhocSlots } from '../slots.js'

const ById = Type.Object({ id: Uuid })
const Pick = Type.Object({ id: Uuid, pick: PickBody })

/** A meeting with its proposed slots, for members of either institution and the offices. */
export const viewMeeting = useCase({
  name: 'scheduling.viewMeeting',
  input: ById,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const { m, access } = await loadMeeting(db, actor, input.id)
    return meetingView(m, access)
  },
})

/** The first coordinator of either institution to pick a proposed slot books it. */
export const chooseMeetingSlot = useCase({
  name: 'scheduling.chooseMeetingSlot',
  input: Pick,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => chooseSlot(db, actor, input.id, input.pick),
})

/** Moves a booked meeting to another proposed slot or a future instant (next sequence). */
export const rescheduleMeeting = useCase({
  name: 'scheduling.rescheduleMeeting',
  input: Pick,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => reschedule(db, actor, input.id, input.pick, new Date()),
})

/** Cancels a meeting; a booked one's invitation is withdrawn. */
export const cancelMeeting = useCase({
  name: 'scheduling.cancelMeeting',
  input: ById,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => cancel(db, actor, input.id),
})

/** The meeting's invitation as ICS text (METHOD:CANCEL once cancelled). */
export const meetingInvitation = useCase({
  name: 'scheduling.meetingInvitation',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => meetingIcs(db, actor, input.id),
})

/** Ad-hoc slots for participants in several zones, with their holidays and working hours. */
export const findSlots = useCase({
  name: 'scheduling.findSlots',
  input: SlotsBody,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => adhocSlots(db, actor, input),
})
