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
  DE_PATRONS,
  DUREN_TOWNS,
  JINHUA_COUNTIES,
  ZH_DISCIPLINES,
  ZH_NUMERALS,
  ZH_TOWNS,
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

function durenName(r: Random, spec: Spec, town: string, discipline: string | null): string {
  switch (spec.kind) {
    case 'school':
      return r.chance(0.5)
        ? `${DE_TYPE_NAMES[spec.subtype!]} ${r.pick(DE_PATRONS)} ${town}`
        : `${['gymnasium', 'berufskolleg'].includes(spec.subtype!) ? 'Städtisches' : 'Städtische'} ${DE_TYPE_NAMES[spec.subtype!]} ${town}-${r.pick(DE_PATRONS).replace(/^(am|im) /, '')}`
    case 'club':
      if (spec.subtype === 'sport')
        return `${r.pick(DE_CLUB_PREFIX)} ${town} ${r.int(1880, 1990)} e.V. – Abteilung ${discipline}`
      if (spec.subtype === 'music')
        return `${r.pick(['Musikverein', 'Jugendblasorchester', 'Chorgemeinschaft'])} ${town}`
      if (spec.subtype === 'youth')
        return `${r.pick(['Jugendzentrum', 'Pfadfinderstamm', 'Jugendring'])} ${town}`
      return `${r.pick(['Kulturverein', 'Heimatverein', 'Theatergruppe'])} ${town}`
    case 'vocational':
      return spec.subtype === 'chamber'
        ? `${r.pick(['Kreishandwerkerschaft', 'Innung Elektrotechnik', 'IHK-Bildungszentrum'])} ${town}`
        : `${r.pick(['Papierfabrik', 'Maschinenbau', 'Stadtwerke', 'Zuckerfabrik', 'Energie- und Wasserstoffzentrum'])} ${town} GmbH`
    case 'public':
      return `${r.pick(['Stadtbibliothek', 'Volkshochschule', 'Jugendamt', 'Musikschule'])} ${town}`
  }
}

const ZH_TYPE_NAMES: Record<string, string[]> = {
  primary: ['小学', '实验小学', '中心小学'],
  junior_middle: ['初级中学', '中学', '实验中学'],
  senior_high: ['高级中学', '中学'],
  secondary_vocational: ['职业技术学校', '职业高级中学'],
  vocational_college: ['职业技术学院'],
}

function jinhuaName(r: Random, spec: Spec, county: string, discipline: string | null): string {
  const place = r.chance(0.3) ? `${county}第${r.pick(ZH_NUMERALS)}` : `${county}${r.pick(ZH_TOWNS)}`
  switch (spec.kind) {
    case 'school':
      return `${place}${r.pick(ZH_TYPE_NAMES[spec.subtype!]!)}`
    case 'club':
      if (spec.subtype === 'sport') return `${county}${r.pick(ZH_TOWNS)}${discipline}俱乐部`
      return `${county}${r.pick(ZH_TOWNS)}${spec.subtype === 'music' ? '青少年合唱团' : '少儿美术协会'}`
    case 'vocational':
      return `${county}${r.pick(['新能源', '五金', '电子', '纺织', '汽车'])}${r.pick(['有限公司', '股份有限公司'])}`
    case 'public':
      return `${county}${r.pick(['青少年宫', '图书馆', '文化馆', '教育局国际交流中心'])}`
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
  let name =
    side === 'duren' ? durenName(r, spec, area.name, discipline) : jinhuaName(r, spec, area.name, discipline)
  // Larger populations repeat name patterns; a campus suffix keeps every name unique.
  for (let k = 2; used.has(name); k++)
    name =
      side === 'duren'
        ? `${name.replace(/ \(Standort \d+\)$/, '')} (Standort ${k})`
        : `${name.replace(/（\d+校区）$/, '')}（${k}校区）`
  used.add(name)
  const de = side === 'duren'
  const size = r.int(spec.size[0], spec.size[1])
  const text = de
    ? `${name} in ${area.name}: ${size} ${spec.kind === 'school' ? 'Schülerinnen und Schüler' : 'Mitglieder'}. Wir suchen Partner in Jinhua für Begegnungen und gemeinsame Projekte.`
    : `${name}位于${area.name}，现有${spec.kind === 'school' ? '学生' : '成员'}${size}名，希望与迪伦县的伙伴开展交流与合作。`
  const inst: DemoInstitution = {
    externalKey: `${DEMO_KEY_PREFIX}${side === 'duren' ? 'dn' : 'jh'}:${String(n).padStart(6, '0')}`,
    side,
    name,
    nameI18n: de
      ? {}
      : {
          en: `${area.en} ${spec.kind === 'school' ? 'School' : spec.kind === 'club' ? 'Club' : 'Institution'} ${n}`,
        },
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
      original: { lang: de ? 'de' : 'zh', text },
      translations: r.chance(0.5)
        ? [
            {
              lang: 'en',
              text: de
                ? `${name} in ${area.name} is looking for partners in Jinhua.`
                : `${area.en}: looking for partners in Düren.`,
              machine: true,
            },
          ]
        : [],
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
