import { MePatch } from '@dj/contracts'
import { users } from '@dj/db'
import { eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { FieldsError } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { loadMe } from '../me.js'
import { isKnownTimeZone } from '../time-zone.js'

/** The caller's own account. */
export const viewMe = useCase({
  name: 'accounts.viewMe',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  run: ({ actor, db }) => loadMe(db, actor.userId),
})

/** The caller changes their name, language or time zone. */
export const updateMe = useCase({
  name: 'accounts.updateMe',
  input: MePatch,
  caller: 'actor',
  transaction: true,
  async run({ input, actor, db, sessionChanged }) {
    const { displayName, locale, timeZone } = input
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
      throw new FieldsError([{ field: 'timeZone', message: 'is not a known IANA time zone' }])
    }
    await db
      .update(users)
      .set({
        ...(displayName !== undefined ? { displayName } : {}),
        ...(locale !== undefined ? { locale } : {}),
        ...(timeZone !== undefined ? { timeZone } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.userId))
    // The name is part of the session state (audit labels use it).
    if (displayName !== undefined) sessionChanged(actor.userId)
    return loadMe(db, actor.userId)
  },
})
