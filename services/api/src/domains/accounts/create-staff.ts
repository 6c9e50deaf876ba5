import { type DbOrTx, type Locale, type Role, type Side, users } from '@dj/db'
import { sql } from 'drizzle-orm'
import { Errors, FieldsError } from '../errors.js'
import { hashPassword, type PasswordPolicy, passwordProblems } from './passwords.js'
import { isKnownTimeZone } from './time-zone.js'

export interface NewStaff {
  email: string
  password: string
  name: string
  role: Role
  side?: Side | null
  locale?: Locale
  timeZone?: string
}

/**
 * Officers and admins are created by an admin (API) or the CLI, never by self-registration.
 * Their address counts as verified: the admin vouches for it.
 */
export async function createStaffUser(db: DbOrTx, input: NewStaff, policy: PasswordPolicy): Promise<string> {
  const problems = []
  const weak = passwordProblems(input.password, input.email)
  if (weak) problems.push({ field: 'password', message: weak })
  if (input.role === 'officer' && !input.side)
    problems.push({ field: 'side', message: 'an officer needs a side' })
  if (input.role !== 'officer' && input.side)
    problems.push({ field: 'side', message: 'only officers have a side' })
  const timeZone = input.timeZone ?? (input.side === 'jinhua' ? 'Asia/Shanghai' : 'Europe/Berlin')
  if (!isKnownTimeZone(timeZone))
    problems.push({ field: 'timeZone', message: 'is not a known IANA time zone' })
  if (problems.length > 0) throw new FieldsError(problems)
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.trim(),
      passwordHash: await hashPassword(input.password, policy),
      displayName: input.name,
      role: input.role,
      officerSide: input.role === 'officer' ? (input.side ?? null) : null,
      locale: input.locale ?? (input.side === 'jinhua' ? 'zh' : 'de'),
      timeZone,
      emailVerifiedAt: sql`now()`,
    })
    .onConflictDoNothing()
    .returning({ id: users.id })
  if (!row) throw new Errors.EmailTaken()
  return row.id
}
