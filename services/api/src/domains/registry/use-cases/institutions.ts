import { InstitutionCreate, InstitutionPatch, Uuid } from '@dj/contracts'
import { institutions, memberships } from '@dj/db'
import { asc, eq } from 'drizzle-orm'
import Type from 'typebox'
import { auditAdminEdit } from '../../audit.js'
import { useCase } from '../../use-case.js'
import { requireMember, viewInstitution } from '../access.js'
import {
  registerInstitution as insertInstitution,
  institutionFor,
  updateInstitution as saveProfile,
} from '../institutions.js'

/** A coordinator registers an institution (pending until its office verifies it) and owns it. */
export const registerInstitution = useCase({
  name: 'registry.registerInstitution',
  input: InstitutionCreate,
  caller: ['coordinator'],
  transaction: true,
  async run({ input, actor, db, requestId, sessionChanged }) {
    const inst = await insertInstitution(db, actor, input, requestId, sessionChanged)
    return institutionFor({ inst, access: 'full', memberRole: 'owner' }, true)
  },
})

/** The institutions the coordinator belongs to, by name. */
export const listMyInstitutions = useCase({
  name: 'registry.listMyInstitutions',
  input: Type.Object({}),
  caller: ['coordinator'],
  transaction: false,
  async run({ actor, db }) {
    const rows = await db
      .select({ inst: institutions, role: memberships.role })
      .from(memberships)
      .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
      .where(eq(memberships.userId, actor.userId))
      .orderBy(asc(institutions.name))
    return {
      items: rows.map((r) => institutionFor({ inst: r.inst, access: 'full', memberRole: r.role }, true)),
    }
  },
})

/**
 * A profile as the caller may see it: full for members, officers of its side and admins; public
 * fields for the other side, with the contact person only once a partnership links them.
 */
export const viewInstitutionProfile = useCase({
  name: 'registry.viewInstitution',
  input: Type.Object({ id: Uuid }),
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const view = await viewInstitution(db, actor, input.id)
    if (view.access === 'full') return institutionFor(view, true)
    // canSeeContact's rule, answered by the statement that read the profile.
    return institutionFor(view, view.partnered)
  },
})

/** Members and admins edit the profile; an admin's edit is audited. */
export const updateInstitutionProfile = useCase({
  name: 'registry.updateInstitution',
  input: Type.Object({ id: Uuid, patch: InstitutionPatch }),
  caller: ['coordinator', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const view = await requireMember(db, actor, input.id)
    const inst = await saveProfile(db, view.inst, input.patch)
    await auditAdminEdit(db, actor, requestId, {
      action: 'institution.updated',
      entityType: 'institution',
      entityId: inst.id,
      after: { fields: Object.keys(input.patch).sort() },
    })
    return institutionFor({ ...view, inst }, true)
  },
})
