import { TRIP_AGE_BANDS } from '@dj/contracts'
import { type FormState, intField } from '../../components/forms.js'
import type { MessageKey } from '../../i18n/index.js'

/**
 * The trip plan's fields as the form reads and writes them (TripPlanFields of @dj/exchange; the
 * API checks every write). The form is flat: `programme.0.items.1.title`, `group.12-14`, …
 */
export interface TripFields {
  direction: 'duren_to_jinhua' | 'jinhua_to_duren'
  travel: { outbound: string; return: string }
  arrival: Leg
  departure: Leg
  group: { bands: { band: (typeof TRIP_AGE_BANDS)[number]; count: number }[]; adults: number }
  leaders: { name: string; role: string; consent: boolean; consentAt: string }[]
  accommodation: { hostFamilies: number; hostel?: Lodging; hotel?: Lodging }
  programme: { date: string; items: { time?: string; title: string; place?: string }[] }[]
  purpose: string
}
interface Leg {
  carrier?: string
  place?: string
  time?: string
}
interface Lodging {
  name?: string
  nights?: number
}

export const LEGS = ['arrival', 'departure'] as const
export const LEG_PARTS = ['carrier', 'place', 'time'] as const
export const LODGINGS = ['hostel', 'hotel'] as const

/** The form's values of a plan as stored. */
export function valuesOf(f: TripFields, version: number): Record<string, string> {
  const out: Record<string, string> = {
    version: String(version),
    'travel.outbound': f.travel.outbound,
    'travel.return': f.travel.return,
    'group.adults': String(f.group.adults),
    'accommodation.hostFamilies': String(f.accommodation.hostFamilies),
    purpose: f.purpose,
  }
  for (const leg of LEGS) for (const part of LEG_PARTS) out[`${leg}.${part}`] = f[leg][part] ?? ''
  for (const band of TRIP_AGE_BANDS)
    out[`group.${band}`] = String(f.group.bands.find((b) => b.band === band)?.count ?? 0)
  f.leaders.forEach((l, i) => {
    out[`leaders.${i}.name`] = l.name
    out[`leaders.${i}.role`] = l.role
    out[`leaders.${i}.consent`] = l.consent ? 'yes' : ''
    out[`leaders.${i}.consentAt`] = l.consentAt
  })
  for (const kind of LODGINGS) {
    out[`accommodation.${kind}.name`] = f.accommodation[kind]?.name ?? ''
    out[`accommodation.${kind}.nights`] =
      f.accommodation[kind]?.nights === undefined ? '' : String(f.accommodation[kind]?.nights)
  }
  f.programme.forEach((day, d) => {
    out[`programme.${d}.date`] = day.date
    day.items.forEach((item, i) => {
      out[`programme.${d}.items.${i}.time`] = item.time ?? ''
      out[`programme.${d}.items.${i}.title`] = item.title
      out[`programme.${d}.items.${i}.place`] = item.place ?? ''
    })
  })
  return out
}

/** The rows the form shows: leaders, days and each day's items, by their form index. */
export interface Shape {
  leaders: number
  days: number[]
}

const NAME = /^[A-Za-z0-9_.-]{1,80}$/

/** The text fields of a posted form (anything not a string or oddly named is dropped). */
export function postedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, x] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (NAME.test(k) && typeof x === 'string') out[k] = x.trim()
  return out
}

export function shapeOf(values: Record<string, string>): Shape {
  const max = (re: RegExp) =>
    Math.max(-1, ...Object.keys(values).flatMap((k) => (re.exec(k) ? [Number(re.exec(k)![1])] : []))) + 1
  const days = max(/^programme\.(\d+)\.date$/)
  return {
    leaders: max(/^leaders\.(\d+)\.name$/),
    days: Array.from({ length: days }, (_, d) =>
      max(new RegExp(`^programme\\.${d}\\.items\\.(\\d+)\\.title$`)),
    ),
  }
}

/**
 * A row added or removed without saving (no script needed): the values renumbered as the form
 * will show them. Returns null for an action that is not a row change (save).
 */
export function applyRowAction(
  values: Record<string, string>,
  action: string,
): Record<string, string> | null {
  const shape = shapeOf(values)
  const out = { ...values }
  if (action === 'addLeader') {
    out[`leaders.${shape.leaders}.name`] = ''
    out[`leaders.${shape.leaders}.role`] = ''
    return out
  }
  if (action === 'addDay') {
    const last = shape.days.length - 1
    out[`programme.${shape.days.length}.date`] =
      last >= 0 ? nextDay(values[`programme.${last}.date`] ?? '') : ''
    out[`programme.${shape.days.length}.items.0.title`] = ''
    return out
  }
  const [verb, a, b] = action.split('.')
  const n = Number(a)
  if (!Number.isInteger(n) || n < 0) return null
  if (verb === 'addItem') {
    out[`programme.${n}.items.${shape.days[n] ?? 0}.title`] = ''
    return out
  }
  if (verb === 'removeLeader') return removeRow(out, 'leaders', n)
  if (verb === 'removeDay') return removeRow(out, 'programme', n)
  if (verb === 'removeItem' && b !== undefined && /^\d+$/.test(b))
    return removeRow(out, `programme.${n}.items`, Number(b))
  return null
}

const nextDay = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    : ''

/** Drops row `index` of the list at `prefix` and moves the rows after it up by one. */
function removeRow(values: Record<string, string>, prefix: string, index: number): Record<string, string> {
  const out: Record<string, string> = {}
  const re = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d+)(\\..+)$`)
  for (const [k, x] of Object.entries(values)) {
    const m = re.exec(k)
    if (!m) out[k] = x
    else if (Number(m[1]) < index) out[k] = x
    else if (Number(m[1]) > index) out[`${prefix}.${Number(m[1]) - 1}${m[2]}`] = x
  }
  return out
}

/** Where each API path of the built fields came from on the form (rows left empty are dropped). */
export type PathMap = Map<string, string>

const opt = (x: string | undefined) => (x ? x : undefined)

/**
 * The fields the form describes, on top of the stored plan (its direction stays). Numbers that
 * are not numbers become field errors here; everything else is the API's to check (422 lands on
 * the fields through the returned path map).
 */
export function fieldsOf(
  base: TripFields,
  state: FormState,
  now: Date,
): { fields: TripFields; paths: PathMap } {
  const v = state.values
  const paths: PathMap = new Map()
  const count = (name: string) => intField(state, name, true) ?? 0
  const bands = TRIP_AGE_BANDS.flatMap((band) => {
    const n = count(`group.${band}`)
    return n > 0 ? [{ band, count: n }] : []
  })
  bands.forEach((b, i) => {
    paths.set(`group.bands.${i}.count`, `group.${b.band}`)
    paths.set(`group.bands.${i}.band`, `group.${b.band}`)
  })
  const shape = shapeOf(v)
  const leaders = Array.from({ length: shape.leaders }, (_, i) => i)
    .filter((i) => v[`leaders.${i}.name`] || v[`leaders.${i}.role`])
    .map((i, n) => {
      for (const part of ['name', 'role', 'consent'])
        paths.set(`leaders.${n}.${part}`, `leaders.${i}.${part}`)
      const consent = v[`leaders.${i}.consent`] === 'yes'
      return {
        name: v[`leaders.${i}.name`] ?? '',
        role: v[`leaders.${i}.role`] ?? '',
        consent,
        // When the leader's consent was recorded: kept from before, else now.
        consentAt: v[`leaders.${i}.consentAt`] || now.toISOString(),
      }
    })
  const lodging = (kind: (typeof LODGINGS)[number]): Lodging | undefined => {
    const name = opt(v[`accommodation.${kind}.name`])
    const nights = intField(state, `accommodation.${kind}.nights`, true)
    if (!name && nights === undefined) return undefined
    return { ...(name ? { name } : {}), ...(nights !== undefined ? { nights } : {}) }
  }
  const hostel = lodging('hostel')
  const hotel = lodging('hotel')
  const programme = shape.days
    .map((items, d) => ({ d, items }))
    .filter(({ d }) => v[`programme.${d}.date`])
    .map(({ d, items }, n) => {
      paths.set(`programme.${n}.date`, `programme.${d}.date`)
      const kept = Array.from({ length: items }, (_, i) => i).filter(
        (i) => v[`programme.${d}.items.${i}.title`],
      )
      kept.forEach((i, k) => {
        for (const part of ['time', 'title', 'place'])
          paths.set(`programme.${n}.items.${k}.${part}`, `programme.${d}.items.${i}.${part}`)
      })
      return {
        date: v[`programme.${d}.date`] ?? '',
        items: kept.map((i) => ({
          ...(v[`programme.${d}.items.${i}.time`] ? { time: v[`programme.${d}.items.${i}.time`]! } : {}),
          title: v[`programme.${d}.items.${i}.title`] ?? '',
          ...(v[`programme.${d}.items.${i}.place`] ? { place: v[`programme.${d}.items.${i}.place`]! } : {}),
        })),
      }
    })
  const leg = (name: (typeof LEGS)[number]) =>
    Object.fromEntries(LEG_PARTS.flatMap((p) => (v[`${name}.${p}`] ? [[p, v[`${name}.${p}`]]] : []))) as Leg
  const fields: TripFields = {
    direction: base.direction,
    travel: { outbound: v['travel.outbound'] ?? '', return: v['travel.return'] ?? '' },
    arrival: leg('arrival'),
    departure: leg('departure'),
    group: { bands, adults: count('group.adults') },
    leaders,
    accommodation: {
      hostFamilies: count('accommodation.hostFamilies'),
      ...(hostel ? { hostel } : {}),
      ...(hotel ? { hotel } : {}),
    },
    programme,
    purpose: v['purpose'] ?? '',
  }
  return { fields, paths }
}

/** What the API's field codes (`code: message`) mean on the form. */
const CODE_MESSAGES: Record<string, MessageKey> = {
  return_before_outbound: 'trip.err.returnBeforeOutbound',
  outbound_outside_visit: 'trip.err.outboundOutsideVisit',
  return_outside_visit: 'trip.err.returnOutsideVisit',
  programme_outside_travel: 'trip.err.programmeOutsideTravel',
  programme_day_twice: 'trip.err.dayTwice',
  band_twice: 'err.invalid',
  consent_required: 'trip.err.consent',
}

/** The API's 422 on the form's fields (unknown paths become the form's error). */
export function applyFieldErrors(
  state: FormState,
  errors: readonly { field: string; message: string }[],
  paths: PathMap,
): void {
  for (const e of errors) {
    const name = paths.get(e.field) ?? e.field
    const code = e.message.split(':')[0] ?? ''
    const key = CODE_MESSAGES[code] ?? (/required/.test(e.message) ? 'err.required' : 'err.invalid')
    if (name in state.values || name.endsWith('.consent')) state.errors[name] ??= key
    else state.formError ??= key
  }
}
