import { EntryInput, ImportBody, IsoDate, Uuid } from '@dj/contracts'
import type { DateRange } from '@dj/scheduling'
import Type from 'typebox'
import { FieldsError } from '../../errors.js'
import { useCase } from '../../use-case.js'
import {
  addInstitutionEntries as addEntries,
  calendarEntriesIn,
  listCalendars as calendarsOf,
  deleteInstitutionEntry as deleteEntry,
  listInstitutionEntries as entriesOf,
  importCalendar as importFile,
} from '../calendar-admin.js'

const Range = { start: Type.Optional(IsoDate), end: Type.Optional(IsoDate) }

/** start..end of a listing: both or neither (`required`: both), and not backwards. */
export function rangeOf(
  q: { start?: string | undefined; end?: string | undefined },
  required: boolean,
): DateRange | null {
  if (!q.start && !q.end && !required) return null
  if (!q.start || !q.end)
    throw new FieldsError([{ field: q.start ? 'end' : 'start', message: 'give both start and end' }])
  if (q.end < q.start) throw new FieldsError([{ field: 'end', message: 'is before start' }])
  return { start: q.start, end: q.end }
}

/** The side calendars and the caller's institutions' calendars, with coverage gaps for a range. */
export const listCalendars = useCase({
  name: 'scheduling.listCalendars',
  input: Type.Object(Range),
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    return { items: await calendarsOf(db, actor, rangeOf(input, false)) }
  },
})

/** Entries of one calendar in start..end (both required) and the parts beyond its known data. */
export const calendarEntries = useCase({
  name: 'scheduling.calendarEntries',
  input: Type.Object({ id: Type.String({ maxLength: 80 }), ...Range }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => calendarEntriesIn(db, actor, input.id, rangeOf(input, true)!),
})

/** An officer's (or admin's) ICS or CSV upload into a side calendar or an institution's calendar. */
export const importCalendar = useCase({
  name: 'scheduling.importCalendar',
  input: ImportBody,
  caller: ['officer', 'admin'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => importFile(db, actor, input, requestId),
})

export const listInstitutionEntries = useCase({
  name: 'scheduling.listInstitutionEntries',
  input: Type.Object({ id: Uuid }),
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    return { items: await entriesOf(db, actor, input.id) }
  },
})

/** Members (and the offices of its side) add days off, exams or blackouts to an institution. */
export const addInstitutionEntries = useCase({
  name: 'scheduling.addInstitutionEntries',
  input: Type.Object({ id: Uuid, entries: Type.Array(EntryInput, { minItems: 1, maxItems: 200 }) }),
  caller: ['coordinator', 'officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    return { items: await addEntries(db, actor, input.id, input.entries, requestId) }
  },
})

export const deleteInstitutionEntry = useCase({
  name: 'scheduling.deleteInstitutionEntry',
  input: Type.Object({ id: Uuid, entryId: Uuid }),
  caller: ['coordinator', 'officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    await deleteEntry(db, actor, input.id, input.entryId, requestId)
    return null
  },
})
