import { CATALOGS, helpers, type Locale, renderEvent } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
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

export function renderEmail(
  event: DomainEvent,
  target: RenderTarget,
  opts: { webUrl: string; messageId: string; stamp: Date },
): OutgoingMail {
  const h = helpers(target.locale, target.timeZone, opts.webUrl)
  const message = renderEvent(event, h)
  const { text, html } = composeBodies(message, CATALOGS[target.locale].footer(h), target.locale)
  const ics = icsFor(event, target.email, opts.stamp, opts.webUrl)
  return {
    to: target.email,
    subject: message.subject,
    text,
    html,
    messageId: opts.messageId,
    locale: target.locale,
    ...(ics ? { ics } : {}),
  }
}

export function renderDigest(
  items: { subject: string; at: string }[],
  day: string,
  target: RenderTarget,
  opts: { webUrl: string; messageId: string },
): OutgoingMail {
  const h = helpers(target.locale, target.timeZone, opts.webUrl)
  const catalog = CATALOGS[target.locale]
  const message = catalog.digest(items, day, h)
  const { text, html } = composeBodies(message, catalog.footer(h), target.locale)
  return {
    to: target.email,
    subject: message.subject,
    text,
    html,
    messageId: opts.messageId,
    locale: target.locale,
  }
}
