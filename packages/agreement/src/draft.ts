import {
  type Direction,
  type Format,
  type InstitutionKind,
  LANGUAGES,
  type Language,
  SIDES,
  type Side,
  type Topic,
} from '@dj/vocabulary'
import {
  type AgeBand,
  type AgreementFields,
  type ContactPerson,
  type CostItem,
  DATA_PROTECTION_CLAUSE,
  type Group,
  type Hosting,
  type LocalText,
  type Payer,
} from './fields.js'

/** One institution of a partnership as the platform knows it. */
export interface InstitutionSummary {
  id: string
  kind: InstitutionKind
  name: LocalText
  address?: LocalText
  /** The coordinator who becomes the first contact person (an adult with a platform account). */
  coordinator?: { name: string; email?: string }
}

/** The interest an institution published, in the words of @dj/vocabulary. */
export interface InterestSummary {
  formats: readonly Format[]
  topics: readonly Topic[]
  windows: readonly { start: string; end: string }[]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: readonly Language[]
  direction: Direction
  hostFamilies?: number
}

/** What a confirmed partnership brings to its first draft. */
export interface PartnershipSummary {
  duren: InstitutionSummary
  jinhua: InstitutionSummary
  /** The interests the partnership was matched on, one per side (either may be missing). */
  interests: Partial<Record<Side, InterestSummary>>
}

const other = (side: Side): Side => (side === 'duren' ? 'jinhua' : 'duren')

/** Both sides' words where they agree, else all of them: the coordinators strike what does not apply. */
function common<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] {
  const both = (a ?? []).filter((x) => (b ?? []).includes(x))
  return both.length > 0 ? both : [...new Set([...(a ?? []), ...(b ?? [])])]
}

/** The first stretch both sides offered, else the earliest one either offered. */
function period(d?: InterestSummary, j?: InterestSummary): AgreementFields['period'] {
  const all = [...(d?.windows ?? []), ...(j?.windows ?? [])].sort((x, y) => (x.start < y.start ? -1 : 1))
  for (const a of d?.windows ?? [])
    for (const b of j?.windows ?? []) {
      // ISO dates sort as text (Math.min/max do not take strings).
      const start = [a.start, b.start].sort()[1] as string
      const end = [a.end, b.end].sort()[0] as string
      if (start <= end) return { start, end }
    }
  const first = all[0]
  return first ? { start: first.start, end: first.end } : { start: null, end: null }
}

/** Who receives guests, from each side's stated direction (host / visit / both / virtual). */
function hosts(interests: PartnershipSummary['interests']): Side[] {
  const out = new Set<Side>()
  for (const side of SIDES) {
    const direction = interests[side]?.direction
    if (direction === 'host' || direction === 'both') out.add(side)
    if (direction === 'visit' || direction === 'both') out.add(other(side))
  }
  return SIDES.filter((s) => out.has(s))
}

/**
 * Usual split of a school exchange: each side pays its own journey and insurance, the hosting side
 * what happens at its place, visas are the travellers' own. A proposal the coordinators edit.
 */
const USUAL_COSTS: readonly { item: CostItem; payer: Payer }[] = [
  { item: 'travel', payer: 'each_own' },
  { item: 'accommodation', payer: 'host' },
  { item: 'meals', payer: 'host' },
  { item: 'local_transport', payer: 'host' },
  { item: 'programme', payer: 'host' },
  { item: 'insurance', payer: 'each_own' },
  { item: 'visa', payer: 'participants' },
]

/** One band from the interest's ages and its largest group; one adult per ten, at least one. */
function group(kind: InstitutionKind, interest?: InterestSummary): Group {
  if (!interest || interest.groupMax <= 0) return { bands: [], accompanyingAdults: 0 }
  const band: AgeBand = {
    kind: kind === 'vocational' ? 'trainees' : 'pupils',
    ageMin: Math.max(3, interest.ageMin),
    ageMax: Math.max(3, interest.ageMax),
    count: interest.groupMax,
  }
  return { bands: [band], accompanyingAdults: Math.max(1, Math.ceil(band.count / 10)) }
}

function addYear(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString().slice(0, 10)
}

const contactOf = (i: InstitutionSummary): ContactPerson[] =>
  i.coordinator
    ? [
        {
          name: i.coordinator.name,
          role: 'coordinator',
          adult: true,
          ...(i.coordinator.email ? { email: i.coordinator.email } : {}),
        },
      ]
    : []

/**
 * The first draft of an agreement from a confirmed partnership: the parties, and what the two
 * interests said about format, topics, period, sizes and languages. People other than the
 * coordinators, the addresses in the other script and the aims are left for the coordinators.
 */
export function draftAgreement(p: PartnershipSummary): AgreementFields {
  const d = p.interests.duren
  const j = p.interests.jinhua
  const when = period(d, j)
  const hosting: Hosting['hosts'] = hosts(p.interests)
  const virtual = hosting.length === 0
  const families = (d?.hostFamilies ?? 0) + (j?.hostFamilies ?? 0) > 0
  const party = (i: InstitutionSummary) => ({
    institutionId: i.id,
    name: { ...i.name },
    address: { ...i.address },
    responsible: i.coordinator
      ? [{ name: i.coordinator.name, role: 'coordinator' as const, adult: true as const }]
      : [],
    contacts: contactOf(i),
  })
  const languages = common(d?.languages, j?.languages)
  return {
    parties: { duren: party(p.duren), jinhua: party(p.jinhua) },
    purpose: { formats: common(d?.formats, j?.formats), aims: {} },
    topics: common(d?.topics, j?.topics),
    period: when,
    groups: { duren: group(p.duren.kind, d), jinhua: group(p.jinhua.kind, j) },
    hosting: {
      hosts: hosting,
      accommodation: virtual ? 'none' : families ? 'host_families' : 'hostel',
      costs: virtual ? [] : USUAL_COSTS.map((c) => ({ ...c })),
    },
    languages: LANGUAGES.filter((l) => languages.includes(l)),
    dataProtection: DATA_PROTECTION_CLAUSE,
    term: { validUntil: when.end ? addYear(when.end) : null, noticeDays: 90 },
  }
}
