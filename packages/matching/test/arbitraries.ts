import fc from 'fast-check'
import { FORMATS, type MatchInterest, TOPICS } from '../src/interest.js'

const DIRECTIONS = ['host', 'visit', 'both', 'virtual'] as const
const KINDS = ['school', 'club', 'vocational', 'public'] as const
const SUBTYPES = [
  null,
  'gymnasium',
  'berufskolleg',
  'senior_high',
  'secondary_vocational',
  'primary',
  'sport',
  'training_company',
] as const
const LANG_OPTS: MatchInterest['languages'][] = [
  [{ lang: 'de', level: 'native' }],
  [{ lang: 'zh', level: 'native' }],
  [{ lang: 'en', level: 'basic' }],
  [
    { lang: 'de', level: 'native' },
    { lang: 'en', level: 'fluent' },
  ],
  [
    { lang: 'zh', level: 'native' },
    { lang: 'en', level: 'intermediate' },
  ],
  [
    { lang: 'zh', level: 'native' },
    { lang: 'de', level: 'basic' },
  ],
]

const day = (d: number) => new Date(Date.UTC(2027, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)

/** Interests from small domains so that feasible and infeasible pairs are both common. */
export const arbInterest = (side: 'duren' | 'jinhua', id: string) =>
  fc
    .record({
      inst: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom(...KINDS),
      subtype: fc.constantFrom(...SUBTYPES),
      formats: fc.subarray([...FORMATS], { minLength: 1, maxLength: 3 }),
      topics: fc.subarray([...TOPICS], { maxLength: 3 }),
      ageMin: fc.integer({ min: 6, max: 18 }),
      ageSpan: fc.integer({ min: 0, max: 5 }),
      groupMin: fc.integer({ min: 1, max: 30 }),
      groupSpan: fc.integer({ min: 0, max: 10 }),
      languages: fc.constantFrom(...LANG_OPTS),
      windows: fc.array(
        fc.record({ s: fc.integer({ min: 0, max: 120 }), len: fc.integer({ min: 0, max: 40 }) }),
        {
          maxLength: 2,
        },
      ),
      durMin: fc.integer({ min: 1, max: 14 }),
      durSpan: fc.integer({ min: 0, max: 14 }),
      direction: fc.constantFrom(...DIRECTIONS),
      hostingCapacity: fc.integer({ min: 0, max: 40 }),
      capacity: fc.integer({ min: 0, max: 3 }),
    })
    .map(
      (r): MatchInterest => ({
        id,
        institutionId: `${side}-inst-${r.inst}`,
        side,
        institutionKind: r.kind,
        subtype: r.subtype,
        formats: r.formats,
        topics: r.topics,
        tags: [],
        ageMin: r.ageMin,
        ageMax: r.ageMin + r.ageSpan,
        groupMin: r.groupMin,
        groupMax: r.groupMin + r.groupSpan,
        languages: r.languages.map((l) => ({ ...l })),
        windows: r.windows.map((w) => ({ start: day(w.s), end: day(w.s + w.len) })),
        durationMinDays: r.durMin,
        durationMaxDays: r.durMin + r.durSpan,
        direction: r.direction,
        hostingCapacity: r.hostingCapacity,
        capacity: r.capacity,
      }),
    )

export const arbPopulation = (maxA: number, maxB: number) =>
  fc
    .record({ nA: fc.integer({ min: 0, max: maxA }), nB: fc.integer({ min: 0, max: maxB }) })
    .chain(({ nA, nB }) =>
      fc.record({
        A: fc.tuple(...Array.from({ length: nA }, (_, i) => arbInterest('duren', `d${i}`))),
        B: fc.tuple(...Array.from({ length: nB }, (_, j) => arbInterest('jinhua', `j${j}`))),
      }),
    )
    .map(({ A, B }) => ({ A: [...A] as MatchInterest[], B: [...B] as MatchInterest[] }))
