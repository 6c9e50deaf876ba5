import type { DbOrTx } from '@dj/db'
import type { Locale } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
import { sql } from 'drizzle-orm'
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
