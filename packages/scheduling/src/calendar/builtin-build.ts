import type { DateRange } from '../date.js'
import { SchedulingError } from '../errors.js'
import type { Calendar } from './model.js'
import { makeCalendar } from './model.js'
import { parseHolidayCn } from './parse-holiday-cn.js'
import { parseOpenHolidaysCsv } from './parse-openholidays-csv.js'

export const OPENHOLIDAYS_ATTRIBUTION =
  'Holiday data: OpenHolidays API (openholidaysapi.org), Open Database License (ODbL) 1.0'
export const HOLIDAY_CN_ATTRIBUTION =
  'China holiday data: NateScarlet/holiday-cn (MIT), from State Council notices'

export interface BuiltinSources {
  /** de-nw-school-holidays.csv */
  deNwSchoolCsv: string
  /** de-public-holidays-nw.csv */
  deNwPublicCsv: string
  /** cn-holidays-YYYY.json files */
  cnYearJson: string[]
}

export interface BuiltinCalendars {
  /** Public holidays valid in NRW (Kreis Düren). */
  deNwPublic: Calendar
  /** NRW school holidays (Ferien); movable days off are per school and not included. */
  deNwSchool: Calendar
  /** China's statutory days off and make-up working days (调休). */
  cnPublic: Calendar
}

function yearsOf(dates: string[]): number[] {
  return [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b)
}

/**
 * Builds the shipped calendars from the raw files. Pure: the caller reads the files (the generator
 * script at build time, the drift test in CI). Coverage rules:
 * - public holidays: every calendar year that has at least one row is complete;
 * - school holidays: known from the first break's start to the last break's end (between two listed
 *   breaks it is term time; before the first and after the last nothing is known);
 * - China: each year file covers its calendar year.
 */
export function buildBuiltinCalendars(src: BuiltinSources): BuiltinCalendars {
  const pub = parseOpenHolidaysCsv(src.deNwPublicCsv, { subdivision: 'NW' })
  const pubCoverage: DateRange[] = yearsOf(pub.map((e) => e.start)).map((y) => ({
    start: `${y}-01-01`,
    end: `${y}-12-31`,
  }))

  const school = parseOpenHolidaysCsv(src.deNwSchoolCsv, { subdivision: 'NW' })
  if (school.length === 0)
    throw new SchedulingError('SCHED_PARSE_CSV', 'school holiday file has no rows', { line: 1 })
  const schoolStart = school.map((e) => e.start).sort()[0]!
  const schoolEnd = school.map((e) => e.end).sort()[school.length - 1]!

  const cnYears = src.cnYearJson.map((t) => parseHolidayCn(t))
  const cnEntries = cnYears.flatMap((y) => y.entries)
  const cnCoverage = cnYears.map((y) => ({ start: `${y.year}-01-01`, end: `${y.year}-12-31` }))

  return {
    deNwPublic: makeCalendar('de-nw-public', pub, pubCoverage, OPENHOLIDAYS_ATTRIBUTION),
    deNwSchool: makeCalendar(
      'de-nw-school',
      school,
      [{ start: schoolStart, end: schoolEnd }],
      OPENHOLIDAYS_ATTRIBUTION,
    ),
    cnPublic: makeCalendar('cn-public', cnEntries, cnCoverage, HOLIDAY_CN_ATTRIBUTION),
  }
}
