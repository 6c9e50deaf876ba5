/** Shapes of the registry API answers the pages read (see /openapi.json). */
import {
  CLUB_FIELDS,
  DIRECTIONS,
  FORMATS,
  INSTITUTION_KINDS as KINDS,
  LANGUAGES,
  type Language as Lang,
  LANGUAGE_LEVELS as LEVELS,
  SCHOOL_TYPES,
  type Side,
  TOPICS,
  VOCATIONAL_TYPES,
} from '@dj/vocabulary'

export type { Lang, Side }
export { CLUB_FIELDS, DIRECTIONS, FORMATS, KINDS, LEVELS, TOPICS, VOCATIONAL_TYPES }
export const LANGS: readonly Lang[] = LANGUAGES
export const SCHOOL_DUREN = SCHOOL_TYPES.duren
export const SCHOOL_JINHUA = SCHOOL_TYPES.jinhua
export const CRITERIA = [
  'topics',
  'format',
  'age',
  'language',
  'window',
  'size',
  'kind',
  'continuation',
] as const
export const DECLINE_REASONS = [
  'dates_do_not_fit',
  'age_mismatch',
  'language',
  'capacity',
  'found_other_partner',
  'not_interested',
  'other',
] as const

export interface Description {
  original: { lang: Lang; text: string }
  translations: { lang: Lang; text: string; machine: boolean }[]
}

export interface Institution {
  id: string
  side: Side
  name: string
  nameI18n: Partial<Record<Lang, string>>
  kind: (typeof KINDS)[number] | null
  municipalityId?: string | null
  website: string | null
  size: number | null
  languages: { lang: Lang; level: (typeof LEVELS)[number]; use: 'used' | 'taught' }[]
  description: Description | null
  status: 'pending' | 'verified' | 'rejected' | 'suspended'
  access?: 'full' | 'public'
  myRole?: 'owner' | 'member' | null
  statusReason?: string | null
  createdAt?: string
}

export interface Interest {
  id: string
  institutionId: string
  formats: (typeof FORMATS)[number][]
  topics: (typeof TOPICS)[number][]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: { lang: Lang; level: (typeof LEVELS)[number] }[]
  windows: { start: string; end: string }[]
  durationMinDays: number
  durationMaxDays: number
  direction: (typeof DIRECTIONS)[number]
  hostingGuests?: number
  status: 'open' | 'paused' | 'full' | 'closed'
  lastConfirmedAt: string
}

export interface Member {
  userId: string
  role: 'owner' | 'member'
  displayName: string
  email: string
  since: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface ExplanationItem {
  criterion: string
  raw: number
  weight: number
  contribution: number
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
