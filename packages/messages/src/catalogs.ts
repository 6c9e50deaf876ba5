import type { DomainEvent } from '@dj/contracts'
import { areas, createI18n, type Params } from '@dj/i18n'
import { formatEventTime as eventTime, formatDateTime, type Locale } from '@dj/intl'
import deAccount from '../catalogs/de/account.json' with { type: 'json' }
import deAgreement from '../catalogs/de/agreement.json' with { type: 'json' }
import deExchange from '../catalogs/de/exchange.json' with { type: 'json' }
import deInstitutions from '../catalogs/de/institutions.json' with { type: 'json' }
import deMail from '../catalogs/de/mail.json' with { type: 'json' }
import deMatching from '../catalogs/de/matching.json' with { type: 'json' }
import deScheduling from '../catalogs/de/scheduling.json' with { type: 'json' }
import deSimpleAccount from '../catalogs/de-simple/account.json' with { type: 'json' }
import deSimpleAgreement from '../catalogs/de-simple/agreement.json' with { type: 'json' }
import deSimpleExchange from '../catalogs/de-simple/exchange.json' with { type: 'json' }
import deSimpleInstitutions from '../catalogs/de-simple/institutions.json' with { type: 'json' }
import deSimpleMail from '../catalogs/de-simple/mail.json' with { type: 'json' }
import deSimpleMatching from '../catalogs/de-simple/matching.json' with { type: 'json' }
import deSimpleScheduling from '../catalogs/de-simple/scheduling.json' with { type: 'json' }
import enAccount from '../catalogs/en/account.json' with { type: 'json' }
import enAgreement from '../catalogs/en/agreement.json' with { type: 'json' }
import enExchange from '../catalogs/en/exchange.json' with { type: 'json' }
import enInstitutions from '../catalogs/en/institutions.json' with { type: 'json' }
import enMail from '../catalogs/en/mail.json' with { type: 'json' }
import enMatching from '../catalogs/en/matching.json' with { type: 'json' }
import enScheduling from '../catalogs/en/scheduling.json' with { type: 'json' }
import zhAccount from '../catalogs/zh/account.json' with { type: 'json' }
import zhAgreement from '../catalogs/zh/agreement.json' with { type: 'json' }
import zhExchange from '../catalogs/zh/exchange.json' with { type: 'json' }
import zhInstitutions from '../catalogs/zh/institutions.json' with { type: 'json' }
import zhMail from '../catalogs/zh/mail.json' with { type: 'json' }
import zhMatching from '../catalogs/zh/matching.json' with { type: 'json' }
import zhScheduling from '../catalogs/zh/scheduling.json' with { type: 'json' }
import { FILL, type Filled, fillDigest } from './params.js'
import {
  type Catalog,
  isLinkType,
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  type RenderHelpers,
  type TemplateEvent,
  type WithLinkToken,
} from './types.js'

export type { Locale }

/**
 * The notification texts: JSON catalogs per locale and area (catalogs/<locale>/<area>.json),
 * ICU messages formatted by @dj/i18n, the same catalog system as the web's.
 */
const de = areas(deAccount, deInstitutions, deMatching, deScheduling, deMail, deAgreement, deExchange)

/** Every message key, derived from the German catalog. */
export type MessageKey = keyof typeof de & string
type Part = 'subject' | 'body' | 'action'
// Every event type has its subject, body and button text in German (a missing one fails the typecheck).
const _complete: Record<
  `${MessageType}.${Part}` | 'digest.subject' | 'digest.body' | 'digest.action',
  string
> = de

/** The catalogs as written, per locale (Einfache Sprache may leave keys to German). */
export const SOURCES: Record<Locale, Record<string, string>> = {
  de,
  en: areas(enAccount, enInstitutions, enMatching, enScheduling, enMail, enAgreement, enExchange),
  zh: areas(zhAccount, zhInstitutions, zhMatching, zhScheduling, zhMail, zhAgreement, zhExchange),
  'de-simple': areas(
    deSimpleAccount,
    deSimpleInstitutions,
    deSimpleMatching,
    deSimpleScheduling,
    deSimpleMail,
    deSimpleAgreement,
    deSimpleExchange,
  ),
}

const i18n = createI18n<MessageKey>(SOURCES as { de: Record<MessageKey, string> })
const t = (locale: Locale, key: string, params?: Params) => i18n.translate(locale, key as MessageKey, params)

/** An instant in the reader's zone with the day of the week: "Mi., 25.03.2026, 09:00 MEZ" (@dj/intl). */
export function formatInstant(iso: string | Date, locale: Locale, zone: string): string {
  return formatDateTime(locale, zone, iso, { weekday: true })
}

/** A meeting or visit in the reader's zone, with the day of the week (@dj/intl). */
export function formatEventTime(time: Parameters<typeof eventTime>[2], locale: Locale, zone: string): string {
  return eventTime(locale, zone, time, { weekday: true })
}

/** A message from its texts: the body's line breaks separate its paragraphs. */
function message(locale: Locale, prefix: string, { params, url }: Filled): Message {
  return {
    subject: t(locale, `${prefix}.subject`, params),
    lines: t(locale, `${prefix}.body`, params)
      .split('\n')
      .filter((line) => line.length > 0),
    action: { label: t(locale, `${prefix}.action`, params), url },
  }
}

function catalog(locale: Locale): Catalog {
  const events = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [
      type,
      (e: TemplateEvent<typeof type>, h: RenderHelpers) =>
        message(locale, type, (FILL[type] as (e: unknown, h: RenderHelpers) => Filled)(e, h)),
    ]),
  ) as Catalog['events']
  return {
    events,
    digest: (items, day, h) => message(locale, 'digest', fillDigest(items, day, h)),
    footer: (h) => t(locale, 'footer', { link: h.link('/inbox/preferences') }),
    open: t(locale, 'open'),
  }
}

export const CATALOGS: Record<Locale, Catalog> = {
  de: catalog('de'),
  en: catalog('en'),
  zh: catalog('zh'),
  'de-simple': catalog('de-simple'),
}
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
