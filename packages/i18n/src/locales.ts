import { LOCALES, type Locale } from '@dj/vocabulary'

export { LOCALES, type Locale }

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

/** BCP 47 tag for <html lang>, Intl and the plural rules: Einfache Sprache is German. */
export const LANG_TAG: Record<Locale, string> = { de: 'de', en: 'en', zh: 'zh-Hans', 'de-simple': 'de' }

/**
 * Where a key missing in a locale is looked up next. Einfache Sprache may leave a key to German
 * (the text is then the standard German one); German is the base every catalog is checked against.
 */
export const FALLBACK: Record<Locale, readonly Locale[]> = {
  de: ['en'],
  en: ['de'],
  zh: ['en', 'de'],
  'de-simple': ['de', 'en'],
}
