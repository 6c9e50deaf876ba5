import type {
  Format,
  InstitutionKind as Kind,
  Language as Lang,
  LanguageLevel as Level,
  Side,
  Topic,
} from '@dj/vocabulary'
import { FORMATS, TOPICS } from '@dj/vocabulary'
import { DemoError } from './errors.js'
import {
  DE_CLUB_PREFIX,
  DE_DISCIPLINES,
  DE_DISCIPLINES_ZH,
  DE_PATRONS,
  DE_PATRONS_ZH,
  DE_WORDS_ZH,
  DUREN_TOWNS,
  DUREN_TOWNS_ZH,
  JINHUA_COUNTIES,
  ZH_DISCIPLINES,
  ZH_NUMERALS,
  ZH_TOWNS,
  ZH_TOWNS_PINYIN,
  ZH_WORDS,
} from './names.js'
import { createRandom, type Random } from './random.js'

export type { Format, Kind, Lang, Level, Side, Topic }
export { FORMATS, TOPICS }

export interface DemoInstitution {
  externalKey: string
  side: Side
  name: string
  nameI18n: Partial<Record<Lang, string>>
  kind: Kind
  subtype: string | null
  discipline: string | null
  municipalityId: string
  website: string | null
  size: number
  languages: { lang: Lang; level: Level; use: 'used' | 'taught' }[]
  description: {
    original: { lang: Lang; text: string }
    translations: { lang: Lang; text: string; machine: boolean }[]
  }
}

export interface DemoInterest {
  institutionKey: string
  formats: Format[]
  topics: Topic[]
  tags: string[]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: { lang: Lang; level: Level }[]
  windows: { start: string; end: string }[]
  durationMinDays: number
  durationMaxDays: number
  direction: 'host' | 'visit' | 'both' | 'virtual'
  hostingGuests: number
  hostFamilies: number
  maxPartners: number
  status: 'open' | 'paused' | 'full' | 'closed'
}

export interface DemoPopulation {
  institutions: DemoInstitution[]
  interests: DemoInterest[]
}

export interface GenerateOptions {
  seed: number
  /** 1 = 150 institutions in Kreis Düren and 1,500 in Jinhua. */
  scale: number
  /** First year the exchange windows may fall in (keeps the output independent of the clock). */
  baseYear: number
}

export const DEMO_KEY_PREFIX = 'demo:'

type Spec = {
  kind: Kind
  subtype: string | null
  weight: number
  ages: [number, number]
  size: [number, number]
}

const DUREN_SPECS: Spec[] = [
  { kind: 'school', subtype: 'grundschule', weight: 30, ages: [6, 10], size: [80, 350] },
  { kind: 'school', subtype: 'hauptschule', weight: 4, ages: [10, 16], size: [150, 450] },
  { kind: 'school', subtype: 'realschule', weight: 8, ages: [10, 16], size: [300, 800] },
  { kind: 'school', subtype: 'sekundarschule', weight: 4, ages: [10, 16], size: [300, 700] },
  { kind: 'school', subtype: 'gesamtschule', weight: 8, ages: [10, 19], size: [600, 1400] },
  { kind: 'school', subtype: 'gymnasium', weight: 10, ages: [10, 19], size: [500, 1300] },
  { kind: 'school', subtype: 'foerderschule', weight: 3, ages: [6, 18], size: [60, 250] },
  { kind: 'school', subtype: 'berufskolleg', weight: 4, ages: [16, 25], size: [1000, 3500] },
  { kind: 'club', subtype: 'sport', weight: 14, ages: [8, 21], size: [80, 1500] },
  { kind: 'club', subtype: 'music', weight: 5, ages: [8, 25], size: [20, 120] },
  { kind: 'club', subtype: 'youth', weight: 3, ages: [12, 25], size: [20, 200] },
  { kind: 'club', subtype: 'culture', weight: 2, ages: [12, 30], size: [20, 150] },
  { kind: 'vocational', subtype: 'training_company', weight: 4, ages: [16, 25], size: [30, 900] },
  { kind: 'vocational', subtype: 'chamber', weight: 1, ages: [16, 30], size: [10, 80] },
  { kind: 'public', subtype: null, weight: 2, ages: [14, 30], size: [10, 200] },
]
const JINHUA_SPECS: Spec[] = [
  { kind: 'school', subtype: 'primary', weight: 40, ages: [6, 12], size: [400, 2500] },
  { kind: 'school', subtype: 'junior_middle', weight: 22, ages: [12, 15], size: [600, 2500] },
  { kind: 'school', subtype: 'senior_high', weight: 12, ages: [15, 18], size: [1200, 3500] },
  { kind: 'school', subtype: 'secondary_vocational', weight: 6, ages: [15, 19], size: [800, 3000] },
  { kind: 'school', subtype: 'vocational_college', weight: 1, ages: [18, 23], size: [5000, 15000] },
  { kind: 'club', subtype: 'sport', weight: 9, ages: [8, 20], size: [30, 600] },
  { kind: 'club', subtype: 'arts', weight: 3, ages: [8, 20], size: [20, 200] },
  { kind: 'club', subtype: 'music', weight: 2, ages: [8, 20], size: [20, 150] },
  { kind: 'vocational', subtype: 'training_company', weight: 3, ages: [16, 25], size: [50, 3000] },
  { kind: 'public', subtype: null, weight: 2, ages: [14, 30], size: [10, 300] },
]

const DUREN_AREAS = DUREN_TOWNS.map(([id, name, weight]) => ({ id, name, en: name, weight }))
const JINHUA_AREAS = JINHUA_COUNTIES.map(([id, name, en, weight]) => ({ id, name, en, weight }))

function weighted<T extends { weight: number }>(r: Random, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0)
  let x = r.next() * total
  for (const i of items) {
    x -= i.weight
    if (x < 0) return i
  }
  return items.at(-1)!
}

const DE_TYPE_NAMES: Record<string, string> = {
  grundschule: 'Grundschule',
  hauptschule: 'Hauptschule',
  realschule: 'Realschule',
  sekundarschule: 'Sekundarschule',
  gesamtschule: 'Gesamtschule',
  gymnasium: 'Gymnasium',
  foerderschule: 'Förderschule',
  berufskolleg: 'Berufskolleg',
}

/** A name in both scripts: the original and how the other side writes it. */
interface Names {
  name: string
  nameI18n: Partial<Record<Lang, string>>
}

const zhOf = (words: string) => DE_WORDS_ZH[words] ?? words

/** NRW naming: "Städtisches Gymnasium am Wirteltor", "Katholische Grundschule St. Angela", clubs with their year. */
function durenName(r: Random, spec: Spec, townId: string, town: string, discipline: string | null): Names {
  const townZh = DUREN_TOWNS_ZH[townId] ?? town
  const withZh = (name: string, zh: string): Names => ({ name, nameI18n: { zh } })
  switch (spec.kind) {
    case 'school': {
      const patron = r.pick(DE_PATRONS)
      const patronZh = DE_PATRONS_ZH[patron] ?? patron
      if (spec.subtype === 'grundschule') {
        const type = r.pick(['Gemeinschaftsgrundschule', 'Katholische Grundschule'])
        return withZh(`${type} ${patron}`, `${townZh}${patronZh}${zhOf(type)}`)
      }
      const type = DE_TYPE_NAMES[spec.subtype!]!
      const municipal = ['gymnasium', 'berufskolleg'].includes(spec.subtype!) ? 'Städtisches' : 'Städtische'
      return r.chance(0.5)
        ? withZh(`${municipal} ${type} ${patron}`, `${townZh}市立${patronZh}${zhOf(type)}`)
        : withZh(`${type} ${patron}`, `${townZh}${patronZh}${zhOf(type)}`)
    }
    case 'club': {
      if (spec.subtype === 'sport') {
        const prefix = r.pick(DE_CLUB_PREFIX)
        const year = r.int(1880, 1990)
        return withZh(
          `${prefix} ${town} ${year} e.V. – Abteilung ${discipline}`,
          `${townZh} ${prefix} ${year} 体育俱乐部${DE_DISCIPLINES_ZH[discipline!] ?? discipline}部`,
        )
      }
      const kind =
        spec.subtype === 'music'
          ? r.pick(['Musikverein', 'Jugendblasorchester', 'Chorgemeinschaft'])
          : spec.subtype === 'youth'
            ? r.pick(['Jugendzentrum', 'Pfadfinderstamm', 'Jugendring'])
            : r.pick(['Kulturverein', 'Heimatverein', 'Theatergruppe'])
      return withZh(`${kind} ${town}`, `${townZh}${zhOf(kind)}`)
    }
    case 'vocational': {
      if (spec.subtype === 'chamber') {
        const kind = r.pick(['Kreishandwerkerschaft', 'Innung Elektrotechnik', 'IHK-Bildungszentrum'])
        return withZh(`${kind} ${town}`, `${townZh}${zhOf(kind)}`)
      }
      const kind = r.pick([
        'Papierfabrik',
        'Maschinenbau',
        'Stadtwerke',
        'Zuckerfabrik',
        'Energie- und Wasserstoffzentrum',
      ])
      return withZh(`${kind} ${town} GmbH`, `${townZh}${zhOf(kind)}有限公司`)
    }
    case 'public': {
      const kind = r.pick(['Stadtbibliothek', 'Volkshochschule', 'Jugendamt', 'Musikschule'])
      return withZh(`${kind} ${town}`, `${townZh}${zhOf(kind)}`)
    }
  }
}

const ZH_TYPE_NAMES: Record<string, string[]> = {
  primary: ['小学', '实验小学', '中心小学'],
  junior_middle: ['初级中学', '中学', '实验中学'],
  senior_high: ['高级中学', '中学'],
  secondary_vocational: ['职业技术学校', '职业高级中学'],
  vocational_college: ['职业技术学院'],
}
const word = (zh: string) => ZH_WORDS[zh] ?? { en: zh, de: zh }

/**
 * Zhejiang naming: "兰溪市第二中学" (county + number + type) or "义乌市稠城小学" (county + town);
 * schools of the two city districts carry the city's name ("金华市第一中学"). English and German
 * follow the usual renderings: "Lanxi No. 2 Middle School", "Mittelschule Nr. 2 Lanxi".
 */
function jinhuaName(
  r: Random,
  spec: Spec,
  county: string,
  countyEn: string,
  discipline: string | null,
): Names {
  const cityDistrict = county.endsWith('区')
  const names = (zh: string, en: string, de: string): Names => ({ name: zh, nameI18n: { en, de } })
  const town = r.pick(ZH_TOWNS)
  const townEn = ZH_TOWNS_PINYIN[town] ?? town
  switch (spec.kind) {
    case 'school': {
      const type = r.pick(ZH_TYPE_NAMES[spec.subtype!]!)
      const w = word(type)
      if (r.chance(0.3)) {
        const k = r.int(0, ZH_NUMERALS.length - 1)
        const [place, placeEn] = cityDistrict ? ['金华市', 'Jinhua'] : [county, countyEn]
        return names(
          `${place}第${ZH_NUMERALS[k]}${type}`,
          `${placeEn} No. ${k + 1} ${w.en}`,
          `${w.de} Nr. ${k + 1} ${placeEn}`,
        )
      }
      return names(
        `${county}${town}${type}`,
        `${countyEn} ${townEn} ${w.en}`,
        `${w.de} ${townEn}, ${countyEn}`,
      )
    }
    case 'club': {
      if (spec.subtype === 'sport') {
        const d = word(discipline!)
        return names(
          `${county}${town}${discipline}俱乐部`,
          `${townEn} ${d.en} Club, ${countyEn}`,
          `${d.de}club ${townEn}, ${countyEn}`,
        )
      }
      const kind = spec.subtype === 'music' ? '青少年合唱团' : '少儿美术协会'
      return names(
        `${county}${town}${kind}`,
        `${townEn} ${word(kind).en}, ${countyEn}`,
        `${word(kind).de} ${townEn}, ${countyEn}`,
      )
    }
    case 'vocational': {
      const trade = r.pick(['新能源', '五金', '电子', '纺织', '汽车'])
      const form = r.pick(['有限公司', '股份有限公司'])
      return names(
        `${county}${trade}${form}`,
        `${countyEn} ${word(trade).en} ${word(form).en}`,
        `${countyEn} ${word(trade).de} ${word(form).de}`,
      )
    }
    case 'public': {
      const kind = r.pick(['青少年宫', '图书馆', '文化馆', '教育局国际交流中心'])
      return names(`${county}${kind}`, `${countyEn} ${word(kind).en}`, `${word(kind).de} ${countyEn}`)
    }
  }
}

const KIND_FORMATS: Record<Kind, Format[]> = {
  school: [
    'pupil_exchange_hosting',
    'group_visit',
    'hosting_only',
    'virtual_exchange',
    'staff_exchange',
    'joint_project',
  ],
  club: ['club_encounter', 'group_visit', 'hosting_only', 'virtual_exchange'],
  vocational: ['vocational_placement', 'staff_exchange', 'joint_project', 'virtual_exchange'],
  public: ['staff_exchange', 'joint_project', 'group_visit', 'virtual_exchange'],
}
const KIND_TOPICS: Record<Kind, Topic[]> = {
  school: ['education', 'science', 'culture', 'social', 'energy_hydrogen', 'sport'],
  club: ['sport', 'culture', 'social'],
  vocational: ['vocational_training', 'economy', 'energy_hydrogen', 'science'],
  public: ['education', 'culture', 'social', 'economy'],
}
const TAGS = [
  'robotik',
  'musik',
  'kochen',
  'kalligraphie',
  'tischtennis',
  'wasserstoff',
  'umwelt',
  'theater',
  'mint',
]

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

function interestFor(r: Random, inst: DemoInstitution, spec: Spec, baseYear: number): DemoInterest {
  const formats = r.some(KIND_FORMATS[inst.kind], r.int(1, 2))
  const virtualOnly = formats.every((f) => f === 'virtual_exchange' || f === 'joint_project')
  const hosting = formats.some((f) => f === 'pupil_exchange_hosting' || f === 'hosting_only')
  const direction = virtualOnly
    ? 'virtual'
    : hosting
      ? r.pick(['host', 'both'] as const)
      : r.pick(['visit', 'both'] as const)
  const ageMin = r.int(spec.ages[0], Math.max(spec.ages[0], spec.ages[1] - 3))
  const ageMax = Math.min(spec.ages[1], ageMin + r.int(2, 6))
  const groupMin = r.int(4, 12)
  const groupMax = groupMin + r.int(0, 20)
  const windows = Array.from({ length: r.int(1, 3) }, () => {
    const y = baseYear + r.int(0, 1)
    const m = r.int(1, 11)
    const d = r.int(1, 15)
    return { start: iso(y, m, d), end: iso(y, m + 1, d) }
  })
  const durationMinDays = r.int(3, 10)
  const otherLang: Lang = inst.side === 'duren' ? 'zh' : 'de'
  const languages: DemoInterest['languages'] = [
    { lang: 'en', level: r.pick(['basic', 'intermediate', 'fluent'] as const) },
  ]
  if (r.chance(0.25)) languages.push({ lang: otherLang, level: 'basic' })
  return {
    institutionKey: inst.externalKey,
    formats,
    topics: r.some(KIND_TOPICS[inst.kind], r.int(1, 3)),
    tags: r.chance(0.4) ? r.some(TAGS, r.int(1, 2)) : [],
    ageMin,
    ageMax,
    groupMin,
    groupMax,
    languages,
    windows,
    durationMinDays,
    durationMaxDays: durationMinDays + r.int(0, 14),
    direction,
    hostingGuests: direction === 'host' || direction === 'both' ? groupMax + r.int(0, 5) : 0,
    hostFamilies: hosting && inst.kind === 'school' ? r.int(groupMin, groupMax) : 0,
    maxPartners: r.int(1, 3),
    status: r.chance(0.85) ? 'open' : r.pick(['paused', 'full', 'closed'] as const),
  }
}

function institution(
  r: Random,
  side: Side,
  n: number,
  used: Set<string>,
): { inst: DemoInstitution; spec: Spec } {
  const spec = weighted(r, side === 'duren' ? DUREN_SPECS : JINHUA_SPECS)
  const area = side === 'duren' ? weighted(r, DUREN_AREAS) : weighted(r, JINHUA_AREAS)
  const discipline =
    spec.kind === 'club' && spec.subtype === 'sport'
      ? r.pick(side === 'duren' ? DE_DISCIPLINES : ZH_DISCIPLINES)
      : null
  let names =
    side === 'duren'
      ? durenName(r, spec, area.id, area.name, discipline)
      : jinhuaName(r, spec, area.name, area.en, discipline)
  // Names repeat: the town first (as NRW schools are told apart), then a campus number.
  if (used.has(names.name) && side === 'duren' && !names.name.includes(area.name))
    names = { ...names, name: `${names.name} ${area.name}` }
  for (let k = 2; used.has(names.name); k++) {
    const base = names.name.replace(/ \(Standort \d+\)$/, '').replace(/（\d+校区）$/, '')
    const i18n = Object.fromEntries(
      Object.entries(names.nameI18n).map(([l, v]) => [
        l,
        `${v.replace(/ \((Standort|Campus) \d+\)$/, '').replace(/（\d+校区）$/, '')}${l === 'zh' ? `（${k}校区）` : l === 'de' ? ` (Standort ${k})` : ` (Campus ${k})`}`,
      ]),
    )
    names = { name: side === 'duren' ? `${base} (Standort ${k})` : `${base}（${k}校区）`, nameI18n: i18n }
  }
  const { name } = names
  used.add(name)
  const de = side === 'duren'
  const size = r.int(spec.size[0], spec.size[1])
  const people = (l: Lang) =>
    spec.kind === 'school'
      ? { de: 'Schülerinnen und Schüler', en: 'pupils', zh: '学生' }[l]
      : { de: 'Mitglieder', en: 'members', zh: '成员' }[l]
  const local = (l: Lang) =>
    l === 'zh'
      ? (names.nameI18n.zh ?? name)
      : l === 'de'
        ? (names.nameI18n.de ?? name)
        : (names.nameI18n.en ?? name)
  const place = de ? area.name : area.en
  // Written texts in each language; none is a machine translation, so none is marked as one.
  const texts: Record<Lang, string> = de
    ? {
        de: `${name} in ${area.name}: ${size} ${people('de')}. Wir suchen Partner in Jinhua für Begegnungen und gemeinsame Projekte.`,
        en: `${name} in ${place} (${size} ${people('en')}) is looking for partners in Jinhua for visits and joint projects.`,
        zh: `${local('zh')}位于迪伦县${DUREN_TOWNS_ZH[area.id] ?? area.name}，现有${people('zh')}${size}名，希望与金华的伙伴开展交流与合作。`,
      }
    : {
        zh: `${name}位于${area.name}，现有${people('zh')}${size}名，希望与迪伦县的伙伴开展交流与合作。`,
        en: `${local('en')} in ${place} (${size} ${people('en')}) would like to work with partners in Kreis Düren.`,
        de: `${local('de')} in ${place} (${size} ${people('de')}) sucht Partner im Kreis Düren für Austausch und Zusammenarbeit.`,
      }
  const original: Lang = de ? 'de' : 'zh'
  const translated = (['de', 'zh', 'en'] as const).filter((l) => l !== original && r.chance(0.8))
  const inst: DemoInstitution = {
    externalKey: `${DEMO_KEY_PREFIX}${side === 'duren' ? 'dn' : 'jh'}:${String(n).padStart(6, '0')}`,
    side,
    name,
    nameI18n: names.nameI18n,
    kind: spec.kind,
    subtype: spec.subtype,
    discipline,
    municipalityId: area.id,
    website: r.chance(0.7) ? `https://${de ? 'schule' : 'school'}-${n}.demo.invalid` : null,
    size,
    languages: de
      ? [
          { lang: 'de', level: 'native', use: 'used' },
          { lang: 'en', level: r.pick(['intermediate', 'fluent'] as const), use: 'taught' },
          ...(r.chance(0.15)
            ? [{ lang: 'zh' as const, level: 'basic' as const, use: 'taught' as const }]
            : []),
        ]
      : [
          { lang: 'zh', level: 'native', use: 'used' },
          { lang: 'en', level: r.pick(['basic', 'intermediate'] as const), use: 'taught' },
          ...(r.chance(0.05)
            ? [{ lang: 'de' as const, level: 'basic' as const, use: 'taught' as const }]
            : []),
        ],
    description: {
      original: { lang: original, text: texts[original] },
      translations: translated.map((l) => ({ lang: l, text: texts[l], machine: false })),
    },
  }
  return { inst, spec }
}

/**
 * A reproducible demo population: the same seed, scale and base year always give the same
 * institutions and interests, so benchmarks can regenerate it at any size. Pure: no I/O, no clock.
 */
export function generateDemoPopulation(options: GenerateOptions): DemoPopulation {
  const { seed, scale, baseYear } = options
  if (!Number.isInteger(seed)) throw new DemoError('DEMO_INVALID_OPTIONS', 'seed must be an integer')
  if (!(scale > 0 && scale <= 1000)) throw new DemoError('DEMO_INVALID_OPTIONS', 'scale must be in (0, 1000]')
  if (!Number.isInteger(baseYear)) throw new DemoError('DEMO_INVALID_OPTIONS', 'baseYear must be an integer')
  const r = createRandom(seed)
  const institutions: DemoInstitution[] = []
  const interests: DemoInterest[] = []
  const used = new Set<string>()
  for (const [side, count] of [
    ['duren', Math.round(150 * scale)],
    ['jinhua', Math.round(1500 * scale)],
  ] as const) {
    for (let n = 1; n <= count; n++) {
      const { inst, spec } = institution(r, side, n, used)
      institutions.push(inst)
      const k = r.int(1, 3)
      for (let i = 0; i < k; i++) interests.push(interestFor(r, inst, spec, baseYear))
    }
  }
  return { institutions, interests }
}
