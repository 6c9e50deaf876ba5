import type { DbOrTx } from '@dj/db'
import type { DomainEvent } from '@dj/queue'
import { type SQL, sql } from 'drizzle-orm'
import type { Locale } from './i18n/index.js'
import { type Prefs, prefsFromRow } from './preferences.js'

export interface Recipient {
  /** Null for a bare address (an invitation to someone without an account). */
  userId: string | null
  email: string
  locale: Locale
  timeZone: string
  prefs: Prefs
}

export interface UserRow extends Record<string, unknown> {
  id: string
  email: string
  locale: Locale
  time_zone: string
  pref_locale: Locale | null
  mode: string | null
  quiet_start: string | null
  quiet_end: string | null
  channels: Record<string, { email?: boolean; inApp?: boolean }> | null
}

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`
const textArray = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`

export function recipientFromRow(r: UserRow): Recipient {
  const prefs = prefsFromRow(r)
  return { userId: r.id, email: r.email, locale: prefs.locale ?? r.locale, timeZone: r.time_zone, prefs }
}

const USER_COLUMNS = sql`u.id, u.email, u.locale, u.time_zone, p.locale as pref_locale, p.mode,
  p.quiet_start, p.quiet_end, p.channels`

export async function loadUsers(db: DbOrTx, userIds: string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return []
  const rows = (await db.execute(sql`select ${USER_COLUMNS}
    from users u left join notification_preferences p on p.user_id = u.id
    where u.status = 'active' and u.id = any(${uuidArray(userIds)})`)) as unknown as UserRow[]
  return rows.map(recipientFromRow)
}

/** The SQL condition on `users u` selecting an event's account holders; null when there are none. */
export function audienceCondition(event: DomainEvent): SQL | null {
  if (!('audience' in event)) return 'userId' in event ? sql`u.id = ${event.userId}::uuid` : null
  const a = event.audience
  const conditions: SQL[] = []
  if (a.userIds?.length) conditions.push(sql`u.id = any(${uuidArray(a.userIds)})`)
  if (a.institutionIds?.length)
    conditions.push(
      sql`u.id in (select m.user_id from memberships m where m.institution_id = any(${uuidArray(a.institutionIds)}))`,
    )
  if (a.officerSides?.length)
    conditions.push(sql`(u.role = 'officer' and u.officer_side = any(${textArray(a.officerSides)}))`)
  return conditions.length === 0 ? null : sql`(${sql.join(conditions, sql` or `)})`
}

/** People without an account (invitations), one per address. */
export function bareRecipients(event: DomainEvent): Recipient[] {
  if (!('audience' in event)) return []
  const seen = new Set<string>()
  const bare: Recipient[] = []
  for (const e of event.audience.emails ?? []) {
    const email = e.email.trim().toLowerCase()
    if (seen.has(email)) continue
    seen.add(email)
    bare.push({
      userId: null,
      email,
      locale: e.locale ?? 'de',
      timeZone: e.timeZone ?? 'Europe/Berlin',
      prefs: prefsFromRow({}),
    })
  }
  return bare
}

/** Active users' columns for `audienceCondition`, joined with their preferences. */
export function recipientsSelect(condition: SQL): SQL {
  return sql`select ${USER_COLUMNS}
    from users u left join notification_preferences p on p.user_id = u.id
    where u.status = 'active' and ${condition}`
}

/**
 * Who an event is for, read at delivery time: listed users, every active member of the listed
 * institutions, the active officers of the listed sides, and bare addresses. One row per person.
 */
export async function resolveRecipients(db: DbOrTx, event: DomainEvent): Promise<Recipient[]> {
  const condition = audienceCondition(event)
  const users = condition
    ? ((await db.execute(recipientsSelect(condition))) as unknown as UserRow[]).map(recipientFromRow)
    : []
  return [...users, ...bareRecipients(event)]
}
