/**
 * What the platform says to people about events: the message catalogs (JSON per locale and area
 * in catalogs/, de, en, zh and Einfache Sprache, formatted by @dj/i18n), times in the reader's
 * zone (@dj/intl), and the in-app rendering. Shared by the notifier (emails, digests) and the API
 * (the inbox, rendered when read).
 */

export { safeZone } from '@dj/intl'
export {
  CATALOGS,
  formatEventTime,
  formatInstant,
  helpers,
  isMessageType,
  LOCALES,
  type Locale,
  type MessageKey,
  renderEvent,
  SOURCES,
} from './catalogs.js'
export { type InAppMessage, renderInApp } from './inapp.js'
export {
  type Catalog,
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
