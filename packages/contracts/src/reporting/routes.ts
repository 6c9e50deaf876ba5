import Type from 'typebox'
import { Page, Paged, problems } from '../common.js'
import { Round } from '../matching/schemas.js'
import { route } from '../route.js'
import {
  AuditEntry,
  AuditQuery,
  INSTITUTION_COLUMNS,
  Overview,
  PARTNERSHIP_COLUMNS,
  REPORT_COLUMNS,
  RoundsQuery,
  SideQuery,
  Stats,
  StatsQuery,
} from './schemas.js'

const tags = ['reporting'] as const
const STAFF = ['officer', 'admin'] as const

/** Read-only views for the county offices' dashboards. */

export const listRounds = route({
  method: 'GET',
  path: '/v1/officer/rounds',
  tags,
  summary: 'Matching rounds, newest first (cursor pagination: pass nextCursor as cursor)',
  access: { roles: STAFF },
  query: RoundsQuery,
  response: { 200: Page(Round), ...problems(400, 401, 403) },
})

export const officerStats = route({
  method: 'GET',
  path: '/v1/officer/stats',
  tags,
  summary:
    'Funnel registered → verified → proposed → accepted → partnership → agreement signed → visit done → report filed, with breakdowns',
  description:
    'Counts of institutions per stage, by kind, by topic of open interests and by municipality/district. ' +
    "Aggregates only, so officers may also ask for the other side or `both`; default is the officer's side.",
  access: { roles: STAFF },
  query: StatsQuery,
  response: { 200: Stats, ...problems(400, 401, 403) },
})

export const officerAudit = route({
  method: 'GET',
  path: '/v1/officer/audit',
  tags,
  summary: "Audit log, newest first: entries about the side's institutions and by its officers",
  description: 'Admins read everything or one `side`. Pass `nextCursor` as `cursor` for the next page.',
  access: { roles: STAFF },
  query: AuditQuery,
  response: { 200: Paged(AuditEntry), ...problems(400, 401, 403) },
})

export const officerOverview = route({
  method: 'GET',
  path: '/v1/officer/overview',
  tags,
  summary:
    "Dashboard: the side's institution and interest status counts, pending verifications, 5 latest rounds",
  access: { roles: STAFF },
  query: SideQuery,
  response: { 200: Overview, ...problems(400, 401, 403) },
})

// CSV downloads for the county offices.

const FILE_NOTE =
  'UTF-8 with BOM (Excel shows Chinese correctly), comma separated, CRLF, RFC 4180 quoting; ' +
  "text starting with = + - @ is prefixed with ' so spreadsheets never run it as a formula. Columns: "

export const exportInstitutions = route({
  method: 'GET',
  path: '/v1/officer/export/institutions.csv',
  tags,
  summary: "The side's institutions as CSV (public fields, status, municipality, counts)",
  description: `${FILE_NOTE}${INSTITUTION_COLUMNS.join(', ')}. languages is lang:level:use joined by ';'. contact_* only for the institution's own side's officers and admins.`,
  access: { roles: STAFF },
  query: SideQuery,
  produces: ['text/csv'],
  response: { 200: Type.String(), ...problems(400, 401, 403) },
})

export const exportPartnerships = route({
  method: 'GET',
  path: '/v1/officer/export/partnerships.csv',
  tags,
  summary: 'All partnerships as CSV (each joins both sides; no personal data)',
  description: `${FILE_NOTE}${PARTNERSHIP_COLUMNS.join(', ')}. topics/formats: those both interests share, joined by ';'.`,
  access: { roles: STAFF },
  produces: ['text/csv'],
  response: { 200: Type.String(), ...problems(401, 403) },
})

export const exportReports = route({
  method: 'GET',
  path: '/v1/officer/export/reports.csv',
  tags,
  summary: "The reports after visits of the side's institutions as CSV (status, counts, ratings)",
  description: `${FILE_NOTE}${REPORT_COLUMNS.join(', ')}. Answers of open reports are left out (a draft is its institution's own); no free text, no story.`,
  access: { roles: STAFF },
  query: SideQuery,
  produces: ['text/csv'],
  response: { 200: Type.String(), ...problems(400, 401, 403) },
})
