import { formatDate } from '@dj/intl'
import type { Language, Side } from '@dj/vocabulary'
import { type AgreementKey, text } from './catalogs.js'
import type { AgreementFields, ContactPerson, LocalText, Party } from './fields.js'
import { OWN_LANGUAGE } from './readiness.js'

/** The agreement's parts, in the order they are printed. */
export const SECTION_IDS = [
  'title',
  'parties',
  'purpose',
  'topics',
  'period',
  'groups',
  'hosting',
  'language',
  'contacts',
  'dataProtection',
  'term',
] as const
export type SectionId = (typeof SECTION_IDS)[number]

/** One language's text of a section: a heading and its paragraphs. */
export interface SectionColumn {
  lang: Language
  heading: string
  paragraphs: string[]
}

/** One section with a column per language, side by side (the PDF and the web print them so). */
export interface Section {
  id: SectionId
  columns: SectionColumn[]
}

/** German and Chinese side by side, the default; English may be added or paired instead. */
export const DEFAULT_LANGUAGES: readonly Language[] = ['de', 'zh']

/** Where a text the coordinators wrote is looked up when their version in this language is missing. */
const TEXT_FALLBACK: Record<Language, readonly Language[]> = {
  de: ['de', 'en', 'zh'],
  en: ['en', 'de', 'zh'],
  zh: ['zh', 'en', 'de'],
}

/** A coordinator's text in a column's language, or the nearest language they wrote it in. */
export function localText(t: LocalText, lang: Language): string | undefined {
  for (const l of TEXT_FALLBACK[lang]) {
    const v = t[l]?.trim()
    if (v) return v
  }
  return undefined
}

/** The list conventions of @dj/intl's locales (British English: no serial comma). */
const LIST_TAG: Record<Language, string> = { de: 'de-DE', zh: 'zh-CN', en: 'en-GB' }
const listFormats = new Map<Language, Intl.ListFormat>()
/** "a, b und c" / "a、b和c" / "a, b and c". */
function list(lang: Language, items: string[]): string {
  let f = listFormats.get(lang)
  if (!f) {
    f = new Intl.ListFormat(LIST_TAG[lang], { type: 'conjunction', style: 'long' })
    listFormats.set(lang, f)
  }
  return f.format(items)
}

/** Separator between loose parts of a line: a Chinese text uses the full-width comma. */
const comma = (lang: Language) => (lang === 'zh' ? '，' : ', ')

/** A party's name in this language; in the parties clause also in its own script, so both scripts appear. */
function partyName(party: Party, side: Side, lang: Language, withOwnScript = false): string {
  const open = text(lang, 'open')
  const name = localText(party.name, lang) ?? open
  const own = party.name[OWN_LANGUAGE[side]]?.trim()
  if (!withOwnScript || !own || own === name) return name
  return lang === 'zh' ? `${name}（${own}）` : `${name} (${own})`
}

const names = (f: AgreementFields, lang: Language) => ({
  duren: partyName(f.parties.duren, 'duren', lang),
  jinhua: partyName(f.parties.jinhua, 'jinhua', lang),
})

const word = (lang: Language, key: string) => text(lang, key as AgreementKey)
const orOpen = (lang: Language, items: string[]) =>
  items.length > 0 ? list(lang, items) : text(lang, 'open')
const date = (lang: Language, iso: string | null) => (iso ? formatDate(lang, iso) : text(lang, 'open'))

function contactLine(lang: Language, party: string, c: ContactPerson): string {
  const person = text(lang, 'contacts.person', { party, name: c.name, role: word(lang, `role.${c.role}`) })
  return [person, c.email, c.phone].filter(Boolean).join(comma(lang))
}

/** The paragraphs of one section in one language. */
function paragraphs(id: SectionId, f: AgreementFields, lang: Language, all: readonly Language[]): string[] {
  const party = names(f, lang)
  switch (id) {
    case 'title':
      return [text(lang, 'title.between', party)]
    case 'parties':
      return (['duren', 'jinhua'] as const).flatMap((side) => {
        const p = f.parties[side]
        const persons = p.responsible.map((r) =>
          text(lang, 'person', { name: r.name, role: word(lang, `role.${r.role}`) }),
        )
        return [
          text(lang, 'parties.party', {
            side,
            name: partyName(p, side, lang, true),
            address: localText(p.address, lang) ?? text(lang, 'open'),
          }),
          text(lang, 'parties.responsible', { persons: orOpen(lang, persons) }),
        ]
      })
    case 'purpose': {
      const formats = f.purpose.formats.map((x) => word(lang, `format.${x}`))
      const aims = localText(f.purpose.aims, lang)
      return [text(lang, 'purpose.body', { formats: orOpen(lang, formats) }), ...(aims ? [aims] : [])]
    }
    case 'topics':
      return [
        text(lang, 'topics.body', {
          topics: orOpen(
            lang,
            f.topics.map((x) => word(lang, `topic.${x}`)),
          ),
        }),
      ]
    case 'period':
      return [text(lang, 'period.body', { start: date(lang, f.period.start), end: date(lang, f.period.end) })]
    case 'groups':
      return [
        ...(['duren', 'jinhua'] as const).map((side) => {
          const g = f.groups[side]
          const bands = g.bands.map((b) =>
            text(lang, 'groups.band', { count: b.count, kind: b.kind, ageMin: b.ageMin, ageMax: b.ageMax }),
          )
          return text(lang, 'groups.side', {
            party: party[side],
            bands: bands.length > 0 ? list(lang, bands) : text(lang, 'groups.none'),
            adults: g.accompanyingAdults,
          })
        }),
        text(lang, 'groups.note'),
      ]
    case 'hosting': {
      const h = f.hosting
      const hosts = h.hosts.length === 2 ? 'both' : (h.hosts[0] ?? 'none')
      return [
        text(lang, 'hosting.hosts', { hosts, ...party }),
        text(lang, 'hosting.accommodation', {
          accommodation: word(lang, `accommodation.${h.accommodation}`),
        }),
        ...(h.costs.length > 0
          ? [
              text(lang, 'hosting.costs'),
              ...h.costs.map((c) =>
                text(lang, 'hosting.cost', { item: word(lang, `cost.${c.item}`), payer: c.payer, ...party }),
              ),
            ]
          : []),
      ]
    }
    case 'language':
      return [
        text(lang, 'language.body', {
          languages: orOpen(
            lang,
            f.languages.map((l) => word(lang, `language.${l}`)),
          ),
        }),
        text(lang, 'language.versions', {
          versions: list(
            lang,
            all.map((l) => word(lang, `language.${l}`)),
          ),
        }),
      ]
    case 'contacts':
      return (['duren', 'jinhua'] as const).flatMap((side) =>
        f.parties[side].contacts.map((c) => contactLine(lang, party[side], c)),
      )
    case 'dataProtection':
      return [text(lang, `dataProtection.${f.dataProtection}` as AgreementKey)]
    case 'term':
      return [
        text(lang, 'term.body', { validUntil: date(lang, f.term.validUntil), noticeDays: f.term.noticeDays }),
      ]
  }
}

/** The heading key of each section (its "§ n" title). */
export const HEADINGS: Record<SectionId, AgreementKey> = {
  title: 'title',
  parties: 'parties.heading',
  purpose: 'purpose.heading',
  topics: 'topics.heading',
  period: 'period.heading',
  groups: 'groups.heading',
  hosting: 'hosting.heading',
  language: 'language.heading',
  contacts: 'contacts.heading',
  dataProtection: 'dataProtection.heading',
  term: 'term.heading',
}

/**
 * The agreement as ordered sections, each with its text in every requested language side by
 * side (German | Chinese by default; add or pair English as the partners wish). The texts come
 * from the catalogs' clause templates, filled with the fields.
 */
export function renderAgreement(
  f: AgreementFields,
  languages: readonly Language[] = DEFAULT_LANGUAGES,
): Section[] {
  if (languages.length === 0 || new Set(languages).size !== languages.length)
    throw new RangeError('languages: one or more, each once')
  return SECTION_IDS.map((id) => ({
    id,
    columns: languages.map((lang) => ({
      lang,
      heading: text(lang, HEADINGS[id]),
      paragraphs: paragraphs(id, f, lang, languages),
    })),
  }))
}

/** The section a field path belongs to: "parties.jinhua.contacts.0.email" → contacts. */
export function sectionOf(path: string): SectionId {
  const [top, , sub] = path.split('.')
  if (top === 'parties') return sub === 'contacts' ? 'contacts' : 'parties'
  if (top === 'languages') return 'language'
  return (SECTION_IDS as readonly string[]).includes(top ?? '') ? (top as SectionId) : 'title'
}

/**
 * The sections an edit touched, in document order, with their headings in one language: what a
 * notification says changed ("§ 4 Geplanter Zeitraum") before the reader opens the full diff.
 */
export function changedSections(
  paths: readonly string[],
  lang: Language,
): { id: SectionId; heading: string }[] {
  const touched = new Set(paths.map(sectionOf))
  return SECTION_IDS.filter((id) => touched.has(id)).map((id) => ({ id, heading: text(lang, HEADINGS[id]) }))
}
