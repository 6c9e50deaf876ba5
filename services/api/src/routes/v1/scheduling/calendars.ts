import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  addInstitutionEntries,
  calendarEntriesIn,
  deleteInstitutionEntry,
  importCalendar,
  listCalendars,
  listInstitutionEntries,
} from '../../../domains/scheduling/calendar-admin.js'
import { FieldsError } from '../../../http/errors.js'
import { problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { CalendarSummary, EntryInput, EntryView, ImportBody, IsoDate } from './schemas.js'

const ALL = ['coordinator', 'officer', 'admin'] as const
/** Options of a raw (text/calendar, text/csv) upload; a JSON upload carries them in the body. */
const ImportQuery = Type.Object({
  calendarId: Type.Optional(Type.String()),
  institutionId: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  timeZone: Type.Optional(Type.String()),
  mode: Type.Optional(Type.String()),
  coverageStart: Type.Optional(Type.String()),
  coverageEnd: Type.Optional(Type.String()),
})
const RangeQuery = Type.Object(
  { start: Type.Optional(IsoDate), end: Type.Optional(IsoDate) },
  { additionalProperties: false },
)

function rangeOf(q: { start?: string | undefined; end?: string | undefined }, required: boolean) {
  if (!q.start && !q.end && !required) return null
  if (!q.start || !q.end)
    throw new FieldsError([{ field: q.start ? 'end' : 'start', message: 'give both start and end' }])
  if (q.end < q.start) throw new FieldsError([{ field: 'end', message: 'is before start' }])
  return { start: q.start, end: q.end }
}

/** Calendars: builtin data merged with officer imports and institutions' own entries. */
const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Raw uploads: `Content-Type: text/calendar` or `text/csv` with the options in the query string
  // (calendarId, institutionId, kind, timeZone, mode, coverageStart, coverageEnd) become the JSON body.
  app.addContentTypeParser(
    ['text/calendar', 'text/csv'],
    { parseAs: 'string', bodyLimit: 1_048_576 },
    (request, body, done) => {
      const q = request.query as Record<string, string | undefined>
      const out: Record<string, unknown> = {
        format: String(request.headers['content-type']).startsWith('text/calendar') ? 'ics' : 'csv',
        content: body,
      }
      for (const k of ['calendarId', 'institutionId', 'kind', 'timeZone', 'mode'] as const) {
        if (q[k] !== undefined) out[k] = q[k]
      }
      if (q.coverageStart !== undefined || q.coverageEnd !== undefined)
        out.coverage = { start: q.coverageStart, end: q.coverageEnd }
      done(null, out)
    },
  )

  app.get(
    '/calendars',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary:
          'Side calendars and my institutions\u2019 calendars, with coverage (and gaps for start..end)',
        querystring: RangeQuery,
        response: { 200: Type.Object({ items: Type.Array(CalendarSummary) }), ...problems(400, 401) },
      },
    },
    async (request) => ({
      items: await listCalendars(app.db, principalOf(request), rangeOf(request.query, false)),
    }),
  )

  app.get(
    '/calendars/:id/entries',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'Entries of one calendar in start..end, with the parts beyond the known data',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        querystring: RangeQuery,
        response: {
          200: Type.Object({
            id: Type.String(),
            entries: Type.Array(EntryView),
            coverageGaps: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
            attribution: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems(400, 401, 404),
        },
      },
    },
    async (request) =>
      calendarEntriesIn(app.db, principalOf(request), request.params.id, rangeOf(request.query, true)!),
  )

  app.post(
    '/officer/calendars/import',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['scheduling'],
        summary: 'Import ICS or CSV into a side calendar of my side or an institution\u2019s calendar',
        description:
          'JSON body, or the raw file as text/calendar or text/csv with the other fields in the query string.',
        querystring: ImportQuery,
        body: ImportBody,
        response: {
          201: Type.Object({
            importId: Uuid,
            calendarId: Type.String(),
            entries: Type.Integer(),
            coverage: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const result = await importCalendar(app.db, principalOf(request), request.body, request.id)
      return reply.status(201).send(result)
    },
  )

  const InstParams = Type.Object({ id: Uuid })
  app.get(
    '/institutions/:id/calendar-entries',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'An institution\u2019s own days off, exams and blackouts',
        params: InstParams,
        response: { 200: Type.Object({ items: Type.Array(EntryView) }), ...problems(401, 404) },
      },
    },
    async (request) => ({
      items: await listInstitutionEntries(app.db, principalOf(request), request.params.id),
    }),
  )

  app.post(
    '/institutions/:id/calendar-entries',
    {
      config: { roles: ['coordinator', 'officer', 'admin'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Add days off, exam periods or blackouts for my institution',
        params: InstParams,
        body: Type.Object(
          { entries: Type.Array(EntryInput, { minItems: 1, maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(EntryView) }), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const items = await addInstitutionEntries(
        app.db,
        principalOf(request),
        request.params.id,
        request.body.entries,
        request.id,
      )
      return reply.status(201).send({ items })
    },
  )

  app.delete(
    '/institutions/:id/calendar-entries/:entryId',
    {
      config: { roles: ['coordinator', 'officer', 'admin'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Remove one of my institution\u2019s entries',
        params: Type.Object({ id: Uuid, entryId: Uuid }),
        response: { 204: Type.Null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deleteInstitutionEntry(
        app.db,
        principalOf(request),
        request.params.id,
        request.params.entryId,
        request.id,
      )
      return reply.status(204).send(null)
    },
  )
}

export default calendarRoutes
