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

// The audience parts as sets of user ids, over any uuid[] / text[] expression: literal arrays for
// one event (audienceCondition) or the columns of a batch of events (audienceRecipientsSelect).
// Sets joined with UNION ALL under IN keep every part on its index (an OR of them would not).
const byUserIds = (ids: SQL) => sql`select x from unnest(${ids}) x`
const byInstitutions = (ids: SQL) =>
  sql`select m.user_id from memberships m where m.institution_id = any(${ids})`
const byOfficerSides = (sides: SQL) =>
  sql`select o.id from users o where cardinality(${sides}) > 0 and o.role = 'officer' and o.officer_side = any(${sides})`

/** The SQL condition on `users u` selecting an event's account holders; null when there are none. */
export function audienceCondition(event: DomainEvent): SQL | null {
  const a = audienceArrays(event)
  const parts: SQL[] = []
  if (a.userIds.length) parts.push(byUserIds(uuidArray(a.userIds)))
  if (a.institutionIds.length) parts.push(byInstitutions(uuidArray(a.institutionIds)))
  if (a.officerSides.length) parts.push(byOfficerSides(textArray(a.officerSides)))
  return parts.length === 0 ? null : sql`u.id in (${sql.join(parts, sql` union all `)})`
}

export interface AudienceArrays {
  userIds: string[]
  institutionIds: string[]
  officerSides: string[]
}

/** An event's account-holder audience as arrays (empty when it has none). */
export function audienceArrays(event: DomainEvent): AudienceArrays {
  if (!('audience' in event)) {
    return { userIds: 'userId' in event ? [event.userId] : [], institutionIds: [], officerSides: [] }
  }
  const a = event.audience
  return {
    userIds: a.userIds ?? [],
    institutionIds: a.institutionIds ?? [],
    officerSides: a.officerSides ?? [],
  }
}

/**
 * Active users' columns, with their preferences, for an audience given as array expressions
 * (e.g. the columns of a recordset of events); the same conditions as audienceCondition.
 */
export function audienceRecipientsSelect(userIds: SQL, institutionIds: SQL, officerSides: SQL): SQL {
  return recipientsSelect(
    sql`u.id in (${byUserIds(userIds)} union all ${byInstitutions(institutionIds)} union all ${byOfficerSides(officerSides)})`,
  )
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
