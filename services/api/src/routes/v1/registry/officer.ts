import { institutions } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, asc, eq, gt } from 'drizzle-orm'
import Type from 'typebox'
import { institutionFor } from '../../../domains/registry/institutions.js'
import { type OfficerAction, officerAction } from '../../../domains/registry/verification.js'
import { FieldsError } from '../../../http/errors.js'
import { problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { FullInstitution, InstitutionStatus, Page } from './schemas.js'

const ACTIONS: OfficerAction[] = ['verify', 'reject', 'suspend', 'reinstate']

const officerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/institutions',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['officer'],
        summary: "Institutions of the officer's side by status (default pending: the verification queue)",
        querystring: Type.Object(
          {
            status: Type.Optional(InstitutionStatus),
            side: Type.Optional(Side),
            after: Type.Optional(Uuid),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(FullInstitution), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { status = 'pending', after, limit } = request.query
      const side = p.role === 'officer' ? p.side! : request.query.side
      if (p.role === 'officer' && request.query.side && request.query.side !== p.side)
        throw new FieldsError([{ field: 'side', message: 'officers see the queue of their own side' }])
      const rows = await app.db
        .select()
        .from(institutions)
        .where(
          and(
            eq(institutions.status, status),
            side ? eq(institutions.side, side) : undefined,
            after ? gt(institutions.id, after) : undefined,
          ),
        )
        .orderBy(asc(institutions.id))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      return {
        items: page.map((inst) => institutionFor({ inst, access: 'full', memberRole: null }, true)),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      }
    },
  )

  for (const action of ACTIONS) {
    app.post(
      `/officer/institutions/:id/${action}`,
      {
        config: { roles: ['officer', 'admin'] },
        schema: {
          tags: ['officer'],
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} an institution of the officer's side (audited)`,
          params: Type.Object({ id: Uuid }),
          body: Type.Optional(
            Type.Object(
              { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
              { additionalProperties: false },
            ),
          ),
          response: { 200: FullInstitution, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request)
        const inst = await app.db.transaction((tx) =>
          officerAction(tx, p, request.params.id, action, request.body?.reason, request.id),
        )
        return institutionFor({ inst, access: 'full', memberRole: null }, true)
      },
    )
  }
}

export default officerRoutes
