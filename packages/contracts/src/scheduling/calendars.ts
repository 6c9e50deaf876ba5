import Type from 'typebox'
import { IdParams, Items, NoContent, problems, Uuid } from '../common.js'
import { route } from '../route.js'
import { SCHEDULE_READERS } from './meetings.js'
import {
  CalendarEntries,
  CalendarEntryView,
  CalendarSummary,
  EntriesBody,
  ImportBody,
  ImportQuery,
  ImportResult,
  RangeQuery,
} from './schemas.js'

const tags = ['scheduling'] as const

/** Calendars: builtin data merged with officer imports and institutions' own entries. */
export const listCalendars = route({
  method: 'GET',
  path: '/v1/calendars',
  tags,
  summary: 'Side calendars and my institutions\u2019 calendars, with coverage (and gaps for start..end)',
  access: { roles: SCHEDULE_READERS },
  query: RangeQuery,
  response: { 200: Items(CalendarSummary), ...problems(400, 401) },
})

export const getCalendarEntries = route({
  method: 'GET',
  path: '/v1/calendars/:id/entries',
  tags,
  summary: 'Entries of one calendar in start..end, with the parts beyond the known data',
  access: { roles: SCHEDULE_READERS },
  params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
  query: RangeQuery,
  response: { 200: CalendarEntries, ...problems(400, 401, 404) },
})

export const importCalendar = route({
  method: 'POST',
  path: '/v1/officer/calendars/import',
  tags,
  summary: 'Import ICS or CSV into a side calendar of my side or an institution\u2019s calendar',
  description:
    'JSON body, or the raw file as text/calendar or text/csv with the other fields in the query string.',
  access: { roles: ['officer', 'admin'] },
  query: ImportQuery,
  body: ImportBody,
  response: { 201: ImportResult, ...problems(400, 401, 403, 404) },
})

export const listInstitutionEntries = route({
  method: 'GET',
  path: '/v1/institutions/:id/calendar-entries',
  tags,
  summary: 'An institution\u2019s own days off, exams and blackouts',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  response: { 200: Items(CalendarEntryView), ...problems(401, 404) },
})

export const addInstitutionEntries = route({
  method: 'POST',
  path: '/v1/institutions/:id/calendar-entries',
  tags,
  summary: 'Add days off, exam periods or blackouts for my institution',
  access: { roles: ['coordinator', 'officer', 'admin'], verifiedEmail: true },
  params: IdParams,
  body: EntriesBody,
  response: { 201: Items(CalendarEntryView), ...problems(400, 401, 404) },
})

export const deleteInstitutionEntry = route({
  method: 'DELETE',
  path: '/v1/institutions/:id/calendar-entries/:entryId',
  tags,
  summary: 'Remove one of my institution\u2019s entries',
  access: { roles: ['coordinator', 'officer', 'admin'], verifiedEmail: true },
  params: Type.Object({ id: Uuid, entryId: Uuid }),
  response: { 204: NoContent, ...problems(401, 404) },
})
