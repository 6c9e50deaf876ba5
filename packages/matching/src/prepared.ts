import { invalidInput } from './errors.js'
import { formatRoles } from './formats.js'
import { LANG_LEVELS, LANGS, type MatchInterest, TOPICS } from './interest.js'

/** MatchInterest reduced to numbers and bitmasks so pair checks allocate nothing. */
export interface PreparedInterest {
  src: MatchInterest
  hostMask: number
  visitMask: number
  virtual: boolean
  topicMask: number
  langMask: number
  /** Level per LANGS index: 0 = none, 1 basic .. 4 native. */
  langLevel: Int8Array
  /** Windows as [startDay, endDay] pairs (days since epoch, inclusive). */
  windows: Int32Array
  kindClass: number
  // Copies of the numeric fields: hot loops read them without the extra hop through `src`.
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  hostingCapacity: number
  durationMinDays: number
  durationMaxDays: number
}

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function dayNumber(iso: string, field: string): number {
  const m = ISO_DATE.exec(iso)
  if (!m) throw invalidInput(field, `not an ISO date YYYY-MM-DD: ${JSON.stringify(iso)}`)
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(ms)
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw invalidInput(field, `no such date ${iso}`)
  }
  return ms / DAY_MS
}

/**
 * Subtypes that belong to the same stage of education share a bit, so "gymnasium ↔ senior_high" is one
 * AND. Gesamtschule covers both secondary stages.
 */
const KIND_CLASS: Record<string, number> = {
  grundschule: 1,
  primary: 1,
  realschule: 2,
  hauptschule: 2,
  sekundarschule: 2,
  junior_middle: 2,
  gesamtschule: 2 | 4,
  gymnasium: 4,
  senior_high: 4,
  berufskolleg: 8,
  vocational_college: 8,
  secondary_vocational: 8,
  training_company: 8,
  chamber: 8,
}

function checkRange(x: MatchInterest, lo: keyof MatchInterest, hi: keyof MatchInterest): void {
  const a = x[lo]
  const b = x[hi]
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || a > b) {
    throw invalidInput(`${x.id}.${String(lo)}`, `${String(lo)} must be a number <= ${String(hi)}`)
  }
}

export function prepareInterest(x: MatchInterest): PreparedInterest {
  checkRange(x, 'ageMin', 'ageMax')
  checkRange(x, 'groupMin', 'groupMax')
  checkRange(x, 'durationMinDays', 'durationMaxDays')
  if (!Number.isInteger(x.capacity) || x.capacity < 0)
    throw invalidInput(`${x.id}.capacity`, 'must be an integer >= 0')
  const roles = formatRoles(x.formats, x.direction, x.institutionKind, x.subtype)
  let topicMask = 0
  for (const t of x.topics) {
    const i = TOPICS.indexOf(t)
    if (i < 0) throw invalidInput(`${x.id}.topics`, `unknown topic ${t}`)
    topicMask |= 1 << i
  }
  const langLevel = new Int8Array(LANGS.length)
  let langMask = 0
  for (const { lang, level } of x.languages) {
    const i = LANGS.indexOf(lang)
    const l = LANG_LEVELS.indexOf(level) + 1
    if (i < 0 || l === 0) throw invalidInput(`${x.id}.languages`, `unknown language ${lang}/${level}`)
    langMask |= 1 << i
    if (l > langLevel[i]!) langLevel[i] = l
  }
  const windows = new Int32Array(x.windows.length * 2)
  x.windows.forEach((w, k) => {
    windows[2 * k] = dayNumber(w.start, `${x.id}.windows[${k}].start`)
    windows[2 * k + 1] = dayNumber(w.end, `${x.id}.windows[${k}].end`)
    if (windows[2 * k]! > windows[2 * k + 1]!) throw invalidInput(`${x.id}.windows[${k}]`, 'start after end')
  })
  return {
    src: x,
    hostMask: roles.hostMask,
    visitMask: roles.visitMask,
    virtual: roles.virtual,
    topicMask,
    langMask,
    langLevel,
    windows,
    kindClass: x.subtype === null ? 0 : (KIND_CLASS[x.subtype] ?? 0),
    ageMin: x.ageMin,
    ageMax: x.ageMax,
    groupMin: x.groupMin,
    groupMax: x.groupMax,
    hostingCapacity: x.hostingCapacity,
    durationMinDays: x.durationMinDays,
    durationMaxDays: x.durationMaxDays,
  }
}
