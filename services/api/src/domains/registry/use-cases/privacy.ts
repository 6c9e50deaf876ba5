import { Password, Uuid } from '@dj/contracts'
import { users } from '@dj/db'
import { eq } from 'drizzle-orm'
import Type from 'typebox'
import { verifyPassword } from '../../accounts/passwords.js'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { deleteAccount, exportUserData } from '../privacy.js'

/** Everything stored about the caller and their institutions (GDPR Art. 15/20). */
export const exportMyData = useCase({
  name: 'registry.exportMyData',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  run: ({ actor, db }) => exportUserData(db, actor.userId),
})

/**
 * A coordinator deletes their own account after confirming the password. The password is checked
 * before the erasure's transaction opens (argon2 takes a while).
 */
export const deleteMyAccount = useCase({
  name: 'registry.deleteMyAccount',
  input: Type.Object({ password: Password }),
  caller: ['coordinator'],
  transaction: false,
  async run({ input, actor, db, requestId, sessionChanged }) {
    const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId))
    if (!(await verifyPassword(u?.hash ?? null, input.password))) throw new Errors.InvalidCredentials()
    await db.transaction((tx) => deleteAccount(tx, actor.userId, requestId, sessionChanged))
    return null
  },
})

/** An admin erases an account (e.g. on a data-subject request); never their own. */
export const eraseUser = useCase({
  name: 'registry.eraseUser',
  input: Type.Object({ id: Uuid }),
  caller: ['admin'],
  transaction: true,
  async run({ input, actor, db, requestId, sessionChanged }) {
    if (input.id === actor.userId) throw new Errors.Conflict('you cannot erase your own account')
    await deleteAccount(db, input.id, requestId, sessionChanged, {
      userId: actor.userId,
      displayName: actor.displayName,
    })
    return null
  },
})
