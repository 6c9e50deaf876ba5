import { StaffCreate, UserListQuery, UserStatusChange, Uuid } from '@dj/contracts'
import { users } from '@dj/db'
import { and, eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { writeAudit } from '../../audit.js'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { createStaffUser } from '../create-staff.js'
import { loadMe } from '../me.js'
import { revokeAllSessions } from '../sessions.js'
import { listUsers as listUserPage } from '../user-list.js'

/** The admins' list of accounts: by email, name or age, searchable, keyset paged with the total. */
export const listUsers = useCase({
  name: 'accounts.listUsers',
  input: UserListQuery,
  caller: ['admin'],
  transaction: false,
  run: ({ input, db }) => listUserPage(db, input),
})

/** An admin creates an officer or admin account (verified: the admin vouches for the address). */
export const createStaff = useCase({
  name: 'accounts.createStaff',
  input: StaffCreate,
  caller: ['admin'],
  needs: ['passwords'],
  transaction: true,
  async run({ input, actor, db, deps, requestId }) {
    const id = await createStaffUser(db, input, deps.passwords)
    const created = await loadMe(db, id)
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      after: { role: created.role, officerSide: created.officerSide },
      requestId,
    })
    return created
  },
})

/** An admin disables or re-enables another account; disabling ends its sessions. Audited. */
export const setUserStatus = useCase({
  name: 'accounts.setUserStatus',
  input: Type.Object({ id: Uuid, status: UserStatusChange.properties.status }),
  caller: ['admin'],
  transaction: true,
  async run({ input, actor, db, requestId, sessionChanged }) {
    const { id, status } = input
    if (id === actor.userId) throw new Errors.Conflict('you cannot change your own status')
    const [before] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, id), sql`status <> 'deleted'`))
      .for('update')
    if (!before) throw new Errors.NotFound('user')
    await db.update(users).set({ status, updatedAt: sql`now()` }).where(eq(users.id, id))
    sessionChanged(id)
    if (status === 'disabled') await revokeAllSessions(db, id, 'disabled', sessionChanged)
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: `user.${status === 'disabled' ? 'disabled' : 'enabled'}`,
      entityType: 'user',
      entityId: id,
      before: { status: before.status },
      after: { status },
      requestId,
    })
    return loadMe(db, id)
  },
})
