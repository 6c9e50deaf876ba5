import { formatDate } from '@dj/intl'
import type { Side, VisitDirection } from '@dj/vocabulary'
import { type LetterLanguage, type VisaKey, visaText } from './catalogs.js'
import type { VisaTraveller } from './travellers.js'

/**
 * The visa invitation letter of a trip as text, in the two languages of the host's country.
 *
 * German group to China: the Chinese host institution invites, in Chinese with an English
 * version, for a category F visa (non-commercial exchanges). What the letter must name follows
 * the Chinese missions' format requirements for M/F invitations: the invitees' name, sex, date
 * of birth and passport number; the purpose, arrival and departure dates, places to visit, the
 * relationship with the inviting institution and who bears the costs; the inviting institution's
 * name, address, phone, official stamp and the signature of its legal representative, with the
 * date (Consulate-General of the PRC in Kota Kinabalu, "Format Requirements of Invitation
 * Letter", 2023-05-10, http://kotakinabalu.china-consulate.gov.cn/eng/zytz_1/202305/t20230510_11074355.htm;
 * the same eight elements at https://www.e-visachina.com/faqs/invitation-letter-business-invite/).
 *
 * Chinese group to Germany: the German host invites, in German with an English version, for a
 * Schengen visa type C. An Einladungsschreiben names the host (name, address, phone, email), the
 * invitees (full name, date of birth, passport number), the purpose, the period and planned
 * course of the visit, date and signature; a business or institutional one is on letterhead with
 * stamp and the signature of the head (Handbook Germany, "Einladungsschreiben für ein Visum",
 * https://cms.handbookgermany.de/de/visa-invitation-letter). A partner-school exchange adds the
 * programme with the pupils listed by name and the host families (Auswärtiges Amt, Merkblatt
 * Schüleraustausch, https://taipei.diplo.de/tw-de/-/2442916). It creates no legal financial
 * obligation; that is the Verpflichtungserklärung under §§ 66–68 AufenthG at the immigration
 * office (https://www.axa-schengen.com/de/deutschland-visum/einladung,
 * https://www.kreis-bergstrasse.de/unser-buergerservice/auslaender-und-asyl/visum-und-einreise),
 * so the letter says it is not one. Travel medical insurance of at least €30,000 is a condition of
 * the Schengen visa (Visa Code, Regulation (EC) No 810/2009, Art. 15).
 */

export type VisaKind = 'cn_f' | 'schengen_c'

/** An institution's name: the original and its translations by language. */
export type InstitutionNames = { original: string } & Partial<Record<LetterLanguage, string>>

/** A text given once for every language, or per language (an address in both scripts). */
export type Localized = string | Partial<Record<LetterLanguage, string>>

const FALLBACK: Record<LetterLanguage, readonly LetterLanguage[]> = {
  de: ['de', 'en', 'zh'],
  en: ['en', 'de', 'zh'],
  zh: ['zh', 'en', 'de'],
}
/** The text in this language, or the nearest one given. */
export function localized(lang: LetterLanguage, v: Localized | null | undefined): string | null {
  if (v == null) return null
  if (typeof v === 'string') return v.trim() || null
  for (const l of FALLBACK[lang]) {
    const t = v[l]?.trim()
    if (t) return t
  }
  return null
}

export const COST_BEARERS = ['travellers', 'shared', 'host'] as const
export type CostBearer = (typeof COST_BEARERS)[number]

export const ACCOMMODATION_KINDS = ['host_families', 'hostel', 'hotel', 'mixed', 'open'] as const
export type AccommodationKind = (typeof ACCOMMODATION_KINDS)[number]

export interface VisaLetterInput {
  direction: VisitDirection
  host: {
    name: InstitutionNames
    address: Localized | null
    contact: { name: string; role?: Localized | null; email?: string | null; phone?: string | null } | null
    /** Who signs for the host; left blank to be filled in by hand when absent. */
    signatory: { name: string; role: Localized } | null
  }
  guest: { name: InstitutionNames }
  arrival: string
  departure: string
  /** The trip's purpose in the coordinators' words; a standard sentence when absent. */
  purpose: string | null
  /** Places of stay besides the host's city (which is always named first). */
  cities: readonly string[]
  programme: readonly { date: string; items: readonly string[] }[]
  accommodation: { kind: AccommodationKind; place: string | null }
  costs: CostBearer
  travellers: readonly VisaTraveller[]
  /** The letter's date (YYYY-MM-DD). */
  issuedOn: string
}

export interface LetterTable {
  heading: string
  columns: string[]
  rows: string[][]
}

/** One language's letter, in the order it is printed. */
export interface LetterVersion {
  lang: LetterLanguage
  /** "中文版本", "English version"; and which version prevails. */
  label: string
  note: string
  title: string
  placeDate: string
  recipient: string
  subject: string
  salutation: string
  paragraphs: string[]
  programme: { heading: string; lines: string[] }
  travellers: LetterTable
  request: string
  host: { heading: string; lines: string[] }
  closing: string
  /** Lines to sign, name and stamp on; each is printed above a rule. */
  signature: string[]
}

export interface VisaLetter {
  visa: VisaKind
  languages: readonly [LetterLanguage, LetterLanguage]
  /** The host's name in the letter's languages and its address: the top of the first page. */
  letterhead: { names: string[]; lines: string[] }
  versions: LetterVersion[]
}

/** The host's side decides the visa and the languages: the letter is the host's. */
export const HOST_SIDE: Record<VisitDirection, Side> = {
  duren_to_jinhua: 'jinhua',
  jinhua_to_duren: 'duren',
}
export const VISA_OF: Record<VisitDirection, VisaKind> = {
  duren_to_jinhua: 'cn_f',
  jinhua_to_duren: 'schengen_c',
}
export const LETTER_LANGUAGES: Record<VisaKind, readonly [LetterLanguage, LetterLanguage]> = {
  cn_f: ['zh', 'en'],
  schengen_c: ['de', 'en'],
}

const CITY: Record<Side, Record<LetterLanguage, string>> = {
  duren: { de: 'Düren', en: 'Düren', zh: '迪伦' },
  jinhua: { de: 'Jinhua', en: 'Jinhua', zh: '金华' },
}

const LIST_TAG: Record<LetterLanguage, string> = { de: 'de-DE', zh: 'zh-CN', en: 'en-GB' }
const list = (lang: LetterLanguage, items: readonly string[]) =>
  new Intl.ListFormat(LIST_TAG[lang], { type: 'conjunction', style: 'long' }).format(items)

/** A name in this language, with the original in brackets when it is in another script or wording. */
export function nameIn(lang: LetterLanguage, names: InstitutionNames): string {
  const own = names[lang]?.trim()
  if (!own || own === names.original) return names.original
  return lang === 'zh' ? `${own}（${names.original}）` : `${own} (${names.original})`
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1

function version(input: VisaLetterInput, visa: VisaKind, lang: LetterLanguage): LetterVersion {
  const t = (key: VisaKey, params?: Record<string, string | number>) => visaText(lang, key, params)
  const hostSide = HOST_SIDE[input.direction]
  const guestSide: Side = hostSide === 'duren' ? 'jinhua' : 'duren'
  const host = nameIn(lang, input.host.name)
  const guest = nameIn(lang, input.guest.name)
  const city = CITY[hostSide][lang]
  const date = (iso: string) => formatDate(lang, iso)
  const count = input.travellers.length
  const cities = [city, ...input.cities.filter((c) => c.trim() && c.trim() !== city).map((c) => c.trim())]
  const open = t('open')

  const paragraphs = [
    t('intro', { host, guest, count, region: guestSide, visa, city }),
    t('purpose', { purpose: input.purpose?.trim() || t('purpose.default') }),
    t('relationship', { host, guest }),
    t('dates', {
      arrival: date(input.arrival),
      departure: date(input.departure),
      days: days(input.arrival, input.departure),
    }),
    t('cities', { cities: list(lang, cities) }),
    t('accommodation', { kind: input.accommodation.kind, host, place: input.accommodation.place ?? open }),
    t('costs', { costs: input.costs, host, guest }),
    ...(visa === 'schengen_c' ? [t('insurance'), t('noGuarantee')] : []),
  ]

  const programme = input.programme
    .filter((d) => d.items.length > 0)
    .map((d) => t('programme.day', { date: date(d.date), items: d.items.join(lang === 'zh' ? '；' : '; ') }))

  const c = input.host.contact
  const sep = lang === 'zh' ? '；' : '; '
  // Two lines: who and where, then whom to ask and how (the body repeats the letterhead, as the
  // Chinese missions ask for the inviting unit's details in the body itself).
  const hostParts = [
    t('host.name', { name: host }),
    t('host.address', { address: localized(lang, input.host.address) ?? open }),
    ...(c
      ? [
          localized(lang, c.role)
            ? t('host.contactRole', { name: c.name, role: localized(lang, c.role) ?? '' })
            : t('host.contact', { name: c.name }),
          ...(c.phone ? [t('host.phone', { phone: c.phone })] : []),
          ...(c.email ? [t('host.email', { email: c.email })] : []),
        ]
      : []),
  ]
  const hostLines = [hostParts.slice(0, 2).join(sep), hostParts.slice(2).join(sep)].filter(Boolean)

  const s = input.host.signatory
  return {
    lang,
    label: t('version.label'),
    note: t('version.note', { visa }),
    title: t('title'),
    placeDate: t('placeDate', { city, date: date(input.issuedOn) }),
    recipient: t('recipient', { visa }),
    subject: t('subject', { count, guest, visa }),
    salutation: t('salutation'),
    paragraphs,
    programme: {
      heading: t('programme.heading'),
      lines: programme.length ? programme : [t('programme.none')],
    },
    travellers: {
      heading: t('travellers.heading'),
      columns: [
        t('column.no'),
        t('column.familyName'),
        t('column.givenName'),
        t('column.sex'),
        t('column.dateOfBirth'),
        t('column.nationality'),
        t('column.passport'),
      ],
      rows: input.travellers.map((p, i) => [
        String(i + 1),
        p.familyName,
        p.givenName,
        t('sex', { sex: p.sex ?? 'none' }),
        date(p.dateOfBirth),
        p.nationality ?? '–',
        p.passportNumber,
      ]),
    },
    request: t('request', { visa }),
    host: { heading: t('host.heading'), lines: hostLines },
    closing: t('closing'),
    signature: [
      t('signature.sign'),
      s
        ? t('signature.name', { name: s.name, role: localized(lang, s.role) ?? '' })
        : t('signature.nameBlank'),
      t('signature.stamp'),
      t('signature.placeDate'),
    ],
  }
}

/**
 * The letter for a trip: the visa and the languages follow from the direction (the host's
 * country), then one version per language with the same facts. Pure: equal input, equal letter.
 */
export function visaLetter(input: VisaLetterInput): VisaLetter {
  const visa = VISA_OF[input.direction]
  const languages = LETTER_LANGUAGES[visa]
  const names = languages.map((l) => input.host.name[l]?.trim() || input.host.name.original)
  const addresses = languages.map((l) => localized(l, input.host.address))
  const c = input.host.contact
  return {
    visa,
    languages,
    letterhead: {
      names: [...new Set([input.host.name.original, ...names])],
      lines: [...new Set(addresses), [c?.phone, c?.email].filter(Boolean).join(' · ')].filter(
        (x): x is string => !!x,
      ),
    },
    versions: languages.map((l) => version(input, visa, l)),
  }
}
