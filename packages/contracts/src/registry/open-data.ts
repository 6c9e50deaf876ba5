import Type, { type Static } from 'typebox'
import { DateTime, IdParams, Items, Nullable, problems, Uuid } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

const officerTags = ['registry', 'officer', 'open-data'] as const
const tags = ['registry', 'open-data'] as const

/** Open-data formats an office imports: the NRW ministry's Schulgrunddaten (Düren) or our Jinhua template. */
export const OPEN_DATA_FORMATS = ['schulgrunddaten', 'jinhua_list'] as const
export const OpenDataFormat = Type.Union([Type.Literal('schulgrunddaten'), Type.Literal('jinhua_list')])
export type OpenDataFormat = Static<typeof OpenDataFormat>
/** The largest open-data file (the whole NRW register is about 3 MB). */
export const MAX_OPEN_DATA_BYTES = 8 * 1024 * 1024

/** Whose data it is and under which licence; shown wherever imported data appears. */
export const OpenDataAttribution = Type.Object({
  source: Type.String(),
  licence: Type.String(),
  licenceUrl: Type.String(),
})
export type OpenDataAttribution = Static<typeof OpenDataAttribution>
/** The NRW ministry's dataset and its licence (dl-de/by-2-0 asks for source and licence by name). */
export const SCHULGRUNDDATEN_ATTRIBUTION: OpenDataAttribution = {
  source: 'Ministerium für Schule und Bildung des Landes Nordrhein-Westfalen, Schulgrunddaten',
  licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
}

export const OpenDataSkipReason = Type.Union([
  Type.Literal('outside_region'),
  Type.Literal('closed'),
  Type.Literal('unknown_form'),
  Type.Literal('invalid'),
  Type.Literal('duplicate'),
  Type.Literal('other_side'),
])

export const OpenDataImportResult = Type.Object({
  format: OpenDataFormat,
  side: Side,
  encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252')]),
  rows: Type.Integer({ minimum: 0 }),
  added: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
  changes: Type.Array(
    Type.Object({
      line: Type.Integer(),
      sourceKey: Type.String(),
      name: Type.String(),
      outcome: Type.Union([Type.Literal('added'), Type.Literal('updated'), Type.Literal('unchanged')]),
    }),
  ),
  skipped: Type.Array(
    Type.Object({
      line: Type.Integer(),
      sourceKey: Type.String(),
      name: Type.String(),
      reason: OpenDataSkipReason,
      detail: Type.String(),
    }),
  ),
  attribution: Nullable(OpenDataAttribution),
})
export type OpenDataImportResult = Static<typeof OpenDataImportResult>

export const OpenDataUploadQuery = Type.Object(
  { format: OpenDataFormat, fileName: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
)

/**
 * The body is the file itself (`Content-Type: text/csv`). The import runs in one transaction
 * and answers with what it did: a county file is a few hundred schools after the filter.
 */
export const importOpenData = route({
  method: 'POST',
  path: '/v1/officer/open-data/imports',
  tags: officerTags,
  summary: 'Import schools from open data (Schulgrunddaten for Düren, the Jinhua template for Jinhua)',
  description:
    'Each school becomes an unclaimed registry entry; a re-import updates by the source key ' +
    '(the school number), never duplicates. Officers import for their own side only.',
  access: { roles: ['officer', 'admin'] },
  query: OpenDataUploadQuery,
  response: { 200: OpenDataImportResult, ...problems(400, 401, 403, 413, 415) },
})

export const openDataTemplate = route({
  method: 'GET',
  path: '/v1/officer/open-data/template.csv',
  tags: officerTags,
  summary: 'The CSV template for a Jinhua school list (text/csv)',
  access: { roles: ['officer', 'admin'] },
  produces: ['text/csv'],
  response: { 200: Type.String(), ...problems(401, 403) },
})

export const ClaimState = Type.Union([
  Type.Literal('unclaimed'),
  Type.Literal('claim_pending'),
  Type.Literal('claimed'),
])

export const UnclaimedSchool = Type.Object({
  id: Uuid,
  side: Side,
  name: Type.String(),
  nameI18n: Type.Record(Type.String(), Type.String()),
  kind: Type.String(),
  subtype: Nullable(Type.String()),
  municipalityId: Nullable(Type.String()),
  address: Nullable(Type.Object({ street: Type.String(), postcode: Type.String(), town: Type.String() })),
  website: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  claimState: ClaimState,
  source: OpenDataFormat,
  /** The caller's own open claim on it, if any. */
  myClaimId: Nullable(Uuid),
})
export type UnclaimedSchool = Static<typeof UnclaimedSchool>

export const UnclaimedSchoolQuery = Type.Object(
  {
    side: Type.Optional(Side),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
  },
  { additionalProperties: false },
)

export const listUnclaimedSchools = route({
  method: 'GET',
  path: '/v1/open-data/schools',
  tags,
  summary: 'Schools from open data that nobody has claimed yet (or whose claim is pending)',
  description: 'Open data of the ministry: every signed-in user may read it; the attribution comes with it.',
  access: { roles: 'any' },
  query: UnclaimedSchoolQuery,
  response: {
    200: Type.Object({ items: Type.Array(UnclaimedSchool), attribution: Type.Array(OpenDataAttribution) }),
    ...problems(400, 401),
  },
})

export const ClaimBody = Type.Object(
  { role: Type.String({ minLength: 2, maxLength: 100, description: 'your role at the school' }) },
  { additionalProperties: false },
)

export const ClaimStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('confirmed'),
  Type.Literal('refused'),
])
export const Claim = Type.Object({
  id: Uuid,
  status: ClaimStatus,
  institution: Type.Object({ id: Uuid, name: Type.String(), side: Side }),
  role: Nullable(Type.String()),
  createdAt: DateTime,
  decidedAt: Nullable(DateTime),
  reason: Nullable(Type.String()),
})
export type Claim = Static<typeof Claim>

export const claimSchool = route({
  method: 'POST',
  path: '/v1/open-data/schools/:id/claim',
  tags,
  summary: 'Ask to take over an unclaimed school; the office of its side confirms',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: ClaimBody,
  response: { 201: Claim, ...problems(400, 401, 403, 404, 409) },
})

/** What the office sees of a claim: who asks, and whether their email domain matches the school's. */
export const OfficerClaim = Type.Object({
  ...Claim.properties,
  claimant: Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }),
  schoolDomain: Nullable(Type.String()),
  claimantDomain: Nullable(Type.String()),
  domainMatch: Type.Boolean(),
  address: Nullable(Type.Object({ street: Type.String(), postcode: Type.String(), town: Type.String() })),
  website: Nullable(Type.String()),
})
export type OfficerClaim = Static<typeof OfficerClaim>

export const listClaims = route({
  method: 'GET',
  path: '/v1/officer/open-data/claims',
  tags: officerTags,
  summary: "Claims on schools of the officer's side, pending first",
  access: { roles: ['officer', 'admin'] },
  query: Type.Object({ status: Type.Optional(ClaimStatus) }, { additionalProperties: false }),
  response: { 200: Items(OfficerClaim), ...problems(400, 401, 403) },
})

export const getClaim = route({
  method: 'GET',
  path: '/v1/officer/open-data/claims/:id',
  tags: officerTags,
  summary: 'One claim with the email-domain hint',
  access: { roles: ['officer', 'admin'] },
  params: IdParams,
  response: { 200: OfficerClaim, ...problems(401, 403, 404) },
})

export const ClaimDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('confirm'), Type.Literal('refuse')]),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const decideClaim = route({
  method: 'POST',
  path: '/v1/officer/open-data/claims/:id/decision',
  tags: officerTags,
  summary: 'Confirm (the coordinator becomes the owner member) or refuse a claim',
  access: { roles: ['officer', 'admin'] },
  params: IdParams,
  body: ClaimDecisionBody,
  response: { 200: OfficerClaim, ...problems(400, 401, 403, 404, 409) },
})
