import { users } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { loadMe } from '../../domains/accounts/me.js'
import { isKnownTimeZone } from '../../domains/accounts/time-zone.js'
import { FieldsError } from '../../http/errors.js'
import { Locale, Me, problems, TimeZone } from '../../http/schemas.js'
import { principalOf } from '../../plugins/auth.js'

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    { config: { roles: 'any' }, schema: { tags: ['me'], response: { 200: Me, ...problems(401, 403) } } },
    async (request) => loadMe(app.db, principalOf(request).userId),
  )

  app.patch(
    '/me',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['me'],
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            locale: Type.Optional(Locale),
            timeZone: Type.Optional(TimeZone),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Me, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { displayName, locale, timeZone } = request.body
      if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
        throw new FieldsError([{ field: 'timeZone', message: 'is not a known IANA time zone' }])
      }
      await app.db
        .update(users)
        .set({
          ...(displayName !== undefined ? { displayName } : {}),
          ...(locale !== undefined ? { locale } : {}),
          ...(timeZone !== undefined ? { timeZone } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, p.userId))
      return loadMe(app.db, p.userId)
    },
  )
}

export default meRoutes
