import type { DbOrTx, Side } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { coordinatorSides } from '../../../domains/registry/access.js'
import { searchInstitutions, searchInterests } from '../../../domains/registry/search.js'
import { Errors, FieldsError } from '../../../http/errors.js'
import { problems, Side as SideSchema, Uuid } from '../../../http/schemas.js'
import type { Principal } from '../../../plugins/auth.js'
import { principalOf } from '../../../plugins/auth.js'
import { Format, Interest, IsoDate, Kind, Lang, Page, PublicInstitution, Topic } from './schemas.js'

const other = (s: Side): Side => (s === 'duren' ? 'jinhua' : 'duren')

const SearchQuery = Type.Object(
  {
    side: Type.Optional(SideSchema),
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

/**
 * Which side a principal searches: coordinators the other side of their institutions (they
 * need one first), officers either side (default: the other), admins must say.
 */
async function searchSide(db: DbOrTx, p: Principal, requested: Side | undefined): Promise<Side> {
  if (p.role === 'admin') {
    if (!requested) throw new FieldsError([{ field: 'side', message: 'required for admins' }])
    return requested
  }
  if (p.role === 'officer') return requested ?? other(p.side!)
  const own = await coordinatorSides(db, p.userId)
  if (own.length === 0) throw new Errors.Forbidden()
  const target = requested ?? other(own[0]!)
  if (own.includes(target)) throw new Errors.Forbidden()
  return target
}

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search/institutions',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['search'],
        summary:
          'Verified institutions of the other side (public fields; full text over names and descriptions)',
        querystring: SearchQuery,
        response: { 200: Page(PublicInstitution), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const side = await searchSide(app.db, p, request.query.side)
      return searchInstitutions(app.db, { ...request.query, side }) as never
    },
  )

  app.get(
    '/search/interests',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['search'],
        summary: 'Open interests of verified institutions of the other side',
        querystring: SearchQuery,
        response: {
          200: Page(
            Type.Object({
              ...Interest.properties,
              institution: PublicInstitution,
              expressedFrom: Type.Array(Uuid, {
                description: 'Interests of the caller that already expressed interest in this one',
              }),
            }),
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const side = await searchSide(app.db, p, request.query.side)
      const viewerId = p.role === 'coordinator' ? p.userId : undefined
      return searchInterests(app.db, { ...request.query, side, ...(viewerId ? { viewerId } : {}) }) as never
    },
  )
}

export default searchRoutes
