import Type, { type Static } from 'typebox'
import { IsoDate, Nullable, Page, problems, Uuid } from '../common.js'
import { Format, Kind, Lang, Side, Topic } from '../enums.js'
import { MatchedVia } from '../glossary/routes.js'
import { route } from '../route.js'
import { Interest, PublicInstitution } from './schemas.js'

const tags = ['registry', 'search'] as const

export const SearchQuery = Type.Object(
  {
    side: Type.Optional(Side),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    kind: Type.Optional(Kind),
    municipalityId: Type.Optional(Type.String({ maxLength: 40 })),
    topic: Type.Optional(Type.Array(Topic, { maxItems: 8 })),
    format: Type.Optional(Type.Array(Format, { maxItems: 8 })),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    lang: Type.Optional(Type.Array(Lang, { maxItems: 3 })),
    qTopic: Type.Optional(
      Type.Array(Topic, {
        maxItems: 8,
        description: 'Topics the words of q name (in the reader language); q then also finds these',
      }),
    ),
    qFormat: Type.Optional(
      Type.Array(Format, {
        maxItems: 8,
        description: 'Formats the words of q name; q then also finds these',
      }),
    ),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    after: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuery>

/** An open interest found by the search, with its institution's public profile. */
export const InterestHit = Type.Object({
  ...Interest.properties,
  institution: PublicInstitution,
  expressedFrom: Type.Array(Uuid, {
    description: 'Interests of the caller that already expressed interest in this one',
  }),
  matchedVia: Type.Optional(Nullable(MatchedVia)),
})
export type InterestHit = Static<typeof InterestHit>

/** A verified institution found by the search (public fields). */
export const InstitutionHit = Type.Object({
  ...PublicInstitution.properties,
  matchedVia: Type.Optional(Nullable(MatchedVia)),
})
export type InstitutionHit = Static<typeof InstitutionHit>

export const searchInstitutions = route({
  method: 'GET',
  path: '/v1/search/institutions',
  tags,
  summary: 'Verified institutions of the other side (public fields; full text over names and descriptions)',
  access: { roles: 'any' },
  query: SearchQuery,
  response: { 200: Page(InstitutionHit), ...problems(400, 401, 403) },
})

export const searchInterests = route({
  method: 'GET',
  path: '/v1/search/interests',
  tags,
  summary: 'Open interests of verified institutions of the other side',
  access: { roles: 'any' },
  query: SearchQuery,
  response: { 200: Page(InterestHit), ...problems(400, 401, 403) },
})
