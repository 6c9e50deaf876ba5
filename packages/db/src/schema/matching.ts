import {
  DECLINE_REASONS,
  PROPOSAL_ORIGINS,
  PROPOSAL_STATUSES,
  ROUND_POLICIES,
  ROUND_STATUSES,
} from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { institutions } from './institutions.js'
import { interests } from './registry.js'
import { SIDES, users } from './users.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export {
  DECLINE_REASONS,
  type DeclineReason,
  PROPOSAL_ORIGINS,
  PROPOSAL_STATUSES,
  type ProposalOrigin,
  type ProposalStatus,
  ROUND_POLICIES,
  ROUND_STATUSES,
  type RoundPolicy,
  type RoundStatus,
} from '@dj/vocabulary'

export interface RoundScope {
  formats?: string[]
  topics?: string[]
}

export interface RoundSummary {
  /** Open interests in scope, per side. */
  interests: { duren: number; jinhua: number }
  /** Interests that got at least one new proposal. */
  interestsMatched: number
  proposals: number
  /** Pairs kept from existing partnerships and live proposals (they use capacity). */
  lockedPairs: number
  totalScore: number
  meanScore: number
  /** The same input under both policies: what stability costs in total score. */
  tradeOff: {
    stableTotal: number
    welfareTotal: number
    /** welfareTotal - stableTotal (>= 0 up to rounding). */
    stableGivesUp: number
  }
}

export interface StoredExplanationItem {
  criterion: string
  raw: number
  weight: number
  contribution: number
}

/** An officer's request to match verified institutions' open interests; run by the matcher. */
export const matchRounds = pgTable(
  'match_rounds',
  {
    id: pk(),
    scope: jsonb('scope').$type<RoundScope>().notNull().default({}),
    policy: text('policy', { enum: ROUND_POLICIES }).notNull(),
    proposer: text('proposer', { enum: SIDES }).notNull().default('duren'),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('queued'),
    /** 0..100, written by the worker so the API can show it without Redis. */
    progress: integer('progress').notNull().default(0),
    /** The weights the worker used, kept so a result can be explained and reproduced later. */
    weights: jsonb('weights').$type<Record<string, number>>(),
    summary: jsonb('summary').$type<RoundSummary>(),
    error: text('error'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('match_rounds_created_ix').on(t.createdAt),
    check('match_rounds_progress_ck', sql`${t.progress} between 0 and 100`),
  ],
)

/**
 * A suggested pair of interests: `a` is always the Düren side, `b` the Jinhua side.
 * open → accepted (both coordinators) → confirmed (both officers, or automatically);
 * open → declined (either coordinator) | expired (nobody answered in time).
 */
export const proposals = pgTable(
  'proposals',
  {
    id: pk(),
    roundId: uuid('round_id').references(() => matchRounds.id, { onDelete: 'cascade' }),
    origin: text('origin', { enum: PROPOSAL_ORIGINS }).notNull().default('round'),
    interestA: uuid('interest_a')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    interestB: uuid('interest_b')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    institutionA: uuid('institution_a')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    institutionB: uuid('institution_b')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    score: doublePrecision('score'),
    explanation: jsonb('explanation').$type<StoredExplanationItem[]>().notNull().default([]),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('open'),
    expiresAt: ts('expires_at'),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('proposals_round_pair_uq').on(t.roundId, t.interestA, t.interestB),
    // At most one live proposal per interest pair, whatever round or expression created it.
    uniqueIndex('proposals_live_pair_uq')
      .on(t.interestA, t.interestB)
      .where(sql`${t.status} in ('open', 'accepted')`),
    index('proposals_institution_a_ix').on(t.institutionA, t.createdAt),
    index('proposals_institution_b_ix').on(t.institutionB, t.createdAt),
    index('proposals_expiry_ix').on(t.expiresAt).where(sql`${t.status} = 'open'`),
  ],
)

export const DECISION_KINDS = ['accept', 'decline', 'confirm'] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]

/** Who decided what on a proposal: coordinators accept/decline for their side, officers confirm. */
export const proposalDecisions = pgTable(
  'proposal_decisions',
  {
    id: pk(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    side: text('side', { enum: SIDES }).notNull(),
    decision: text('decision', { enum: DECISION_KINDS }).notNull(),
    reason: text('reason', { enum: DECLINE_REASONS }),
    text: text('text'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // One answer per side from the coordinators (accept or decline) and one confirmation per side.
    uniqueIndex('proposal_decisions_answer_uq')
      .on(t.proposalId, t.side)
      .where(sql`${t.decision} in ('accept', 'decline')`),
    uniqueIndex('proposal_decisions_confirm_uq')
      .on(t.proposalId, t.side)
      .where(sql`${t.decision} = 'confirm'`),
  ],
)

/** A confirmed pair; both sides may then see each other's contact details. */
export const partnerships = pgTable(
  'partnerships',
  {
    id: pk(),
    proposalId: uuid('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
    interestA: uuid('interest_a')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    interestB: uuid('interest_b')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    institutionA: uuid('institution_a')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    institutionB: uuid('institution_b')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('partnerships_interest_pair_uq').on(t.interestA, t.interestB),
    uniqueIndex('partnerships_proposal_uq').on(t.proposalId),
    index('partnerships_institutions_ix').on(t.institutionA, t.institutionB),
    index('partnerships_institution_b_ix').on(t.institutionB),
  ],
)

export const EXCLUSION_REASONS = ['declined', 'blocked'] as const
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]

/**
 * Pairs later rounds must never propose. A declined proposal excludes its interest pair; a block
 * (interests null) excludes the institution pair. `a` is the Düren side, `b` the Jinhua side.
 */
export const excludedPairs = pgTable(
  'excluded_pairs',
  {
    id: pk(),
    institutionA: uuid('institution_a')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    institutionB: uuid('institution_b')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    interestA: uuid('interest_a').references(() => interests.id, { onDelete: 'cascade' }),
    interestB: uuid('interest_b').references(() => interests.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: EXCLUSION_REASONS }).notNull(),
    proposalId: uuid('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('excluded_pairs_interest_uq')
      .on(t.interestA, t.interestB)
      .where(sql`${t.interestA} is not null`),
    uniqueIndex('excluded_pairs_institution_uq')
      .on(t.institutionA, t.institutionB)
      .where(sql`${t.interestA} is null`),
    check('excluded_pairs_interests_ck', sql`(${t.interestA} is null) = (${t.interestB} is null)`),
  ],
)

/** One-sided interest from partner search; the reverse expression turns the pair into a proposal. */
export const interestExpressions = pgTable(
  'interest_expressions',
  {
    id: pk(),
    fromInterestId: uuid('from_interest_id')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    toInterestId: uuid('to_interest_id')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    proposalId: uuid('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('interest_expressions_pair_uq').on(t.fromInterestId, t.toInterestId),
    index('interest_expressions_to_ix').on(t.toInterestId),
  ],
)
