import type { DomainEvent } from '@dj/queue'
import { de } from './de.js'
import { deSimple } from './de-simple.js'
import { en } from './en.js'
import { formatEventTime, formatInstant, type Locale } from './format.js'
import { type Catalog, MESSAGE_TYPES, type Message, type MessageType, type RenderHelpers } from './types.js'
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

export function renderEvent(event: DomainEvent, h: RenderHelpers): Message {
  if (!isMessageType(event.type)) throw new Error(`no template for ${event.type}`)
  const template = CATALOGS[h.locale].events[event.type] as (e: DomainEvent, h: RenderHelpers) => Message
  return template(event, h)
}

export { formatEventTime, formatInstant, type Locale } from './format.js'
export { MESSAGE_TYPES, type Message, type MessageType, type RenderHelpers, SECURITY_TYPES } from './types.js'
