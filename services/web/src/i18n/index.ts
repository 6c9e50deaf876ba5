import { de } from './de.js'
import { deSimple } from './de-simple.js'
import { type Catalog, en, type MessageKey } from './en.js'
import { zh } from './zh.js'

export type { Catalog, MessageKey }

export const LOCALES = ['de', 'en', 'zh', 'de-simple'] as const
export type Locale = (typeof LOCALES)[number]

export const CATALOGS: Record<Locale, Catalog> = { de, en, zh, 'de-simple': deSimple }

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

/** BCP 47 tag for <html lang> and Intl: Einfache Sprache is German. */
export const LANG_TAG: Record<Locale, string> = { de: 'de', en: 'en', zh: 'zh-Hans', 'de-simple': 'de' }

export type Params = Record<string, string | number>

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text: string = CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Picks the best catalog for an Accept-Language header; German when nothing fits. */
export function negotiate(header: string | undefined): Locale {
  if (!header) return 'de'
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())).find(Boolean)
      return { tag: tag.toLowerCase(), q: q?.[1] ? Number(q[1]) : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag.startsWith('de')) return 'de'
    if (tag.startsWith('en')) return 'en'
    if (tag.startsWith('zh')) return 'zh'
  }
  return 'de'
}

/** Dates, times, numbers and percentages: the platform's one formatter, shared with the notifier. */
export {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTimeRange,
  readerTitle,
  zoneName,
} from '@dj/intl'
