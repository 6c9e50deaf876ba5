import { createI18n, type Params } from '@dj/i18n'
import de from '../../catalogs/de/visa.json' with { type: 'json' }
import en from '../../catalogs/en/visa.json' with { type: 'json' }
import zh from '../../catalogs/zh/visa.json' with { type: 'json' }

/** The letter's languages: Chinese or German (the host's) with English. Einfache Sprache is no visa language. */
export type LetterLanguage = 'de' | 'en' | 'zh'

/** Every text key of the letter, derived from the German catalog. */
export type VisaKey = keyof typeof de & string

/** The catalogs as written; a key missing in zh or en fails the typecheck. */
export const VISA_SOURCES: Record<LetterLanguage, Record<VisaKey, string>> = { de, en, zh }

const i18n = createI18n<VisaKey>(VISA_SOURCES)

export const visaText = (lang: LetterLanguage, key: VisaKey, params?: Params): string =>
  i18n.translate(lang, key, params)
