/** Shapes of the registry API answers the pages read (see /openapi.json). */
export type Side = 'duren' | 'jinhua'
export type Lang = 'de' | 'zh' | 'en'
export const LANGS: Lang[] = ['de', 'zh', 'en']
export const KINDS = ['school', 'club', 'vocational', 'public'] as const
export const SCHOOL_DUREN = [
  'grundschule',
  'hauptschule',
  'realschule',
  'sekundarschule',
  'gesamtschule',
  'gymnasium',
  'foerderschule',
  'berufskolleg',
] as const
export const SCHOOL_JINHUA = [
  'primary',
  'junior_middle',
  'senior_high',
  'secondary_vocational',
  'vocational_college',
] as const
export const CLUB_FIELDS = ['sport', 'music', 'arts', 'culture', 'youth', 'other'] as const
export const VOCATIONAL_TYPES = ['vocational_college', 'training_company', 'chamber'] as const
export const LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const
export const FORMATS = [
  'pupil_exchange_hosting',
  'group_visit',
  'hosting_only',
  'virtual_exchange',
  'club_encounter',
  'vocational_placement',
  'staff_exchange',
  'joint_project',
] as const
export const TOPICS = [
  'education',
  'science',
  'economy',
  'energy_hydrogen',
  'culture',
  'sport',
  'social',
  'vocational_training',
] as const
export const DIRECTIONS = ['host', 'visit', 'both', 'virtual'] as const
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
