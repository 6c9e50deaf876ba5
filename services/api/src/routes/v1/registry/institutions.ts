import { institutions, memberships } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { asc, eq } from 'drizzle-orm'
import Type from 'typebox'
import { auditAdminEdit } from '../../../domains/audit.js'
import { canSeeContact, requireMember, viewInstitution } from '../../../domains/registry/access.js'
import {
  institutionFor,
  registerInstitution,
  updateInstitution,
} from '../../../domains/registry/institutions.js'
import { problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { FullInstitution, InstitutionCreate, InstitutionPatch } from './schemas.js'

const Params = Type.Object({ id: Uuid })

const institutionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/institutions',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['institutions'],
        summary: 'Register an institution (status pending); the registering coordinator owns it',
        body: InstitutionCreate,
        response: { 201: FullInstitution, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const inst = await app.db.transaction((tx) => registerInstitution(tx, p, request.body, request.id))
      return reply.status(201).send(institutionFor({ inst, access: 'full', memberRole: 'owner' }, true))
    },
  )

  app.get(
    '/institutions',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['institutions'],
        summary: 'The institutions I belong to',
        response: { 200: Type.Object({ items: Type.Array(FullInstitution) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const rows = await app.db
        .select({ inst: institutions, role: memberships.role })
        .from(memberships)
        .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
        .where(eq(memberships.userId, p.userId))
        .orderBy(asc(institutions.name))
      return {
        items: rows.map((r) => institutionFor({ inst: r.inst, access: 'full', memberRole: r.role }, true)),
      }
    },
  )

  app.get(
    '/institutions/:id',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['institutions'],
        summary:
          'A profile: full for members, officers of its side and admins; public fields for the other side',
        params: Params,
        response: { 200: FullInstitution, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const view = await viewInstitution(app.db, p, request.params.id)
      if (view.access === 'full') return institutionFor(view, true)
      // The other side sees the contact person only where canSeeContact allows it (partnerships).
      return institutionFor(view, await canSeeContact(app.db, view.viewerInstitutionIds, view.inst.id))
    },
  )

  app.patch(
    '/institutions/:id',
    {
      config: { roles: ['coordinator', 'admin'] },
      schema: {
        tags: ['institutions'],
        summary: 'Edit the profile (members and admins)',
        params: Params,
        body: InstitutionPatch,
        response: { 200: FullInstitution, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      return app.db.transaction(async (tx) => {
        const view = await requireMember(tx, p, request.params.id)
        const inst = await updateInstitution(tx, view.inst, request.body)
        await auditAdminEdit(tx, p, request.id, {
          action: 'institution.updated',
          entityType: 'institution',
          entityId: inst.id,
          after: { fields: Object.keys(request.body).sort() },
        })
        return institutionFor({ ...view, inst }, true)
      })
    },
  )
}

export default institutionRoutes
