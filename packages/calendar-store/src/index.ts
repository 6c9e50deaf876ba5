import { calendarEntries, calendarImports, type DbOrTx } from '@dj/db'
import {
  type Calendar,
  type CalendarEntry,
  type EntryKind,
  type IsoDate,
  loadBuiltinCalendars,
  makeCalendar,
} from '@dj/scheduling'
import { and, inArray, isNotNull } from 'drizzle-orm'

// The database side of calendars: @dj/scheduling stays free of I/O, so merging its builtin data
// with what officers and institutions imported lives here, shared by the API and the scheduler.

type SideName = 'duren' | 'jinhua'
const builtin = loadBuiltinCalendars()

/** Side calendars: builtin data (if any) plus what officers imported. */
export const SIDE_CALENDARS: Record<string, { side: SideName; school: boolean; base: Calendar | null }> = {
  'de-nw-public': { side: 'duren', school: false, base: builtin.deNwPublic },
  'de-nw-school': { side: 'duren', school: true, base: builtin.deNwSchool },
  'cn-public': { side: 'jinhua', school: false, base: builtin.cnPublic },
  'cn-school': { side: 'jinhua', school: true, base: null },
}

/** An institution's own entries are additions, never "the truth about every day": full coverage. */
const INSTITUTION_COVERAGE = { start: '2000-01-01', end: '2099-12-31' }

export const institutionCalendarId = (institutionId: string) => `institution:${institutionId}`

export function sideCalendarIds(side: SideName, school: boolean): string[] {
  const pub = side === 'duren' ? 'de-nw-public' : 'cn-public'
  const sch = side === 'duren' ? 'de-nw-school' : 'cn-school'
  return school ? [pub, sch] : [pub]
}

/** Builtin data merged with DB entries and imported coverage, for each requested calendar id. */
export async function loadCalendars(db: DbOrTx, ids: readonly string[]): Promise<Map<string, Calendar>> {
  const unique = [...new Set(ids)]
  const out = new Map<string, Calendar>()
  if (unique.length === 0) return out
  const rows = await db.select().from(calendarEntries).where(inArray(calendarEntries.calendarId, unique))
  const covers = await db
    .select()
    .from(calendarImports)
    .where(
      and(
        inArray(calendarImports.calendarId, unique),
        isNotNull(calendarImports.coverageStart),
        isNotNull(calendarImports.coverageEnd),
      ),
    )
  for (const id of unique) {
    const side = SIDE_CALENDARS[id]
    const base = side?.base ?? null
    const added: CalendarEntry[] = rows
      .filter((r) => r.calendarId === id)
      .map((r) => ({
        start: r.startDate as IsoDate,
        end: r.endDate as IsoDate,
        kind: r.kind as EntryKind,
        name: r.name,
        source: r.source,
      }))
    const coverage = id.startsWith('institution:')
      ? [INSTITUTION_COVERAGE]
      : [
          ...(base?.coverage ?? []),
          ...covers
            .filter((c) => c.calendarId === id)
            .map((c) => ({ start: c.coverageStart as IsoDate, end: c.coverageEnd as IsoDate })),
        ]
    out.set(id, makeCalendar(id, [...(base?.entries ?? []), ...added], coverage, base?.attribution))
  }
  return out
}
