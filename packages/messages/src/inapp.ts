import type { DomainEvent } from '@dj/contracts'
import type { Locale } from '@dj/intl'
import { helpers, renderEvent } from './catalogs.js'

export interface InAppMessage {
  title: string
  body: string
  link: string | null
}

/**
 * An inbox entry as its reader sees it, in their language and time zone. Rendered when read,
 * not when delivered, so a reader who changes language or moves zone sees every entry anew.
 */
export function renderInApp(
  event: DomainEvent,
  reader: { locale: Locale; timeZone: string },
  webUrl: string,
): InAppMessage {
  const message = renderEvent(event, helpers(reader.locale, reader.timeZone, webUrl))
  return { title: message.subject, body: message.lines.join('\n'), link: message.action?.url ?? null }
}
