/**
 * The words of the cooperation agreement and the registry, spelled once: the database schema,
 * the matching engine, the demo generator and the web front end all take them from here.
 */
export const SIDES = ['duren', 'jinhua'] as const
export type Side = (typeof SIDES)[number]

export const INSTITUTION_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number]
export const INSTITUTION_KINDS = ['school', 'club', 'vocational', 'public'] as const
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number]
export const SCHOOL_TYPES = {
  duren: [
    'grundschule',
    'hauptschule',
    'realschule',
    'sekundarschule',
    'gesamtschule',
    'gymnasium',
    'foerderschule',
    'berufskolleg',
  ],
  jinhua: ['primary', 'junior_middle', 'senior_high', 'secondary_vocational', 'vocational_college'],
} as const
export const CLUB_FIELDS = ['sport', 'music', 'arts', 'culture', 'youth', 'other'] as const
export type ClubField = (typeof CLUB_FIELDS)[number]
export const VOCATIONAL_TYPES = ['vocational_college', 'training_company', 'chamber'] as const
export const LANGUAGES = ['de', 'zh', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const LANGUAGE_LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number]

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
export type Format = (typeof FORMATS)[number]
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
export type Topic = (typeof TOPICS)[number]
export const DIRECTIONS = ['host', 'visit', 'both', 'virtual'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const INTEREST_STATUSES = ['open', 'paused', 'full', 'closed'] as const
export type InterestStatus = (typeof INTEREST_STATUSES)[number]

// Accounts
export const LOCALES = ['de', 'en', 'zh', 'de-simple'] as const
export type Locale = (typeof LOCALES)[number]
export const ROLES = ['coordinator', 'officer', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const
export type UserStatus = (typeof USER_STATUSES)[number]
export const MEMBERSHIP_ROLES = ['owner', 'member'] as const
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number]
export const DIGEST_MODES = ['immediate', 'daily'] as const
export type DigestMode = (typeof DIGEST_MODES)[number]

// Registry
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

// Matching
export const ROUND_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]
export const ROUND_POLICIES = ['stable', 'welfare'] as const
export type RoundPolicy = (typeof ROUND_POLICIES)[number]
export const PROPOSAL_STATUSES = ['open', 'accepted', 'confirmed', 'declined', 'expired'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
export const PROPOSAL_ORIGINS = ['round', 'expressed'] as const
export type ProposalOrigin = (typeof PROPOSAL_ORIGINS)[number]
export const DECLINE_REASONS = [
  'dates_do_not_fit',
  'age_mismatch',
  'language',
  'capacity',
  'found_other_partner',
  'not_interested',
  'other',
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]
/** What a match score is made of, in the order the engine computes and explains it. */
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
export type Criterion = (typeof CRITERIA)[number]

// Scheduling
export const MEETING_STATUSES = ['proposed', 'scheduled', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]
export const VISIT_DIRECTIONS = ['duren_to_jinhua', 'jinhua_to_duren'] as const
export type VisitDirection = (typeof VISIT_DIRECTIONS)[number]
export const VISIT_PLAN_STATUSES = ['open', 'booked', 'cancelled'] as const
export type VisitPlanStatus = (typeof VISIT_PLAN_STATUSES)[number]
export const VISIT_STATUSES = ['scheduled', 'cancelled'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]
/**
 * public_holiday: statutory day off. school_holiday: school break (Ferien / 寒暑假). makeup_workday: a
 * normally free day that is worked (China's 调休, e.g. Sat 2026-02-14). blackout: an institution's own
 * "not available" period. exam: exam period. closure: institution closed. movable_day_off: NRW
 * "beweglicher Ferientag" that each school sets itself.
 */
export const ENTRY_KINDS = [
  'public_holiday',
  'school_holiday',
  'makeup_workday',
  'blackout',
  'exam',
  'closure',
  'movable_day_off',
] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]
export * from './glossary.js'
export * from './glossary-seed-sql.js'
