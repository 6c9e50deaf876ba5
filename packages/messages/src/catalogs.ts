import type { DomainEvent } from '@dj/queue'
import { de } from './de.js'
import { deSimple } from './de-simple.js'
import { en } from './en.js'
import { formatEventTime, formatInstant, type Locale } from './format.js'
import {
  type Catalog,
  isLinkType,
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  type RenderHelpers,
  type WithLinkToken,
} from './types.js'
import { zh } from './zh.js'

export const CATALOGS: Record<Locale, Catalog> = { de, en, zh, 'de-simple': deSimple }
export const LOCALES = Object.keys(CATALOGS) as Locale[]

export function helpers(locale: Locale, timeZone: string, webUrl: string): RenderHelpers {
  const base = webUrl.replace(/\/+$/, '')
  return {
    locale,
    timeZone,
    when: (iso) => formatInstant(iso, locale, timeZone),
    eventTime: (time) => formatEventTime(time, locale, timeZone),
    link: (path) => `${base}${path}`,
  }
}

export function isMessageType(type: string): type is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(type)
}

/** Link mails need their token (derived by the notifier); without it there is nothing to render. */
export function renderEvent(event: DomainEvent | WithLinkToken<DomainEvent>, h: RenderHelpers): Message {
  if (!isMessageType(event.type)) throw new Error(`no template for ${event.type}`)
  if (isLinkType(event.type) && typeof (event as { token?: unknown }).token !== 'string')
    throw new Error(`${event.type} is rendered only with its link token`)
  const template = CATALOGS[h.locale].events[event.type] as (e: DomainEvent, h: RenderHelpers) => Message
  return template(event, h)
}

export { formatEventTime, formatInstant, type Locale } from './format.js'
export {
  isLinkType,
  LINK_TYPES,
  type LinkType,
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  type RenderHelpers,
  SECURITY_TYPES,
  type WithLinkToken,
} from './types.js'
