export type Side = 'duren' | 'jinhua'
export type Format =
  | 'pupil_exchange_hosting'
  | 'group_visit'
  | 'hosting_only'
  | 'virtual_exchange'
  | 'club_encounter'
  | 'vocational_placement'
  | 'staff_exchange'
  | 'joint_project'
export type Topic =
  | 'education'
  | 'science'
  | 'economy'
  | 'energy_hydrogen'
  | 'culture'
  | 'sport'
  | 'social'
  | 'vocational_training'
export type Direction = 'host' | 'visit' | 'both' | 'virtual'
export type Lang = 'de' | 'zh' | 'en'
export type LangLevel = 'basic' | 'intermediate' | 'fluent' | 'native'
export type InstitutionKind = 'school' | 'club' | 'vocational' | 'public'

export const FORMATS: readonly Format[] = [
  'pupil_exchange_hosting',
  'group_visit',
  'hosting_only',
  'virtual_exchange',
  'club_encounter',
  'vocational_placement',
  'staff_exchange',
  'joint_project',
]
export const TOPICS: readonly Topic[] = [
  'education',
  'science',
  'economy',
  'energy_hydrogen',
  'culture',
  'sport',
  'social',
  'vocational_training',
]
export const LANGS: readonly Lang[] = ['de', 'zh', 'en']
export const LANG_LEVELS: readonly LangLevel[] = ['basic', 'intermediate', 'fluent', 'native']

/** An open exchange interest of one institution: the unit that gets matched. */
export interface MatchInterest {
  id: string
  institutionId: string
  side: Side
  institutionKind: InstitutionKind
  /**
   * School type (gymnasium, berufskolleg, realschule, ... / primary, junior_middle, senior_high,
   * secondary_vocational, vocational_college), club field (sport, music, ...), or vocational type
   * (vocational_college, training_company, chamber).
   */
  subtype: string | null
  formats: Format[]
  topics: Topic[]
  tags: string[]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: { lang: Lang; level: LangLevel }[]
  /** ISO dates YYYY-MM-DD, both ends inclusive. */
  windows: { start: string; end: string }[]
  durationMinDays: number
  durationMaxDays: number
  direction: Direction
  /** Guests it can host. */
  hostingCapacity: number
  /** Maximum number of partners. */
  capacity: number
}
