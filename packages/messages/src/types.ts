import type { DomainEvent, DomainEventType, EventTime } from '@dj/contracts'
import type { Locale } from '@dj/intl'

/** Every event type the notifier turns into a message (digest.due triggers the digest mail instead). */
export const MESSAGE_TYPES = [
  'auth.email_verification_requested',
  'auth.password_reset_requested',
  'auth.password_changed',
  'auth.registration_attempted',
  'membership.invited',
  'institution.verified',
  'institution.rejected',
  'institution.suspended',
  'institution.reinstated',
  'institution.claim_requested',
  'institution.claim_decided',
  'interest.reconfirm_requested',
  'import.finished',
  'round.finished',
  'proposal.created',
  'proposal.accepted',
  'proposal.declined',
  'proposal.expiring',
  'proposal.expired',
  'proposal.officer_confirmed',
  'interest.expressed',
  'partnership.confirmed',
  'meeting.slots_proposed',
  'visit_plan.proposed',
  'visit_plan.window_confirmed',
  'visit_plan.dropped',
  'message.posted',
  'agreement.ready',
  'agreement.signed',
  'agreement.voided',
  'agreement.completed',
  'agreement.reminder',
  'agreement.overdue',
  'meeting.scheduled',
  'meeting.changed',
  'meeting.cancelled',
  'visit.scheduled',
  'visit.changed',
  'visit.cancelled',
  'reminder.due',
  'trip.checklist_due',
  'funding.deadline_near',
  'report.requested',
  'report.reminder',
  'report.overdue',
  'report.filed',
  'exchange.renewed',
] as const satisfies readonly DomainEventType[]
export type MessageType = (typeof MESSAGE_TYPES)[number]

/** Security mail: always sent by email, at once, whatever the preferences say. */
export const SECURITY_TYPES: ReadonlySet<string> = new Set<MessageType>([
  'auth.email_verification_requested',
  'auth.password_reset_requested',
  'auth.password_changed',
  'auth.registration_attempted',
])

/**
 * Mails with a single-use link. Their events carry only the id of the token row; the notifier
 * derives the token (linkToken of @dj/queue) and hands it to the template, so it is in the mail
 * and nowhere else.
 */
export const LINK_TYPES = [
  'auth.email_verification_requested',
  'auth.password_reset_requested',
  'membership.invited',
] as const satisfies readonly MessageType[]
export type LinkType = (typeof LINK_TYPES)[number]
export const isLinkType = (type: string): type is LinkType => (LINK_TYPES as readonly string[]).includes(type)
/** What a link template sees: the event and the token of its link. */
export type WithLinkToken<E> = E & { token: string }

export interface Message {
  subject: string
  /** Paragraphs; the text part joins them with blank lines, the HTML part wraps each in <p>. */
  lines: string[]
  action?: { label: string; url: string }
}

/** What a template may use: formatting in the reader's zone and language, links to the web app. */
export interface RenderHelpers {
  locale: Locale
  timeZone: string
  when(iso: string): string
  eventTime(time: EventTime): string
  link(path: string): string
}

/** Like EventOf, but also narrows members that share one shape across several types (meeting.*). */
export type EventFor<T extends string> = DomainEvent extends infer E
  ? E extends { type: infer U }
    ? T extends U
      ? E & { type: T }
      : never
    : never
  : never

/** The event as its template sees it: link mails with their token. */
export type TemplateEvent<T extends MessageType> = T extends LinkType
  ? WithLinkToken<EventFor<T>>
  : EventFor<T>

export type Template<T extends MessageType> = (event: TemplateEvent<T>, h: RenderHelpers) => Message

/** A locale's messages, bound to its texts (catalogs/<locale>/*.json). */
export interface Catalog {
  events: { [T in MessageType]: Template<T> }
  digest(items: { subject: string; at: string }[], day: string, h: RenderHelpers): Message
  /** Footer line of every mail (why they get it, where to change it). */
  footer(h: RenderHelpers): string
  open: string
}
