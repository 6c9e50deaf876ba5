import {
  CLUB_FIELDS,
  CRITERIA,
  DECLINE_REASONS,
  DIGEST_MODES,
  DIRECTIONS,
  ENTRY_KINDS,
  FORMATS,
  IMPORT_STATUSES,
  INSTITUTION_KINDS,
  INSTITUTION_STATUSES,
  INTEREST_STATUSES,
  LANGUAGE_LEVELS,
  LANGUAGES,
  LOCALES,
  MEETING_STATUSES,
  MEMBERSHIP_ROLES,
  PROPOSAL_ORIGINS,
  PROPOSAL_STATUSES,
  ROLES,
  ROUND_POLICIES,
  ROUND_STATUSES,
  SIDES,
  TOPICS,
  USER_STATUSES,
  VISIT_DIRECTIONS,
  VISIT_PLAN_STATUSES,
  VISIT_STATUSES,
} from '@dj/vocabulary'
import type { Static } from 'typebox'
import { Enum, Literals } from './common.js'

/**
 * The platform's word lists, as values (re-exported from @dj/vocabulary, where the database, the
 * engines and the web take them from too) and as schemas for the API's requests and answers.
 */
export * from '@dj/vocabulary'

// Each schema keeps the JSON Schema shape the API has always published (a union of literals or an
// enum), so validation answers and the OpenAPI document stay as they were.
export const Locale = Literals(LOCALES)
export type Locale = Static<typeof Locale>
export const Role = Literals(ROLES)
export type Role = Static<typeof Role>
export const Side = Literals(SIDES)
export type Side = Static<typeof Side>
export const UserStatus = Literals(USER_STATUSES)
export type UserStatus = Static<typeof UserStatus>
export const MembershipRole = Literals(MEMBERSHIP_ROLES)
export type MembershipRole = Static<typeof MembershipRole>
export const DigestMode = Literals(DIGEST_MODES)
export type DigestMode = Static<typeof DigestMode>

export const Lang = Enum(LANGUAGES)
export type Lang = Static<typeof Lang>
export const Level = Enum(LANGUAGE_LEVELS)
export type Level = Static<typeof Level>
export const Kind = Enum(INSTITUTION_KINDS)
export type Kind = Static<typeof Kind>
export const InstitutionStatus = Enum(INSTITUTION_STATUSES)
export type InstitutionStatus = Static<typeof InstitutionStatus>
export const Format = Enum(FORMATS)
export type Format = Static<typeof Format>
export const Topic = Enum(TOPICS)
export type Topic = Static<typeof Topic>
export const Direction = Enum(DIRECTIONS)
export type Direction = Static<typeof Direction>
export const InterestStatus = Enum(INTEREST_STATUSES)
export type InterestStatus = Static<typeof InterestStatus>
export const ClubField = Enum(CLUB_FIELDS)
export type ClubField = Static<typeof ClubField>
export const ImportStatus = Enum(IMPORT_STATUSES)
export type ImportStatus = Static<typeof ImportStatus>

export const ProposalStatus = Literals(PROPOSAL_STATUSES)
export type ProposalStatus = Static<typeof ProposalStatus>
export const ProposalOrigin = Literals(PROPOSAL_ORIGINS)
export type ProposalOrigin = Static<typeof ProposalOrigin>
export const DeclineReason = Literals(DECLINE_REASONS)
export type DeclineReason = Static<typeof DeclineReason>
export const RoundStatus = Literals(ROUND_STATUSES)
export type RoundStatus = Static<typeof RoundStatus>
export const RoundPolicy = Literals(ROUND_POLICIES)
export type RoundPolicy = Static<typeof RoundPolicy>
export const Criterion = Enum(CRITERIA)
export type Criterion = Static<typeof Criterion>

export const MeetingStatus = Literals(MEETING_STATUSES)
export type MeetingStatus = Static<typeof MeetingStatus>
export const VisitDirection = Literals(VISIT_DIRECTIONS)
export type VisitDirection = Static<typeof VisitDirection>
export const VisitPlanStatus = Literals(VISIT_PLAN_STATUSES)
export type VisitPlanStatus = Static<typeof VisitPlanStatus>
export const VisitStatus = Literals(VISIT_STATUSES)
export type VisitStatus = Static<typeof VisitStatus>
export const EntryKind = Literals(ENTRY_KINDS)
export type EntryKind = Static<typeof EntryKind>

/** The first word of an event type (`proposal`, `meeting` …), to filter the inbox by subject. */
export const INBOX_KINDS = [
  'auth',
  'membership',
  'institution',
  'interest',
  'proposal',
  'partnership',
  'meeting',
  'visit_plan',
  'visit',
  'reminder',
  'round',
  'import',
  'message',
  'agreement',
  'trip',
  'funding',
  'report',
  'exchange',
] as const
export type InboxKind = (typeof INBOX_KINDS)[number]

/** The stages of the offices' funnel, in order. */
export const FUNNEL_STAGES = [
  'registered',
  'verified',
  'proposed',
  'accepted',
  'partnership',
  'agreementSigned',
  'visitDone',
  'reportFiled',
] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

/** Job states the admins' queue overview counts. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const
export type JobState = (typeof JOB_STATES)[number]
