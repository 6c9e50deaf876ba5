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
