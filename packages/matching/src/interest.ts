import type { Direction, Format, InstitutionKind, Language, LanguageLevel, Side, Topic } from '@dj/vocabulary'
import { FORMATS, LANGUAGE_LEVELS, LANGUAGES, TOPICS } from '@dj/vocabulary'

export type { Direction, Format, InstitutionKind, Side, Topic }
export type Lang = Language
export type LangLevel = LanguageLevel
export { FORMATS, TOPICS }
export const LANGS: readonly Lang[] = LANGUAGES
export const LANG_LEVELS: readonly LangLevel[] = LANGUAGE_LEVELS

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
