import Type, { type Static } from 'typebox'
import { DateTime, IdParams, IsoDate, Items, Literals, Nullable, problems, Uuid } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

/**
 * The report after an exchange (issue 13): one per institution and visit, opened by the scheduler
 * the day after the visit ended. The institution's own coordinators draft and file it; once filed
 * it is read-only, and the partner's coordinators, both county offices and admins may read it.
 * A draft is the institution's own: nobody else sees its answers (404).
 */

const tags = ['report'] as const
/** Everyone who may read some report; object-level access narrows it (drafts: own institution only). */
export const REPORT_READERS = ['coordinator', 'officer', 'admin'] as const

export const REPORT_STATUSES = ['open', 'filed'] as const
export const STORY_STATUSES = ['pending_review', 'published', 'rejected', 'withdrawn'] as const
export const REPORT_PDF_LANGUAGES = ['de', 'en', 'zh'] as const

/** The answers: the document ReportFields of @dj/exchange describes; the API checks it (422 with paths). */
export const ReportFieldsDoc = Type.Record(Type.String(), Type.Unknown(), {
  description: 'ReportFields of @dj/exchange (participants as counts per age band, never names)',
})

/** The optional public story: only with the explicit consent to publish it, and no pupil names. */
export const ReportStoryDoc = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 120 }),
    text: Type.String({ minLength: 1, maxLength: 3000, description: 'no pupil names' }),
    language: Literals(['de', 'zh', 'en'] as const),
    consent: Type.Literal(true, { description: 'the coordinator’s consent that it may be published' }),
  },
  { additionalProperties: false },
)

const ReportInstitution = Type.Object({ id: Uuid, name: Type.String(), side: Side })

export const ReportAimDoc = Type.Object({
  key: Type.String(),
  text: Type.Object({
    de: Type.Optional(Type.String()),
    zh: Type.Optional(Type.String()),
    en: Type.Optional(Type.String()),
  }),
})

export const ReportSummary = Type.Object({
  id: Uuid,
  visitId: Uuid,
  partnershipId: Uuid,
  institution: ReportInstitution,
  status: Literals(REPORT_STATUSES),
  version: Type.Integer({ minimum: 1 }),
  visit: Type.Object({ title: Type.String(), startDate: IsoDate, endDate: IsoDate }),
  openedAt: DateTime,
  filedAt: Nullable(DateTime),
  /** The local date the office of the institution's side is told, if still open by then. */
  overdueOn: IsoDate,
  viewer: Type.Object({
    /** The caller's own institution's report, still open: they may edit and file it. */
    canEdit: Type.Boolean(),
    /** The caller may open it (their own, or a filed one). */
    canRead: Type.Boolean(),
  }),
})
export type ReportSummary = Static<typeof ReportSummary>

export const Report = Type.Object({
  ...ReportSummary.properties,
  partner: ReportInstitution,
  fields: ReportFieldsDoc,
  story: Nullable(ReportStoryDoc),
  storyStatus: Nullable(Literals(STORY_STATUSES)),
  /** The aims of the agreement the outcomes rate, in the agreement's languages. */
  aims: Type.Array(ReportAimDoc),
  /** What the current answers still lack before the report can be filed. */
  gaps: Type.Array(Type.Object({ path: Type.String(), problem: Type.String() })),
  /** The trip plan's programme in short, if the visit had one (shown and printed with the report). */
  programme: Type.Array(Type.Object({ date: IsoDate, titles: Type.Array(Type.String()) })),
})
export type Report = Static<typeof Report>

export const partnershipReports = route({
  method: 'GET',
  path: '/v1/partnerships/:id/reports',
  tags,
  summary: 'The reports of the partnership’s visits, each institution’s, with their status',
  access: { roles: REPORT_READERS },
  params: IdParams,
  response: { 200: Items(ReportSummary), ...problems(401, 403, 404) },
})

export const report = route({
  method: 'GET',
  path: '/v1/reports/:id',
  tags,
  summary: 'One report: its answers, the agreement’s aims and what is missing to file it',
  description: 'An open report is seen only by its own institution’s coordinators (404 for others).',
  access: { roles: REPORT_READERS },
  params: IdParams,
  response: { 200: Report, ...problems(401, 403, 404) },
})

export const SaveReportBody = Type.Object(
  {
    /** The version the edit was made on; another one is answered with 409 naming the current one. */
    expectedVersion: Type.Integer({ minimum: 1 }),
    fields: ReportFieldsDoc,
    story: Nullable(ReportStoryDoc),
  },
  { additionalProperties: false },
)

export const saveReport = route({
  method: 'PUT',
  path: '/v1/reports/:id',
  tags,
  summary: 'Save the draft (answers may be incomplete)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: SaveReportBody,
  response: { 200: Report, ...problems(400, 401, 403, 404, 409, 422) },
})

export const FileReportBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

export const fileReport = route({
  method: 'POST',
  path: '/v1/reports/:id/file',
  tags,
  summary: 'File the report (every required answer given); it is read-only afterwards',
  description:
    'Missing answers are refused with 422 naming the fields; the partner institution and both ' +
    'offices are told.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: FileReportBody,
  response: { 200: Report, ...problems(400, 401, 403, 404, 409, 422) },
})

export const ReportPdfQuery = Type.Object(
  {
    lang: Type.Optional(
      Literals(REPORT_PDF_LANGUAGES, { description: 'the language; default: the reader’s own' }),
    ),
  },
  { additionalProperties: false },
)

export const reportPdf = route({
  method: 'GET',
  path: '/v1/reports/:id/pdf',
  tags,
  summary: 'The report as a PDF narrative report (Sachbericht) to attach to a funder’s statement',
  access: { roles: REPORT_READERS },
  params: IdParams,
  query: ReportPdfQuery,
  produces: ['application/pdf'],
  response: { 200: Type.Unknown(), ...problems(400, 401, 403, 404) },
})
