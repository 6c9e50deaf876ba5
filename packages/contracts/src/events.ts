/**
 * Domain events: the payloads written to the outbox and carried by queue jobs.
 * One discriminated union shared by producers (API, workers) and consumers, so both sides agree
 * on every field at compile time.
 *
 * Events that tell people something carry their `audience` (resolved by the notifier: users,
 * every active member of an institution, the officers of a side, or a bare address for
 * invitations) and the facts the message needs, so the notifier never reads other domains'
 * tables and a message shows the state at the moment of the change.
 */
import type { Locale, Side } from '@dj/vocabulary'

export type { Side }

export interface Audience {
  userIds?: string[]
  institutionIds?: string[]
  officerSides?: Side[]
  /** People without an account yet (invitations). */
  emails?: { email: string; locale?: Locale; timeZone?: string }[]
}

export interface InstitutionRef {
  id: string
  name: string
  side: Side
}

export interface EventTime {
  /** Absolute instant (ISO 8601, UTC) for meetings; for all-day visits the dates below. */
  start: string
  end: string
  allDay?: boolean
}

type Notify<T extends string, P> = { type: T; audience: Audience } & P

export type DomainEvent =
  // accounts (security mail: ignores digest and quiet hours). Link mails carry the id of their
  // token row, never the token: the notifier derives it (see link-token.ts of @dj/queue).
  | { type: 'auth.email_verification_requested'; userId: string; tokenId: string; expiresAt: string }
  | { type: 'auth.password_reset_requested'; userId: string; tokenId: string; expiresAt: string }
  | { type: 'auth.password_changed'; userId: string }
  /** Someone tried to register with the address of this existing account (register answers alike). */
  | { type: 'auth.registration_attempted'; userId: string }
  // registry
  | Notify<
      'membership.invited',
      {
        invitationId: string
        institution: InstitutionRef
        invitedByName: string
        /** The link's token is derived from invitationId (see link-token.ts of @dj/queue). */
        expiresAt: string
      }
    >
  | Notify<'institution.verified', { institution: InstitutionRef }>
  | Notify<'institution.rejected', { institution: InstitutionRef; reason: string }>
  | Notify<'institution.suspended', { institution: InstitutionRef; reason: string }>
  | Notify<'institution.reinstated', { institution: InstitutionRef }>
  // Schools imported from open data are unclaimed: a coordinator asks to take one over (told to
  // the office of its side, with whether their email domain matches the school's), the office decides.
  | Notify<
      'institution.claim_requested',
      { claimId: string; institution: InstitutionRef; domainMatch: boolean }
    >
  | Notify<
      'institution.claim_decided',
      {
        claimId: string
        institution: InstitutionRef
        decision: 'confirmed' | 'refused'
        reason: string | null
      }
    >
  | { type: 'import.requested'; importId: string }
  /** Told to the officer who uploaded the file: its report, with the rows that were not imported. */
  | Notify<
      'import.finished',
      { importId: string; status: 'done' | 'failed'; fileName: string | null; total: number; failed: number }
    >
  | Notify<
      'interest.reconfirm_requested',
      { interestId: string; institution: InstitutionRef; deadline: string }
    >
  // matching
  | { type: 'round.requested'; roundId: string }
  /** Told to the officer who started the round, so the result is one link away. */
  | Notify<'round.finished', { roundId: string; status: 'done' | 'failed'; proposals: number }>
  | Notify<
      'proposal.created',
      {
        proposalId: string
        own: InstitutionRef
        partner: InstitutionRef
        score: number
        expiresAt: string | null
      }
    >
  | Notify<'proposal.accepted', { proposalId: string; own: InstitutionRef; partner: InstitutionRef }>
  | Notify<
      'proposal.declined',
      { proposalId: string; own: InstitutionRef; partner: InstitutionRef; reason: string }
    >
  | Notify<
      'proposal.expiring',
      { proposalId: string; own: InstitutionRef; partner: InstitutionRef; expiresAt: string }
    >
  | Notify<'proposal.expired', { proposalId: string; own: InstitutionRef; partner: InstitutionRef }>
  | Notify<
      'proposal.officer_confirmed',
      { proposalId: string; side: Side; own: InstitutionRef; partner: InstitutionRef }
    >
  | Notify<'partnership.confirmed', { partnershipId: string; a: InstitutionRef; b: InstitutionRef }>
  | Notify<
      'interest.expressed',
      {
        expressionId: string
        fromInterestId: string
        toInterestId: string
        from: InstitutionRef
        to: InstitutionRef
      }
    >
  // scheduling
  | Notify<'meeting.slots_proposed', { meetingId: string; partnershipId: string; slots: EventTime[] }>
  // A visit plan waits for the other side: told when proposed, when one side picks a window, when dropped.
  | Notify<
      'visit_plan.proposed',
      { planId: string; by: InstitutionRef; days: number; windows: EventTime[]; moreWindows: number }
    >
  | Notify<'visit_plan.window_confirmed', { planId: string; by: InstitutionRef; window: EventTime }>
  | Notify<'visit_plan.dropped', { planId: string; by: InstitutionRef }>
  | Notify<
      'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled',
      {
        meetingId: string
        uid: string
        sequence: number
        title: string
        time: EventTime
        organizerEmail: string
      }
    >
  | Notify<
      'visit.scheduled' | 'visit.changed' | 'visit.cancelled',
      {
        visitId: string
        uid: string
        sequence: number
        title: string
        time: EventTime
        organizerEmail: string
      }
    >
  | Notify<
      'reminder.due',
      {
        kind: 'meeting' | 'visit'
        targetId: string
        title: string
        time: EventTime
        offset: '7d' | '24h' | '1h'
      }
    >
  // workspace: ids and the writing institution only; the message text stays in the database and
  // is read in the workspace, behind its access check.
  | Notify<'message.posted', { messageId: string; partnershipId: string; from: InstitutionRef }>
  // agreement: ids, the version and its hash only; the fields stay behind the workspace's access
  // check. `by` is the institution that acted (null when a county office did).
  | Notify<
      'agreement.ready',
      { agreementId: string; partnershipId: string; version: number; hash: string; by: InstitutionRef | null }
    >
  | Notify<
      'agreement.signed',
      {
        agreementId: string
        partnershipId: string
        version: number
        hash: string
        /** The place signed (`duren.first`, `jinhua.officer`, …) and the signer's side. */
        slot: string
        side: Side
        /** The institution signed for; null for a county office's countersignature. */
        by: InstitutionRef | null
        /** Whether this signature completed the institutions' part (the offices are asked next). */
        institutionsSigned: boolean
      }
    >
  | Notify<
      'agreement.voided',
      {
        agreementId: string
        partnershipId: string
        /** The version whose signatures the edit voided, and the new one to sign. */
        voidedVersion: number
        version: number
        hash: string
        by: InstitutionRef
        /** How many fields changed (the changes are shown in the workspace). */
        changes: number
      }
    >
  | Notify<
      'agreement.completed',
      { agreementId: string; partnershipId: string; version: number; hash: string }
    >
  // Signature reminders from the scheduler: to whoever has not signed yet (step 1 and 2), then the
  // office of that side (overdue). `by` is the institution the open place belongs to (null: an
  // office's countersignature).
  | Notify<
      'agreement.reminder',
      {
        agreementId: string
        partnershipId: string
        version: number
        hash: string
        slot: string
        side: Side
        by: InstitutionRef | null
        step: 1 | 2
      }
    >
  | Notify<
      'agreement.overdue',
      {
        agreementId: string
        partnershipId: string
        version: number
        hash: string
        slot: string
        side: Side
        by: InstitutionRef | null
        /** Days since the version went out (or since the institutions signed, for an office). */
        days: number
      }
    >
  // the exchange itself: the trip's checklist, funding deadlines, the reports after a visit and the
  // renewal. Ids, dates and names only; the checklist's contents stay behind the workspace's access check.
  /** A checklist item falls due (step 1: ahead of time, step 2: close to the date); both institutions. */
  | Notify<
      'trip.checklist_due',
      {
        tripPlanId: string
        partnershipId: string
        /** `visa_f`, `visa_schengen`, `insurance`, `parental_consent`, `funding:<slug>`, `report`, `custom:<n>`. */
        itemKey: string
        /** YYYY-MM-DD. */
        dueDate: string
        step: 1 | 2
      }
    >
  /** A funding programme's deadline is near for a trip that may apply; both institutions. */
  | Notify<
      'funding.deadline_near',
      {
        programmeSlug: string
        /** The programme's German name (programmes are named in German). */
        programmeName: string
        /** YYYY-MM-DD. */
        deadline: string
        partnershipId: string
        tripPlanId: string
      }
    >
  // Reports after a visit: each institution files its own. Asked for, reminded (step 1 and 2), then
  // told to the office of the institution's side (overdue); once filed, the partner and both offices.
  | Notify<
      'report.requested',
      { reportId: string; visitId: string; partnershipId: string; institutionId: string; partnerName: string }
    >
  | Notify<
      'report.reminder',
      { reportId: string; visitId: string; partnershipId: string; institutionId: string; step: 1 | 2 }
    >
  | Notify<
      'report.overdue',
      {
        reportId: string
        visitId: string
        partnershipId: string
        institutionId: string
        institutionName: string
        side: Side
      }
    >
  | Notify<
      'report.filed',
      {
        reportId: string
        visitId: string
        partnershipId: string
        institutionId: string
        institutionName: string
      }
    >
  /** One institution renewed the exchange (a new agreement edition); told to the other institution. */
  | Notify<
      'exchange.renewed',
      { partnershipId: string; tripPlanId: string | null; agreementEdition: number; by: InstitutionRef }
    >
  // Internal: no one is told; the scheduler re-syncs the plan's or programme's timers from the database.
  | { type: 'trip.plan_changed'; tripPlanId: string; partnershipId: string }
  | { type: 'funding.programme_changed'; programmeId: string }
  // notifications' own work
  | { type: 'digest.due'; userId: string; day: string }

export type DomainEventType = DomainEvent['type']
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>
export type NotifyingEvent = Extract<DomainEvent, { audience: Audience }>
