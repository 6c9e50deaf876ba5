import type { IsoDate } from '../date.js'
import { isIsoDate, toDayNumber } from '../date.js'
import { SchedulingError } from '../errors.js'
import type { CalendarEntry, LocalizedName } from './model.js'

export interface HolidayCnYear {
  year: number
  /** State Council notices the dates come from. */
  papers: string[]
  entries: CalendarEntry[]
}

const TRANSLATIONS: Record<string, { de: string; en: string }> = {
  元旦: { de: 'Neujahr', en: "New Year's Day" },
  春节: { de: 'Frühlingsfest (Chinesisches Neujahr)', en: 'Spring Festival' },
  清明节: { de: 'Qingming-Fest', en: 'Qingming Festival' },
  劳动节: { de: 'Tag der Arbeit', en: 'Labour Day' },
  端午节: { de: 'Drachenbootfest', en: 'Dragon Boat Festival' },
  中秋节: { de: 'Mondfest', en: 'Mid-Autumn Festival' },
  国庆节: { de: 'Nationalfeiertag', en: 'National Day' },
}

/** holiday-cn joins names of merged holidays with 、 (e.g. 国庆节、中秋节 in 2025). */
export function translateCnHolidayName(zh: string): LocalizedName {
  const parts = zh.split('、').map((p) => TRANSLATIONS[p.trim()])
  if (parts.some((p) => p === undefined)) return { zh }
  const known = parts as { de: string; en: string }[]
  return { zh, de: known.map((p) => p.de).join(', '), en: known.map((p) => p.en).join(', ') }
}

function fail(message: string, line?: number): SchedulingError {
  return new SchedulingError('SCHED_PARSE_HOLIDAY_CN', message, line === undefined ? {} : { line })
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Line of the n-th (0-based) `"date"` key, which is where the n-th day object sits in holiday-cn files. */
function lineOfDay(text: string, n: number): number | undefined {
  const re = /"date"\s*:/g
  let m: RegExpExecArray | null = re.exec(text)
  for (let i = 0; m && i < n; i++) m = re.exec(text)
  return m ? lineOfOffset(text, m.index) : undefined
}

/**
 * Parses one NateScarlet/holiday-cn year file. `isOffDay: true` is a statutory day off,
 * `isOffDay: false` a make-up working day (调休): typically a weekend day that is worked. Consecutive
 * days with the same name and status become one entry.
 */
export function parseHolidayCn(text: string): HolidayCnYear {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    const pos = /position (\d+)/.exec(msg)
    throw fail(`invalid JSON: ${msg}`, pos ? lineOfOffset(text, Number(pos[1])) : undefined)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw fail('top level must be an object', 1)
  const obj = data as { year?: unknown; papers?: unknown; days?: unknown }
  if (typeof obj.year !== 'number' || !Number.isInteger(obj.year)) throw fail('"year" must be an integer')
  const year = obj.year
  const papers = Array.isArray(obj.papers) ? obj.papers.filter((p): p is string => typeof p === 'string') : []
  if (!Array.isArray(obj.days)) throw fail('"days" must be an array')

  const days: { date: IsoDate; name: string; off: boolean }[] = []
  obj.days.forEach((d: unknown, i: number) => {
    const line = lineOfDay(text, i)
    if (typeof d !== 'object' || d === null) throw fail(`days[${i}] must be an object`, line)
    const day = d as { date?: unknown; name?: unknown; isOffDay?: unknown }
    if (!isIsoDate(day.date)) throw fail(`days[${i}].date is not a valid date`, line)
    if (typeof day.name !== 'string' || day.name === '') throw fail(`days[${i}].name must be a string`, line)
    if (typeof day.isOffDay !== 'boolean') throw fail(`days[${i}].isOffDay must be true or false`, line)
    days.push({ date: day.date, name: day.name, off: day.isOffDay })
  })
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  for (let i = 1; i < days.length; i++) {
    if (days[i]!.date === days[i - 1]!.date) throw fail(`date ${days[i]!.date} listed twice`)
  }

  const entries: CalendarEntry[] = []
  let run: { start: IsoDate; end: IsoDate; name: string; off: boolean } | undefined
  const flush = () => {
    if (!run) return
    entries.push({
      start: run.start,
      end: run.end,
      kind: run.off ? 'public_holiday' : 'makeup_workday',
      name: translateCnHolidayName(run.name),
      source: `holiday-cn:${year}`,
    })
  }
  for (const d of days) {
    if (run && run.name === d.name && run.off === d.off && toDayNumber(d.date) === toDayNumber(run.end) + 1) {
      run.end = d.date
    } else {
      flush()
      run = { start: d.date, end: d.date, name: d.name, off: d.off }
    }
  }
  flush()
  return { year, papers, entries }
}
