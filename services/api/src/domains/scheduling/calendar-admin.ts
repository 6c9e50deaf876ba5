import { institutionCalendarId, loadCalendars, SIDE_CALENDARS } from '@dj/calendar-store'
import { type EntryInput, type ImportBody, INSTITUTION_ENTRY_KINDS } from '@dj/contracts'
import { calendarEntries, calendarImports, type DbOrTx, institutions, memberships } from '@dj/db'
import {
  type CalendarEntry,
  coverageGaps,
  type DateRange,
  ENTRY_KINDS,
  type EntryKind,
  icsEventsToEntries,
  parseIcs,
  parseImportCsv,
} from '@dj/scheduling'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors, FieldsError } from '../errors.js'
import { withSchedulingErrors } from './errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Entries one calendar file may hold. Real files (a side's holidays for some years, a school's
 * breaks) have tens to hundreds; the cap keeps one upload from filling the calendar tables.
 */
export const MAX_IMPORT_ENTRIES = 5_000
const INSERT_BATCH = 500

/** Officers and admins editing an institution's calendar are audited; its own members are not. */
const isStaff = (p: Actor) => p.role === 'officer' || p.role === 'admin'

/** Kinds an institution may add for itself (holidays of a whole side come from officers). */
const OWN_KINDS: readonly EntryKind[] = INSTITUTION_ENTRY_KINDS

/** Which calendars the principal may see: every side calendar, and the institutions they belong to. */
async function visibleInstitutionIds(db: DbOrTx, p: Actor): Promise<string[]> {
  if (p.role === 'coordinator') {
    const rows = await db
      .select({ id: memberships.institutionId })
      .from(memberships)
      .where(eq(memberships.userId, p.userId))
    return rows.map((r) => r.id)
  }
  return []
}

export async function listCalendars(db: DbOrTx, p: Actor, range: DateRange | null) {
  const instIds = await visibleInstitutionIds(db, p)
  const ids = [...Object.keys(SIDE_CALENDARS), ...instIds.map(institutionCalendarId)]
  const cals = await loadCalendars(db, ids)
  return ids.map((id) => {
    const cal = cals.get(id)!
    const side = SIDE_CALENDARS[id]
    const own = id.startsWith('institution:')
    return {
      id,
      scope: own ? ('institution' as const) : ('side' as const),
      side: side?.side ?? null,
      institutionId: own ? id.slice('institution:'.length) : null,
      coverage: own ? [] : cal.coverage,
      // An empty coverage means nothing is known: the whole range is a gap.
      coverageGaps: range && !own ? coverageGaps(cal, range) : [],
      entryCount: cal.entries.length,
      attribution: cal.attribution ?? null,
    }
  })
}

export async function calendarEntriesIn(db: DbOrTx, p: Actor, id: string, range: DateRange) {
  if (id.startsWith('institution:')) {
    const institutionId = id.slice('institution:'.length)
    // The id comes from the path: anything but a uuid would reach Postgres' uuid cast and fail as a 500.
    if (!UUID.test(institutionId)) throw new Errors.NotFound('calendar')
    await requireInstitutionCalendar(db, p, institutionId, 'read')
  } else if (!SIDE_CALENDARS[id]) throw new Errors.NotFound('calendar')
  const cal = (await loadCalendars(db, [id])).get(id)!
  return {
    id,
    entries: cal.entries.filter((e) => e.start <= range.end && e.end >= range.start),
    coverageGaps: id.startsWith('institution:') ? [] : coverageGaps(cal, range),
    attribution: cal.attribution ?? null,
  }
}

/**
 * Members of an institution manage its own calendar; officers of its side too (and may import
 * files for it); everyone else gets 404.
 */
async function requireInstitutionCalendar(
  db: DbOrTx,
  p: Actor,
  institutionId: string,
  mode: 'read' | 'write',
) {
  const [inst] = await db.select().from(institutions).where(eq(institutions.id, institutionId))
  if (!inst) throw new Errors.NotFound('institution')
  if (p.role === 'admin') return inst
  if (p.role === 'officer') {
    if (p.side === inst.side) return inst
    throw new Errors.NotFound('institution')
  }
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, p.userId), eq(memberships.institutionId, institutionId)))
  if (!m) throw new Errors.NotFound('institution')
  void mode
  return inst
}

export async function addInstitutionEntries(
  db: DbOrTx,
  p: Actor,
  institutionId: string,
  entries: EntryInput[],
  requestId?: string,
) {
  await requireInstitutionCalendar(db, p, institutionId, 'write')
  const problems: { field: string; message: string }[] = []
  entries.forEach((e, i) => {
    if (!OWN_KINDS.includes(e.kind))
      problems.push({
        field: `entries[${i}].kind`,
        message: `must be one of ${OWN_KINDS.join(', ')}`,
      })
    if (e.end !== undefined && e.end < e.start)
      problems.push({ field: `entries[${i}].end`, message: 'is before start' })
  })
  if (problems.length > 0) throw new FieldsError(problems)
  const calendarId = institutionCalendarId(institutionId)
  const rows = await db
    .insert(calendarEntries)
    .values(
      entries.map((e) => ({
        calendarId,
        institutionId,
        startDate: e.start,
        endDate: e.end ?? e.start,
        kind: e.kind,
        name: e.name ?? {},
        source: `manual:${p.userId}`,
        createdBy: p.userId,
      })),
    )
    .returning()
  if (isStaff(p))
    await writeAudit(db, {
      actorId: p.userId,
      actorLabel: p.displayName,
      action: 'calendar.entries_added',
      entityType: 'institution',
      entityId: institutionId,
      after: { calendarId, entryIds: rows.map((r) => r.id) },
      ...(requestId ? { requestId } : {}),
    })
  return rows.map(entryView)
}

export async function listInstitutionEntries(db: DbOrTx, p: Actor, institutionId: string) {
  await requireInstitutionCalendar(db, p, institutionId, 'read')
  const rows = await db
    .select()
    .from(calendarEntries)
    .where(eq(calendarEntries.calendarId, institutionCalendarId(institutionId)))
    .orderBy(calendarEntries.startDate)
  return rows.map(entryView)
}

export async function deleteInstitutionEntry(
  db: DbOrTx,
  p: Actor,
  institutionId: string,
  entryId: string,
  requestId?: string,
) {
  await requireInstitutionCalendar(db, p, institutionId, 'write')
  const rows = await db
    .delete(calendarEntries)
    .where(and(eq(calendarEntries.id, entryId), eq(calendarEntries.institutionId, institutionId)))
    .returning()
  const [gone] = rows
  if (!gone) throw new Errors.NotFound('calendar entry')
  if (isStaff(p))
    await writeAudit(db, {
      actorId: p.userId,
      actorLabel: p.displayName,
      action: 'calendar.entry_deleted',
      entityType: 'institution',
      entityId: institutionId,
      before: entryView(gone),
      ...(requestId ? { requestId } : {}),
    })
}

function entryView(r: typeof calendarEntries.$inferSelect) {
  return { id: r.id, start: r.startDate, end: r.endDate, kind: r.kind, name: r.name, source: r.source }
}

/**
 * Officer upload of ICS or CSV into a side calendar of the officer's side (e.g. China's 2027
 * holidays into `cn-public`, Jinhua school breaks into `cn-school`) or into an institution's
 * calendar. Re-uploading replaces the previous import, so a corrected file is an update.
 */
export async function importCalendar(db: DbOrTx, p: Actor, input: ImportBody, requestId: string | undefined) {
  let calendarId: string
  let side: 'duren' | 'jinhua' | null = null
  let institutionId: string | null = null
  if (input.institutionId) {
    const inst = await requireInstitutionCalendar(db, p, input.institutionId, 'write')
    calendarId = institutionCalendarId(inst.id)
    institutionId = inst.id
  } else if (input.calendarId) {
    const known = SIDE_CALENDARS[input.calendarId]
    if (!known)
      throw new FieldsError([
        { field: 'calendarId', message: `must be one of ${Object.keys(SIDE_CALENDARS).join(', ')}` },
      ])
    if (p.role !== 'admin' && p.side !== known.side) throw new Errors.Forbidden()
    calendarId = input.calendarId
    side = known.side
  } else {
    throw new FieldsError([{ field: 'calendarId', message: 'give calendarId or institutionId' }])
  }
  if (input.coverage && input.coverage.end < input.coverage.start)
    throw new FieldsError([{ field: 'coverage.end', message: 'is before start' }])
  if (input.coverage && institutionId)
    throw new FieldsError([{ field: 'coverage', message: 'only side calendars have a coverage' }])

  const entries: CalendarEntry[] = withSchedulingErrors(
    () => {
      if (input.format === 'csv') return parseImportCsv(input.content)
      const parsed = parseIcs(input.content)
      return icsEventsToEntries(parsed.events, {
        kind: input.kind ?? (institutionId ? 'blackout' : 'public_holiday'),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      })
    },
    (f) => (f.startsWith('content') ? f : `content.${f}`),
  )
  if (entries.length > MAX_IMPORT_ENTRIES)
    throw new FieldsError([
      {
        field: 'content',
        message: `has ${entries.length} entries; a file may hold at most ${MAX_IMPORT_ENTRIES} (split it into several)`,
      },
    ])
  const bad = entries.findIndex((e) => !(ENTRY_KINDS as readonly string[]).includes(e.kind))
  if (bad >= 0) throw new FieldsError([{ field: `content (entry ${bad + 1})`, message: 'unknown kind' }])
  if (institutionId) {
    const wrong = entries.findIndex((e) => !OWN_KINDS.includes(e.kind))
    if (wrong >= 0)
      throw new FieldsError([
        {
          field: `content (entry ${wrong + 1})`,
          message: `kind must be one of ${OWN_KINDS.join(', ')}`,
        },
      ])
  }

  if ((input.mode ?? 'replace') === 'replace') {
    const old = await db
      .select({ id: calendarImports.id })
      .from(calendarImports)
      .where(
        and(
          eq(calendarImports.calendarId, calendarId),
          institutionId
            ? eq(calendarImports.institutionId, institutionId)
            : isNull(calendarImports.institutionId),
        ),
      )
    if (old.length > 0)
      await db.delete(calendarImports).where(
        inArray(
          calendarImports.id,
          old.map((o) => o.id),
        ),
      )
  }
  const [imp] = await db
    .insert(calendarImports)
    .values({
      calendarId,
      side,
      institutionId,
      format: input.format,
      coverageStart: input.coverage?.start ?? null,
      coverageEnd: input.coverage?.end ?? null,
      entryCount: entries.length,
      createdBy: p.userId,
    })
    .returning()
  // In batches: one statement for thousands of rows overflows the stack building it (and
  // PostgreSQL takes at most 65,535 parameters a statement).
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    await db.insert(calendarEntries).values(
      entries.slice(i, i + INSERT_BATCH).map((e) => ({
        calendarId,
        importId: imp!.id,
        institutionId,
        startDate: e.start,
        endDate: e.end,
        kind: e.kind,
        name: e.name,
        source: e.source,
        createdBy: p.userId,
      })),
    )
  }
  await writeAudit(db, {
    actorId: p.userId,
    actorLabel: p.displayName,
    action: 'calendar.imported',
    entityType: 'calendar',
    entityId: calendarId,
    after: {
      importId: imp!.id,
      format: input.format,
      entries: entries.length,
      coverage: input.coverage ?? null,
    },
    requestId,
  })
  const cal = (await loadCalendars(db, [calendarId])).get(calendarId)!
  return {
    importId: imp!.id,
    calendarId,
    entries: entries.length,
    coverage: institutionId ? [] : cal.coverage,
  }
}
