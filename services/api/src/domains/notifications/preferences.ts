import type { DbOrTx, Locale } from '@dj/db'
// Security mail always goes out by email, at once; its email channel cannot be switched off.
import { SECURITY_TYPES } from '@dj/messages'
import { EVENT_SUBSCRIBERS } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { FieldsError } from '../errors.js'

/** Event types a user can get a message about (the notify queue's, minus its own digest trigger). */
export const NOTIFIED_TYPES = Object.entries(EVENT_SUBSCRIBERS)
  .filter(([type, queues]) => queues.includes('notify') && type !== 'digest.due')
  .map(([type]) => type)
  .sort()

export interface PreferencesView {
  language: Locale
  languageOverride: Locale | null
  mode: 'immediate' | 'daily'
  quietHours: { start: string; end: string } | null
  channels: Record<string, { email: boolean; inApp: boolean; locked: boolean }>
}

export interface PreferencesInput {
  language?: Locale | null
  mode?: 'immediate' | 'daily'
  quietHours?: { start: string; end: string } | null
  channels?: Record<string, { email?: boolean; inApp?: boolean }>
}

interface Row extends Record<string, unknown> {
  account_locale: Locale
  locale: Locale | null
  mode: 'immediate' | 'daily' | null
  quiet_start: string | null
  quiet_end: string | null
  channels: Record<string, { email?: boolean; inApp?: boolean }> | null
}

async function loadRow(db: DbOrTx, userId: string): Promise<Row | undefined> {
  const [row] = (await db.execute(sql`
    select u.locale as account_locale, p.locale, p.mode, p.quiet_start, p.quiet_end, p.channels
    from users u left join notification_preferences p on p.user_id = u.id
    where u.id = ${userId}::uuid`)) as unknown as Row[]
  return row
}

function viewOf(row: Row | undefined): PreferencesView {
  const channels: PreferencesView['channels'] = {}
  for (const type of NOTIFIED_TYPES) {
    const locked = SECURITY_TYPES.has(type)
    const c = row?.channels?.[type] ?? {}
    channels[type] = { email: locked || c.email !== false, inApp: c.inApp !== false, locked }
  }
  return {
    language: row?.locale ?? row?.account_locale ?? 'de',
    languageOverride: row?.locale ?? null,
    mode: row?.mode ?? 'immediate',
    quietHours: row?.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    channels,
  }
}

export async function loadPreferences(db: DbOrTx, userId: string): Promise<PreferencesView> {
  return viewOf(await loadRow(db, userId))
}

/** Replaces the fields given; fields left out keep their value. Returns the preferences now in force. */
export async function savePreferences(
  db: DbOrTx,
  userId: string,
  input: PreferencesInput,
): Promise<PreferencesView> {
  const problems = []
  for (const [type, c] of Object.entries(input.channels ?? {})) {
    if (!NOTIFIED_TYPES.includes(type))
      problems.push({ field: `channels.${type}`, message: 'is not an event type' })
    else if (SECURITY_TYPES.has(type) && c.email === false)
      problems.push({ field: `channels.${type}.email`, message: 'security mail cannot be switched off' })
  }
  if (input.quietHours && input.quietHours.start === input.quietHours.end)
    problems.push({ field: 'quietHours', message: 'start and end must differ' })
  if (problems.length > 0) throw new FieldsError(problems)

  const row = await loadRow(db, userId)
  const current = viewOf(row)
  const channels: Record<string, { email?: boolean; inApp?: boolean }> = {}
  for (const [type, c] of Object.entries(current.channels)) {
    const next = { ...c, ...(input.channels?.[type] ?? {}) }
    if (!next.email || !next.inApp) channels[type] = { email: next.email, inApp: next.inApp }
  }
  const language = input.language === undefined ? current.languageOverride : input.language
  const mode = input.mode ?? current.mode
  const quiet = input.quietHours === undefined ? current.quietHours : input.quietHours
  await db.execute(sql`
    insert into notification_preferences (user_id, locale, mode, quiet_start, quiet_end, channels, updated_at)
    values (${userId}::uuid, ${language}, ${mode}, ${quiet?.start ?? null}, ${quiet?.end ?? null},
      ${JSON.stringify(channels)}::jsonb, now())
    on conflict (user_id) do update set locale = excluded.locale, mode = excluded.mode,
      quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, channels = excluded.channels,
      updated_at = now()`)
  return viewOf({
    account_locale: row?.account_locale ?? 'de',
    locale: language,
    mode,
    quiet_start: quiet?.start ?? null,
    quiet_end: quiet?.end ?? null,
    channels,
  })
}
