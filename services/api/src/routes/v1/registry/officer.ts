import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { institutionFor } from '../../../domains/registry/institutions.js'
import { listOfficerInstitutions } from '../../../domains/registry/officer-list.js'
import { type OfficerAction, officerAction } from '../../../domains/registry/verification.js'
import { FieldsError } from '../../../http/errors.js'
import { Paged, pageQuery, Query } from '../../../http/keyset.js'
import { problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { FullInstitution, InstitutionStatus } from './schemas.js'

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
            q: Type.Optional(Query),
            sort: Type.Optional(
              Type.Union([Type.Literal('name'), Type.Literal('created')], {
                description: 'default: created (oldest first) for pending, name otherwise',
              }),
            ),
            ...pageQuery(200),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(FullInstitution), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { status = 'pending', ...rest } = request.query
      if (p.role === 'officer' && request.query.side && request.query.side !== p.side)
        throw new FieldsError([{ field: 'side', message: 'officers see the queue of their own side' }])
      const side = p.role === 'officer' ? p.side! : (request.query.side ?? null)
      return listOfficerInstitutions(app.db, { ...rest, status, side })
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
