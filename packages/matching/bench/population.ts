import type { Format, InstitutionKind, Lang, LangLevel, MatchInterest, Side, Topic } from '../src/interest.js'

/** mulberry32: tiny seeded PRNG so benchmark populations are reproducible. */
export function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let x = s
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly (readonly [T, number])[]): T => {
  let total = 0
  for (const [, w] of xs) total += w
  let u = r() * total
  for (const [x, w] of xs) {
    u -= w
    if (u < 0) return x
  }
  return xs[xs.length - 1]![0]
}
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))

interface Profile {
  kind: InstitutionKind
  subtype: string | null
  ages: [number, number]
}

const PROFILES: Record<Side, readonly (readonly [Profile, number])[]> = {
  duren: [
    [{ kind: 'school', subtype: 'grundschule', ages: [6, 10] }, 10],
    [{ kind: 'school', subtype: 'realschule', ages: [10, 16] }, 8],
    [{ kind: 'school', subtype: 'gesamtschule', ages: [10, 19] }, 10],
    [{ kind: 'school', subtype: 'gymnasium', ages: [10, 19] }, 20],
    [{ kind: 'school', subtype: 'berufskolleg', ages: [16, 22] }, 12],
    [{ kind: 'club', subtype: 'sport', ages: [8, 18] }, 14],
    [{ kind: 'club', subtype: 'music', ages: [8, 18] }, 8],
    [{ kind: 'club', subtype: 'culture', ages: [12, 25] }, 4],
    [{ kind: 'vocational', subtype: 'training_company', ages: [16, 25] }, 6],
    [{ kind: 'vocational', subtype: 'chamber', ages: [16, 30] }, 2],
    [{ kind: 'public', subtype: null, ages: [25, 60] }, 6],
  ],
  jinhua: [
    [{ kind: 'school', subtype: 'primary', ages: [6, 12] }, 14],
    [{ kind: 'school', subtype: 'junior_middle', ages: [12, 15] }, 16],
    [{ kind: 'school', subtype: 'senior_high', ages: [15, 18] }, 20],
    [{ kind: 'school', subtype: 'secondary_vocational', ages: [15, 19] }, 10],
    [{ kind: 'vocational', subtype: 'vocational_college', ages: [18, 22] }, 8],
    [{ kind: 'club', subtype: 'sport', ages: [8, 18] }, 12],
    [{ kind: 'club', subtype: 'music', ages: [8, 18] }, 6],
    [{ kind: 'vocational', subtype: 'training_company', ages: [16, 25] }, 6],
    [{ kind: 'public', subtype: null, ages: [25, 60] }, 8],
  ],
}

function formatsFor(r: Rand, p: Profile): Format[] {
  const out = new Set<Format>()
  const add = (f: Format, prob: number) => {
    if (r() < prob) out.add(f)
  }
  if (p.kind === 'school') {
    add('pupil_exchange_hosting', 0.5)
    add('group_visit', 0.3)
    add('hosting_only', 0.1)
    add('joint_project', 0.15)
    add('staff_exchange', 0.08)
    add('virtual_exchange', 0.25)
    if (p.subtype === 'berufskolleg' || p.subtype === 'secondary_vocational') add('vocational_placement', 0.6)
  } else if (p.kind === 'club') {
    add('club_encounter', 0.75)
    add('group_visit', 0.25)
    add('virtual_exchange', 0.1)
  } else if (p.kind === 'vocational') {
    add('vocational_placement', 0.7)
    add('staff_exchange', 0.2)
    add('joint_project', 0.2)
  } else {
    add('staff_exchange', 0.5)
    add('joint_project', 0.4)
    add('virtual_exchange', 0.2)
  }
  if (out.size === 0) out.add(p.kind === 'club' ? 'club_encounter' : 'group_visit')
  return [...out]
}

const TOPIC_W: Record<InstitutionKind, readonly (readonly [Topic, number])[]> = {
  school: [
    ['education', 5],
    ['culture', 5],
    ['science', 4],
    ['sport', 2],
    ['social', 2],
    ['energy_hydrogen', 1],
    ['economy', 1],
  ],
  club: [
    ['sport', 8],
    ['culture', 5],
    ['social', 2],
  ],
  vocational: [
    ['vocational_training', 8],
    ['economy', 4],
    ['energy_hydrogen', 3],
    ['science', 1],
  ],
  public: [
    ['economy', 4],
    ['energy_hydrogen', 3],
    ['culture', 3],
    ['education', 2],
    ['social', 2],
  ],
}

function languagesFor(r: Rand, side: Side, p: Profile): { lang: Lang; level: LangLevel }[] {
  const own: Lang = side === 'duren' ? 'de' : 'zh'
  const other: Lang = side === 'duren' ? 'zh' : 'de'
  const out: { lang: Lang; level: LangLevel }[] = [{ lang: own, level: 'native' }]
  const young = p.ages[1] <= 12
  if (r() < (young ? 0.6 : 0.88)) {
    out.push({
      lang: 'en',
      level: young
        ? 'basic'
        : pick(r, [
            ['basic', 1],
            ['intermediate', 4],
            ['fluent', 2],
          ] as const),
    })
  }
  if (r() < (side === 'duren' ? 0.05 : 0.08))
    out.push({
      lang: other,
      level: pick(r, [
        ['basic', 3],
        ['intermediate', 1],
      ] as const),
    })
  return out
}

const YEAR0 = Date.UTC(2027, 0, 1)
const iso = (day: number) => new Date(YEAR0 + day * 86_400_000).toISOString().slice(0, 10)

/** Travel windows cluster around each side's holidays (Düren: Easter, summer, autumn; Jinhua: spring, summer). */
function windowsFor(r: Rand, side: Side): { start: string; end: string }[] {
  const seasons: readonly (readonly [number, number])[] =
    side === 'duren'
      ? [
          [80, 3],
          [120, 2],
          [180, 4],
          [280, 3],
        ]
      : [
          [40, 2],
          [100, 2],
          [190, 5],
          [270, 2],
        ]
  const n = r() < 0.6 ? 1 : 2
  const out: { start: string; end: string }[] = []
  for (let k = 0; k < n; k++) {
    const center = pick(
      r,
      seasons.map(([c, w]) => [c, w] as const),
    )
    const start = center + int(r, -25, 25)
    out.push({ start: iso(start), end: iso(start + int(r, 7, 28)) })
  }
  return out
}

export function makeInterest(r: Rand, side: Side, i: number): MatchInterest {
  const p = pick(r, PROFILES[side])
  const lo = int(r, p.ages[0], Math.max(p.ages[0], p.ages[1] - 3))
  const hi = Math.min(p.ages[1], lo + int(r, 1, 5))
  const formats = formatsFor(r, p)
  const virtualOnly = formats.length === 1 && formats[0] === 'virtual_exchange'
  const direction = virtualOnly
    ? 'virtual'
    : pick(r, [
        ['both', 5],
        ['host', 2],
        ['visit', 2],
        ['virtual', 0.3],
      ] as const)
  const groupMin = p.kind === 'vocational' ? int(r, 1, 4) : p.kind === 'public' ? int(r, 2, 6) : int(r, 6, 18)
  const groupMax = groupMin + int(r, 0, 12)
  const topics = new Set<Topic>()
  const nTopics = int(r, 1, 3)
  for (let k = 0; k < nTopics; k++) topics.add(pick(r, TOPIC_W[p.kind]))
  const durMin = p.kind === 'vocational' ? int(r, 14, 28) : int(r, 5, 12)
  return {
    id: `${side === 'duren' ? 'd' : 'j'}${i}`,
    institutionId: `${side}-inst-${Math.floor(i / 2)}`,
    side,
    institutionKind: p.kind,
    subtype: p.subtype,
    formats,
    topics: [...topics],
    tags: [],
    ageMin: lo,
    ageMax: hi,
    groupMin,
    groupMax,
    languages: languagesFor(r, side, p),
    windows: windowsFor(r, side),
    durationMinDays: durMin,
    durationMaxDays: durMin + int(r, 0, 14),
    direction,
    hostingCapacity: direction === 'visit' ? 0 : groupMax + int(r, -4, 10),
    capacity: pick(r, [
      [1, 7],
      [2, 2],
      [3, 1],
    ] as const),
  }
}

export function population(n: number, seed: number): { duren: MatchInterest[]; jinhua: MatchInterest[] } {
  const r = prng(seed)
  return {
    duren: Array.from({ length: n }, (_, i) => makeInterest(r, 'duren', i)),
    jinhua: Array.from({ length: n }, (_, i) => makeInterest(r, 'jinhua', i)),
  }
}
