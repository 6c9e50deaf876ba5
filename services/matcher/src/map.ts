import type { InstitutionKind, MatchInterest, Side } from '@dj/matching'

/** The columns a round reads for one open interest and its institution. */
export interface InterestRow {
  id: string
  institutionId: string
  side: Side
  kind: string | null
  subtype: string | null
  formats: string[]
  topics: string[]
  tags: string[]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: { lang: string; level: string }[]
  windows: { start: string; end: string }[]
  durationMinDays: number
  durationMaxDays: number
  direction: string
  hostingGuests: number
  maxPartners: number
}

const KINDS: readonly InstitutionKind[] = ['school', 'club', 'vocational', 'public']

/**
 * Registry row → engine input. A profile without a kind yet counts as 'public' (no affinity bonus
 * either way) rather than guessing it is a school.
 */
export function toMatchInterest(row: InterestRow): MatchInterest {
  const kind = KINDS.find((k) => k === row.kind) ?? 'public'
  return {
    id: row.id,
    institutionId: row.institutionId,
    side: row.side,
    institutionKind: kind,
    subtype: row.subtype,
    formats: row.formats as MatchInterest['formats'],
    topics: row.topics as MatchInterest['topics'],
    tags: row.tags,
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    groupMin: row.groupMin,
    groupMax: row.groupMax,
    languages: row.languages as MatchInterest['languages'],
    windows: row.windows,
    durationMinDays: row.durationMinDays,
    durationMaxDays: row.durationMaxDays,
    direction: row.direction as MatchInterest['direction'],
    hostingCapacity: row.hostingGuests,
    capacity: row.maxPartners,
  }
}
