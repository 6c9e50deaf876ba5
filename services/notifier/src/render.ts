import {
  CATALOGS,
  helpers,
  type Locale,
  type Message,
  type RenderHelpers,
  renderEvent,
  type WithLinkToken,
} from '@dj/messages'
import { type DomainEvent, linkToken } from '@dj/queue'
import { buildIcs } from './ics.js'
import { composeBodies, type OutgoingMail } from './mailer.js'

export interface RenderTarget {
  email: string
  locale: Locale
  timeZone: string
}

/** The calendar part of an event that has a time; meetings and visits by their own uid and sequence. */
function icsFor(event: DomainEvent, to: string, stamp: Date, webUrl: string): OutgoingMail['ics'] {
  switch (event.type) {
    case 'meeting.scheduled':
    case 'meeting.changed':
    case 'meeting.cancelled':
    case 'visit.scheduled':
    case 'visit.changed':
    case 'visit.cancelled': {
      const method = event.type.endsWith('.cancelled') ? 'CANCEL' : 'REQUEST'
      const path = 'meetingId' in event ? `/meetings/${event.meetingId}` : `/visits/${event.visitId}`
      return {
        method,
        content: buildIcs({
          method,
          uid: event.uid,
          sequence: event.sequence,
          title: event.title,
          time: event.time,
          organizerEmail: event.organizerEmail,
          attendeeEmail: to,
          url: `${webUrl.replace(/\/+$/, '')}${path}`,
          stamp,
        }),
      }
    }
    case 'reminder.due':
      // The reminder does not carry the calendar uid, so it is published as its own entry
      // (uid per target and offset) rather than touching the invitation in the calendar.
      return {
        method: 'PUBLISH',
        content: buildIcs({
          method: 'PUBLISH',
          uid: `reminder-${event.kind}-${event.targetId}-${event.offset}@dj-exchange`,
          sequence: 0,
          title: event.title,
          time: event.time,
          stamp,
        }),
      }
    default:
      return undefined
  }
}

/** A rendered message as a mail to the target, with the footer every mail carries. */
function mailOf(message: Message, h: RenderHelpers, target: RenderTarget, messageId: string): OutgoingMail {
  const { text, html } = composeBodies(message, CATALOGS[target.locale].footer(h), target.locale)
  return { to: target.email, subject: message.subject, text, html, messageId, locale: target.locale }
}

/**
 * A link mail's event with the token of its link, derived here from the row id the event carries
 * (EMAIL_LINK_SECRET); the token lives in this mail only, never in a table, a job or a log.
 */
export function withLinkToken(event: DomainEvent, secret: string): DomainEvent | WithLinkToken<DomainEvent> {
  switch (event.type) {
    case 'auth.email_verification_requested':
      return { ...event, token: linkToken(secret, 'verify_email', event.tokenId) }
    case 'auth.password_reset_requested':
      return { ...event, token: linkToken(secret, 'reset_password', event.tokenId) }
    case 'membership.invited':
      return { ...event, token: linkToken(secret, 'invitation', event.invitationId) }
    default:
      return event
  }
}

export function renderEmail(
  event: DomainEvent,
  target: RenderTarget,
  opts: { webUrl: string; messageId: string; stamp: Date; linkSecret: string },
): OutgoingMail {
  const h = helpers(target.locale, target.timeZone, opts.webUrl)
  const mail = mailOf(renderEvent(withLinkToken(event, opts.linkSecret), h), h, target, opts.messageId)
  const ics = icsFor(event, target.email, opts.stamp, opts.webUrl)
  return ics ? { ...mail, ics } : mail
}

export function renderDigest(
  items: { subject: string; at: string }[],
  day: string,
  target: RenderTarget,
  opts: { webUrl: string; messageId: string },
): OutgoingMail {
  const h = helpers(target.locale, target.timeZone, opts.webUrl)
  return mailOf(CATALOGS[target.locale].digest(items, day, h), h, target, opts.messageId)
}
