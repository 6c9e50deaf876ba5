import { FORMATS, LANGUAGES, SIDES, TOPICS } from '@dj/vocabulary'
import type { FormState } from '../../components/forms.js'
import { intField } from '../../components/forms.js'
import type { MessageKey } from '../../i18n/index.js'

/**
 * The agreement's edit form as data: which fields of AgreementFields (@dj/agreement) the form
 * holds, under which form names and labels, and how a posted form becomes the fields again. The
 * form names are the fields' dotted paths, so the API's gaps and schema errors land on the field
 * they name. The word lists mirror @dj/agreement's; the API checks every value against its schema.
 */

export type Side = (typeof SIDES)[number]
export const COST_ITEMS = [
  'travel',
  'accommodation',
  'meals',
  'local_transport',
  'programme',
  'insurance',
  'visa',
] as const
export const PAYERS = ['duren', 'jinhua', 'host', 'each_own', 'shared', 'participants'] as const
export const ACCOMMODATIONS = ['host_families', 'hostel', 'hotel', 'boarding', 'none'] as const

type Local = { de?: string; zh?: string; en?: string }
type Person = { name: string; role: string; adult: true }
type Contact = { email?: string; phone?: string }
/** The part of AgreementFields the web reads and writes (the rest travels through untouched). */
export interface Fields {
  parties: Record<
    Side,
    {
      name: Local
      address: Local
      responsible: Person[]
      contacts: (Person & Contact)[]
      [k: string]: unknown
    }
  >
  purpose: { formats: string[]; aims: Local }
  topics: string[]
  period: { start: string | null; end: string | null }
  groups: Record<
    Side,
    { bands: { kind: string; ageMin: number; ageMax: number; count: number }[]; accompanyingAdults: number }
  >
  hosting: { hosts: string[]; accommodation: string; costs: { item: string; payer: string }[] }
  languages: string[]
  term: { validUntil: string | null; noticeDays: number }
  [k: string]: unknown
}

export type Kind = 'text' | 'textarea' | 'date' | 'number'
export interface FieldDef {
  name: string
  label: MessageKey
  kind: Kind
  hint?: MessageKey
  lang?: 'de' | 'zh' | 'en'
}

const partyFields = (side: Side): FieldDef[] => [
  { name: `parties.${side}.name.de`, label: 'agr.field.nameDe', kind: 'text', lang: 'de' },
  { name: `parties.${side}.name.zh`, label: 'agr.field.nameZh', kind: 'text', lang: 'zh' },
  { name: `parties.${side}.name.en`, label: 'agr.field.nameEn', kind: 'text', lang: 'en' },
  { name: `parties.${side}.address.de`, label: 'agr.field.addressDe', kind: 'textarea', lang: 'de' },
  { name: `parties.${side}.address.zh`, label: 'agr.field.addressZh', kind: 'textarea', lang: 'zh' },
]
/** The first responsible and the first contact person of a party: adults acting for it, by name. */
const personFields = (side: Side): FieldDef[] => [
  { name: `parties.${side}.responsible.0.name`, label: 'agr.field.responsibleName', kind: 'text' },
  { name: `parties.${side}.contacts.0.name`, label: 'agr.field.contactName', kind: 'text' },
  { name: `parties.${side}.contacts.0.email`, label: 'agr.field.contactEmail', kind: 'text' },
  { name: `parties.${side}.contacts.0.phone`, label: 'agr.field.contactPhone', kind: 'text' },
]
export const PERSON_ROLES = ['head', 'deputy_head', 'coordinator', 'teacher', 'staff'] as const
const roleName = (side: Side, who: 'responsible' | 'contacts') => `parties.${side}.${who}.0.role`
export const ROLE_FIELDS = (['duren', 'jinhua'] as const).flatMap((side) =>
  (['responsible', 'contacts'] as const).map((who) => ({ name: roleName(side, who), side, who })),
)
export const PERSON_FIELDS: Record<Side, FieldDef[]> = {
  duren: personFields('duren'),
  jinhua: personFields('jinhua'),
}
const groupFields = (side: Side): FieldDef[] => [
  { name: `groups.${side}.count`, label: 'agr.field.count', kind: 'number', hint: 'agr.field.countHint' },
  { name: `groups.${side}.ageMin`, label: 'agr.field.ageMin', kind: 'number' },
  { name: `groups.${side}.ageMax`, label: 'agr.field.ageMax', kind: 'number' },
  { name: `groups.${side}.accompanyingAdults`, label: 'agr.field.adults', kind: 'number' },
]

export const PARTY_FIELDS: Record<Side, FieldDef[]> = {
  duren: partyFields('duren'),
  jinhua: partyFields('jinhua'),
}
export const GROUP_FIELDS: Record<Side, FieldDef[]> = {
  duren: groupFields('duren'),
  jinhua: groupFields('jinhua'),
}
export const AIM_FIELDS: FieldDef[] = (['de', 'zh', 'en'] as const).map((lang) => ({
  name: `purpose.aims.${lang}`,
  label: `agr.field.aims.${lang}` as MessageKey,
  kind: 'textarea',
  lang,
}))
export const PERIOD_FIELDS: FieldDef[] = [
  { name: 'period.start', label: 'agr.field.start', kind: 'date' },
  { name: 'period.end', label: 'agr.field.end', kind: 'date' },
]
export const TERM_FIELDS: FieldDef[] = [
  { name: 'term.validUntil', label: 'agr.field.validUntil', kind: 'date', hint: 'agr.field.validUntilHint' },
  {
    name: 'term.noticeDays',
    label: 'agr.field.noticeDays',
    kind: 'number',
    hint: 'agr.field.noticeDaysHint',
  },
]
const costName = (item: string) => `hosting.costs.${item}`
export const COST_FIELDS = COST_ITEMS.map((item) => ({ name: costName(item), item }))

const SINGLE: FieldDef[] = [
  ...PARTY_FIELDS.duren,
  ...PARTY_FIELDS.jinhua,
  ...PERSON_FIELDS.duren,
  ...PERSON_FIELDS.jinhua,
  ...AIM_FIELDS,
  ...PERIOD_FIELDS,
  ...GROUP_FIELDS.duren,
  ...GROUP_FIELDS.jinhua,
  ...TERM_FIELDS,
]
/** Every single-valued form field (text, numbers, dates, selects). */
export const FORM_NAMES = [
  ...SINGLE.map((f) => f.name),
  'hosting.accommodation',
  ...COST_FIELDS.map((c) => c.name),
  ...ROLE_FIELDS.map((r) => r.name),
  'baseHash',
]
/** The checkbox groups. */
export const LIST_NAMES = ['purpose.formats', 'topics', 'languages', 'hosting.hosts'] as const

/** Labels for the error summary, by form name. */
export const LABELS: Record<string, MessageKey> = {
  ...Object.fromEntries(SINGLE.map((f) => [f.name, f.label])),
  'purpose.formats': 'agr.field.formats',
  topics: 'agr.field.topics',
  languages: 'agr.field.languages',
  'hosting.hosts': 'agr.field.hosts',
  'hosting.accommodation': 'agr.field.accommodation',
  ...Object.fromEntries(COST_FIELDS.map((c) => [c.name, `agr.cost.${c.item}` as MessageKey])),
  ...Object.fromEntries(ROLE_FIELDS.map((r) => [r.name, 'agr.field.personRole' as MessageKey])),
}

const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined),
      o,
    )

/**
 * The form field a gap or schema error names, or none: the dotted path itself where the form has
 * it, else the nearest field (a band's ages on the band's fields, a party's people nowhere).
 */
export function fieldOf(path: string): string | undefined {
  if (path in LABELS) return path
  const band = /^groups\.(duren|jinhua)\.bands\.0\.(ageMin|ageMax|count)$/.exec(path)
  if (band) return `groups.${band[1]}.${band[2]}`
  if (/^groups\.(duren|jinhua)\.accompanyingAdults$/.test(path)) return path
  if (path === 'groups') return 'groups.duren.count'
  if (path.startsWith('hosting.costs')) return costName(COST_ITEMS[0])
  if (path.startsWith('purpose.formats')) return 'purpose.formats'
  const person = /^parties\.(duren|jinhua)\.(responsible|contacts)\.0\.(name|role|email|phone)$/.exec(path)
  if (person) return path
  return undefined
}

/** The form's values from the current fields (what the form shows first). */
export function valuesOf(f: Fields, baseHash: string): Record<string, string> {
  const values: Record<string, string> = { baseHash }
  for (const def of [
    ...PARTY_FIELDS.duren,
    ...PARTY_FIELDS.jinhua,
    ...PERSON_FIELDS.duren,
    ...PERSON_FIELDS.jinhua,
    ...AIM_FIELDS,
    ...PERIOD_FIELDS,
    ...TERM_FIELDS,
  ]) {
    const x = get(f, def.name)
    values[def.name] = x === null || x === undefined ? '' : String(x)
  }
  for (const side of SIDES) {
    const band = f.groups[side].bands[0]
    values[`groups.${side}.count`] = band ? String(band.count) : ''
    values[`groups.${side}.ageMin`] = band ? String(band.ageMin) : ''
    values[`groups.${side}.ageMax`] = band ? String(band.ageMax) : ''
    values[`groups.${side}.accompanyingAdults`] = String(f.groups[side].accompanyingAdults)
  }
  values['purpose.formats'] = f.purpose.formats.join(',')
  values['topics'] = f.topics.join(',')
  values['languages'] = f.languages.join(',')
  values['hosting.hosts'] = f.hosting.hosts.join(',')
  values['hosting.accommodation'] = f.hosting.accommodation
  for (const c of COST_FIELDS) values[c.name] = f.hosting.costs.find((x) => x.item === c.item)?.payer ?? ''
  for (const r of ROLE_FIELDS) values[r.name] = String(get(f, r.name) ?? '')
  return values
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const only = <T extends string>(allowed: readonly T[], xs: string[]) =>
  xs.filter((x): x is T => allowed.includes(x as T))

/**
 * The fields after the form: the current ones with the form's values laid over them. What the
 * form cannot hold (further people, further age bands) stays as it was. Malformed numbers and dates
 * become field errors on `state`; the API checks the rest.
 */
export function applyForm(current: Fields, state: FormState, lists: Record<string, string[]>): Fields {
  const f = structuredClone(current)
  const v = state.values
  const text = (target: Local, lang: keyof Local, name: string) => {
    const x = (v[name] ?? '').trim()
    if (x) target[lang] = x
    else delete target[lang]
  }
  for (const side of SIDES) {
    const p = f.parties[side]
    for (const lang of ['de', 'zh', 'en'] as const) text(p.name, lang, `parties.${side}.name.${lang}`)
    for (const lang of ['de', 'zh'] as const) text(p.address, lang, `parties.${side}.address.${lang}`)
    // The first responsible and contact person; the form states they are adults (the schema's adult: true).
    const person = (who: 'responsible' | 'contacts') => {
      const name = (v[`parties.${side}.${who}.0.name`] ?? '').trim()
      const chosen = v[roleName(side, who)] ?? ''
      const role = PERSON_ROLES.includes(chosen as never) ? chosen : (p[who][0]?.role ?? 'coordinator')
      return name ? { name, role, adult: true as const } : undefined
    }
    const responsible = person('responsible')
    p.responsible = responsible ? [responsible, ...p.responsible.slice(1)] : p.responsible.slice(1)
    const contact = person('contacts')
    if (contact) {
      const email = (v[`parties.${side}.contacts.0.email`] ?? '').trim()
      const phone = (v[`parties.${side}.contacts.0.phone`] ?? '').trim()
      p.contacts = [
        { ...contact, ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
        ...p.contacts.slice(1),
      ]
    } else p.contacts = p.contacts.slice(1)
    const g = f.groups[side]
    const count = intField(state, `groups.${side}.count`, true)
    const ageMin = intField(state, `groups.${side}.ageMin`, count === undefined)
    const ageMax = intField(state, `groups.${side}.ageMax`, count === undefined)
    const rest = g.bands.slice(1)
    g.bands =
      count !== undefined && ageMin !== undefined && ageMax !== undefined
        ? [{ kind: g.bands[0]?.kind ?? 'pupils', ageMin, ageMax, count }, ...rest]
        : rest
    const adults = intField(state, `groups.${side}.accompanyingAdults`)
    if (adults !== undefined) g.accompanyingAdults = adults
  }
  for (const lang of ['de', 'zh', 'en'] as const) text(f.purpose.aims, lang, `purpose.aims.${lang}`)
  const date = (name: string): string | null => {
    const x = (v[name] ?? '').trim()
    if (!x) return null
    if (!ISO_DATE.test(x)) state.errors[name] = 'err.date'
    return x
  }
  f.period = { start: date('period.start'), end: date('period.end') }
  f.term.validUntil = date('term.validUntil')
  const notice = intField(state, 'term.noticeDays')
  if (notice !== undefined) f.term.noticeDays = notice
  f.purpose.formats = only(FORMATS, lists['purpose.formats'] ?? [])
  f.topics = only(TOPICS, lists['topics'] ?? [])
  f.languages = only(LANGUAGES, lists['languages'] ?? [])
  f.hosting.hosts = only(SIDES, lists['hosting.hosts'] ?? [])
  if (ACCOMMODATIONS.includes(v['hosting.accommodation'] as never))
    f.hosting.accommodation = v['hosting.accommodation']!
  f.hosting.costs = COST_FIELDS.flatMap((c) =>
    PAYERS.includes(v[c.name] as never) ? [{ item: c.item, payer: v[c.name]! }] : [],
  )
  return f
}
