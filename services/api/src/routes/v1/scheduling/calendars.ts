import {
  addInstitutionEntries,
  deleteInstitutionEntry,
  getCalendarEntries,
  importCalendar,
  listCalendars,
  listInstitutionEntries,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/scheduling/use-cases/calendars.js'
import { endpoint } from '../../../http/endpoint.js'

/** Query fields of a raw upload that become fields of the JSON body. */
const RAW_FIELDS = ['calendarId', 'institutionId', 'kind', 'timeZone', 'mode'] as const

/** Calendars: builtin data merged with officer imports and institutions' own entries. */
const calendarRoutes: FastifyPluginAsync = async (app) => {
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
      for (const k of RAW_FIELDS) if (q[k] !== undefined) out[k] = q[k]
      if (q.coverageStart !== undefined || q.coverageEnd !== undefined)
        out.coverage = { start: q.coverageStart, end: q.coverageEnd }
      done(null, out)
    },
  )

  endpoint(app, listCalendars, ({ query, run }) => run(cases.listCalendars, query))
  endpoint(app, getCalendarEntries, ({ params, query, run }) =>
    run(cases.calendarEntries, { id: params.id, ...query }),
  )
  endpoint(app, importCalendar, ({ body, run }) => run(cases.importCalendar, body))
  endpoint(app, listInstitutionEntries, ({ params, run }) => run(cases.listInstitutionEntries, params))
  endpoint(app, addInstitutionEntries, ({ params, body, run }) =>
    run(cases.addInstitutionEntries, { id: params.id, entries: body.entries }),
  )
  endpoint(app, deleteInstitutionEntry, ({ params, run }) => run(cases.deleteInstitutionEntry, params))
}

export default calendarRoutes
