import Negotiator from 'negotiator'
import { LOCALES, type Locale } from './locales.js'

/**
 * The best locale for an Accept-Language header (RFC 9110 weights and prefixes, by the
 * `negotiator` package): "zh-CN" → zh, "fr, en;q=0.5" → en. German when nothing fits.
 */
export function negotiate(
  header: string | undefined,
  available: readonly Locale[] = LOCALES,
  fallback: Locale = 'de',
): Locale {
  if (!header) return fallback
  const best = new Negotiator({ headers: { 'accept-language': header } }).language([...available])
  return (available as readonly string[]).includes(best ?? '') ? (best as Locale) : fallback
}
