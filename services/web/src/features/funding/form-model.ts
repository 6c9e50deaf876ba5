import type { FormState } from '../../components/forms.js'

/**
 * The officers' programme form as flat string values and back to the programme document
 * (FundingProgramme of @dj/exchange, which the API checks). Rates, lump sums and deadlines are
 * repeated rows: the form shows the existing ones and some blank ones; a blank row is no row.
 */

export const RATE_TYPES = [
  'perPersonPerDay',
  'staffPerPersonPerDay',
  'travelPerKm',
  'interpreterPerDay',
  'visaPerPerson',
] as const
export type RateType = (typeof RATE_TYPES)[number]
export const RATE_PLACES = ['germany', 'abroad', 'both'] as const
export const FORMATS = [
  'pupil_exchange_hosting',
  'group_visit',
  'hosting_only',
  'virtual_exchange',
  'club_encounter',
  'vocational_placement',
  'staff_exchange',
  'joint_project',
] as const
export const KINDS = ['school', 'club', 'vocational', 'public'] as const
export const SIDES = ['duren', 'jinhua'] as const
export const DIRECTIONS = ['duren_to_jinhua', 'jinhua_to_duren'] as const

/** Blank rows offered besides the filled ones. */
const SPARE_ROWS = 2

interface Name {
  de: string
  en: string
  zh: string
}
interface Rate {
  amount: number
  where: string
}
/** The parts of the programme document the form edits (everything it has). */
export interface ProgrammeDoc {
  slug: string
  name: Name
  funder: string
  sourceUrl: string
  lastChecked: string
  notes: string
  eligibility: {
    formats: string[]
    institutionKinds: string[]
    sides: string[]
    directions: string[]
    ages?: { min: number; max: number }
    groupSize?: { maxParticipants?: number; maxLeaders?: number }
    duration?: { minDays?: number; maxDays?: number }
    staff?: { maxParticipants?: number; duration?: { minDays?: number; maxDays?: number } }
    activitiesInGermanyOnly?: boolean
  }
  rates: Partial<Record<RateType, Rate>> & {
    lumpSums?: { label: Name; max: number; institutionKinds?: string[] }[]
  }
  deadlines: { label: Name; month: number; day: number; yearOffset?: number }[]
  reportDueDays?: number
}

export const EMPTY_PROGRAMME: ProgrammeDoc = {
  slug: '',
  name: { de: '', en: '', zh: '' },
  funder: '',
  sourceUrl: 'https://',
  lastChecked: '',
  notes: '',
  eligibility: { formats: [], institutionKinds: [], sides: ['duren'], directions: [...DIRECTIONS] },
  rates: {},
  deadlines: [],
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n))

/** How many rows of each repeated group the form shows for these values. */
export function rowCounts(values: Record<string, string>) {
  const count = (prefix: string, field: string) => {
    let n = 0
    while (`${prefix}-${n}-${field}` in values) n += 1
    return n
  }
  return { rates: count('rate', 'type'), lumps: count('lump', 'max'), deadlines: count('deadline', 'month') }
}

/** The form's values for a programme, with blank rows to add more. */
export function valuesOf(doc: ProgrammeDoc, version?: number): Record<string, string> {
  const e = doc.eligibility
  const v: Record<string, string> = {
    slug: doc.slug,
    nameDe: doc.name.de,
    nameEn: doc.name.en,
    nameZh: doc.name.zh,
    funder: doc.funder,
    sourceUrl: doc.sourceUrl,
    lastChecked: doc.lastChecked,
    notes: doc.notes,
    formats: e.formats.join(','),
    kinds: e.institutionKinds.join(','),
    sides: e.sides.join(','),
    directions: e.directions.join(','),
    ageMin: str(e.ages?.min),
    ageMax: str(e.ages?.max),
    maxParticipants: str(e.groupSize?.maxParticipants),
    maxLeaders: str(e.groupSize?.maxLeaders),
    minDays: str(e.duration?.minDays),
    maxDays: str(e.duration?.maxDays),
    staffMaxParticipants: str(e.staff?.maxParticipants),
    staffMinDays: str(e.staff?.duration?.minDays),
    staffMaxDays: str(e.staff?.duration?.maxDays),
    germanyOnly: e.activitiesInGermanyOnly ? 'yes' : '',
    reportDueDays: str(doc.reportDueDays),
  }
  if (version !== undefined) v['version'] = String(version)
  const rates = RATE_TYPES.flatMap((type) => {
    const r = doc.rates[type]
    return r ? [{ type, amount: String(r.amount), where: r.where }] : []
  })
  const rateRows = Math.min(RATE_TYPES.length, rates.length + SPARE_ROWS)
  for (let i = 0; i < rateRows; i++) {
    v[`rate-${i}-type`] = rates[i]?.type ?? ''
    v[`rate-${i}-amount`] = rates[i]?.amount ?? ''
    v[`rate-${i}-where`] = rates[i]?.where ?? 'germany'
  }
  const lumps = doc.rates.lumpSums ?? []
  for (let i = 0; i < lumps.length + SPARE_ROWS; i++) {
    const l = lumps[i]
    v[`lump-${i}-de`] = l?.label.de ?? ''
    v[`lump-${i}-en`] = l?.label.en ?? ''
    v[`lump-${i}-zh`] = l?.label.zh ?? ''
    v[`lump-${i}-max`] = l ? String(l.max) : ''
    v[`lump-${i}-kinds`] = l?.institutionKinds?.join(',') ?? ''
  }
  for (let i = 0; i < doc.deadlines.length + SPARE_ROWS; i++) {
    const d = doc.deadlines[i]
    v[`deadline-${i}-de`] = d?.label.de ?? ''
    v[`deadline-${i}-en`] = d?.label.en ?? ''
    v[`deadline-${i}-zh`] = d?.label.zh ?? ''
    v[`deadline-${i}-month`] = d ? String(d.month) : ''
    v[`deadline-${i}-day`] = d ? String(d.day) : ''
    v[`deadline-${i}-yearOffset`] = d?.yearOffset === undefined ? '' : String(d.yearOffset)
  }
  return v
}

/** The posted form as values: lists (checkboxes) joined by commas, everything else as typed. */
export function postedValues(body: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, raw] of Object.entries(body)) out[k] = (Array.isArray(raw) ? raw.join(',') : raw).trim()
  return out
}

const list = (value: string | undefined) => (value ?? '').split(',').filter(Boolean)

function whole(state: FormState, name: string): number | undefined {
  const raw = state.values[name] ?? ''
  if (raw === '') return undefined
  if (!/^-?\d{1,6}$/.test(raw)) {
    state.errors[name] = 'err.number'
    return undefined
  }
  return Number(raw)
}

/** Euros with a decimal point or comma, up to two places ("0,08", "305"). */
function euros(state: FormState, name: string): number | undefined {
  const raw = (state.values[name] ?? '').replace(',', '.')
  if (raw === '') return undefined
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(raw)) {
    state.errors[name] = 'funding.err.euros'
    return undefined
  }
  return Number(raw)
}

const defined = <T extends object>(o: T): T | undefined =>
  Object.values(o).some((x) => x !== undefined)
    ? (Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T)
    : undefined

/** Where each document path the API may name is on the form (its 422 goes on that field). */
export type PathMap = Record<string, string>

/**
 * The programme document from the form, and where each part of it sits on the form. Numbers that
 * are no numbers go on their field here; everything else is the API's schema to judge.
 */
export function docOf(state: FormState): { doc: ProgrammeDoc; paths: PathMap } {
  const v = state.values
  const paths: PathMap = {
    slug: 'slug',
    'name.de': 'nameDe',
    'name.en': 'nameEn',
    'name.zh': 'nameZh',
    funder: 'funder',
    sourceUrl: 'sourceUrl',
    lastChecked: 'lastChecked',
    notes: 'notes',
    'eligibility.formats': 'formats',
    'eligibility.institutionKinds': 'kinds',
    'eligibility.sides': 'sides',
    'eligibility.directions': 'directions',
    'eligibility.ages': 'ageMin',
    'eligibility.ages.min': 'ageMin',
    'eligibility.ages.max': 'ageMax',
    'eligibility.groupSize.maxParticipants': 'maxParticipants',
    'eligibility.groupSize.maxLeaders': 'maxLeaders',
    'eligibility.duration.minDays': 'minDays',
    'eligibility.duration.maxDays': 'maxDays',
    'eligibility.staff.maxParticipants': 'staffMaxParticipants',
    'eligibility.staff.duration.minDays': 'staffMinDays',
    'eligibility.staff.duration.maxDays': 'staffMaxDays',
    reportDueDays: 'reportDueDays',
  }
  const ageMin = whole(state, 'ageMin')
  const ageMax = whole(state, 'ageMax')
  if ((ageMin === undefined) !== (ageMax === undefined) && !state.errors['ageMin'] && !state.errors['ageMax'])
    state.errors[ageMin === undefined ? 'ageMin' : 'ageMax'] = 'funding.err.agesBoth'
  const eligibility: ProgrammeDoc['eligibility'] = {
    formats: list(v['formats']),
    institutionKinds: list(v['kinds']),
    sides: list(v['sides']),
    directions: list(v['directions']),
  }
  if (ageMin !== undefined && ageMax !== undefined) eligibility.ages = { min: ageMin, max: ageMax }
  const groupSize = defined({
    maxParticipants: whole(state, 'maxParticipants'),
    maxLeaders: whole(state, 'maxLeaders'),
  })
  if (groupSize) eligibility.groupSize = groupSize
  const duration = defined({ minDays: whole(state, 'minDays'), maxDays: whole(state, 'maxDays') })
  if (duration) eligibility.duration = duration
  const staffDuration = defined({
    minDays: whole(state, 'staffMinDays'),
    maxDays: whole(state, 'staffMaxDays'),
  })
  const staff = defined({
    maxParticipants: whole(state, 'staffMaxParticipants'),
    ...(staffDuration ? { duration: staffDuration } : {}),
  })
  if (staff) eligibility.staff = staff
  if (v['germanyOnly'] === 'yes') eligibility.activitiesInGermanyOnly = true

  const counts = rowCounts(v)
  const rates: ProgrammeDoc['rates'] = {}
  for (let i = 0; i < counts.rates; i++) {
    const type = v[`rate-${i}-type`] ?? ''
    const amount = euros(state, `rate-${i}-amount`)
    if (!type && amount === undefined) continue
    if (!(RATE_TYPES as readonly string[]).includes(type)) {
      state.errors[`rate-${i}-type`] = 'err.required'
      continue
    }
    if (rates[type as RateType]) {
      state.errors[`rate-${i}-type`] = 'funding.err.rateTwice'
      continue
    }
    if (amount === undefined) {
      state.errors[`rate-${i}-amount`] ??= 'err.required'
      continue
    }
    rates[type as RateType] = { amount, where: v[`rate-${i}-where`] ?? 'both' }
    paths[`rates.${type}`] = `rate-${i}-amount`
    paths[`rates.${type}.amount`] = `rate-${i}-amount`
    paths[`rates.${type}.where`] = `rate-${i}-where`
  }
  const lumpSums: NonNullable<ProgrammeDoc['rates']['lumpSums']> = []
  for (let i = 0; i < counts.lumps; i++) {
    const label = { de: v[`lump-${i}-de`] ?? '', en: v[`lump-${i}-en`] ?? '', zh: v[`lump-${i}-zh`] ?? '' }
    const max = euros(state, `lump-${i}-max`)
    if (!label.de && !label.en && !label.zh && max === undefined) continue
    const n = lumpSums.length
    for (const lang of ['de', 'en', 'zh'] as const)
      paths[`rates.lumpSums.${n}.label.${lang}`] = `lump-${i}-${lang}`
    paths[`rates.lumpSums.${n}.max`] = `lump-${i}-max`
    if (max === undefined) state.errors[`lump-${i}-max`] ??= 'err.required'
    const kinds = list(v[`lump-${i}-kinds`])
    lumpSums.push({ label, max: max ?? 0, ...(kinds.length ? { institutionKinds: kinds } : {}) })
  }
  if (lumpSums.length > 0) rates.lumpSums = lumpSums
  const deadlines: ProgrammeDoc['deadlines'] = []
  for (let i = 0; i < counts.deadlines; i++) {
    const label = {
      de: v[`deadline-${i}-de`] ?? '',
      en: v[`deadline-${i}-en`] ?? '',
      zh: v[`deadline-${i}-zh`] ?? '',
    }
    const month = whole(state, `deadline-${i}-month`)
    const day = whole(state, `deadline-${i}-day`)
    const offset = v[`deadline-${i}-yearOffset`] ?? ''
    if (!label.de && !label.en && !label.zh && month === undefined && day === undefined) continue
    const n = deadlines.length
    for (const lang of ['de', 'en', 'zh'] as const)
      paths[`deadlines.${n}.label.${lang}`] = `deadline-${i}-${lang}`
    paths[`deadlines.${n}.month`] = `deadline-${i}-month`
    paths[`deadlines.${n}.day`] = `deadline-${i}-day`
    if (month === undefined) state.errors[`deadline-${i}-month`] ??= 'err.required'
    if (day === undefined) state.errors[`deadline-${i}-day`] ??= 'err.required'
    deadlines.push({
      label,
      month: month ?? 0,
      day: day ?? 0,
      ...(offset === '-1' || offset === '0' ? { yearOffset: Number(offset) } : {}),
    })
  }
  const reportDueDays = whole(state, 'reportDueDays')
  const doc: ProgrammeDoc = {
    slug: v['slug'] ?? '',
    name: { de: v['nameDe'] ?? '', en: v['nameEn'] ?? '', zh: v['nameZh'] ?? '' },
    funder: v['funder'] ?? '',
    sourceUrl: v['sourceUrl'] ?? '',
    lastChecked: v['lastChecked'] ?? '',
    notes: v['notes'] ?? '',
    eligibility,
    rates,
    deadlines,
    ...(reportDueDays !== undefined ? { reportDueDays } : {}),
  }
  return { doc, paths }
}

/** The API's 422 on the form: each failing path on its field (the nearest known one), else the form. */
export function applyFieldErrors(
  state: FormState,
  errors: readonly { field: string; message: string }[],
  paths: PathMap,
): void {
  for (const e of errors) {
    let path = e.field
    while (path && !paths[path]) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : ''
    const name = path ? paths[path] : undefined
    if (name) state.errors[name] ??= 'err.invalid'
    else state.formError ??= 'funding.err.fields'
  }
}
