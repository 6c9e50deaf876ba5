/**
 * What the platform says to people about events: the message catalogs in de, en, zh and
 * Einfache Sprache, formatting of times in the reader's zone, and the in-app rendering. Shared
 * by the notifier (emails, digests) and the API (the inbox, rendered when read).
 */
export {
  CATALOGS,
  formatEventTime,
  formatInstant,
  helpers,
  isLinkType,
  isMessageType,
  LINK_TYPES,
  type LinkType,
  LOCALES,
  type Locale,
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  type RenderHelpers,
  renderEvent,
  SECURITY_TYPES,
  type WithLinkToken,
} from './catalogs.js'
export { safeZone } from './format.js'
export { type InAppMessage, renderInApp } from './inapp.js'
