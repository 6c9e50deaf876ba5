import { areas, createI18n, type Params } from '@dj/i18n'
import type { Language } from '@dj/vocabulary'
import deClauses from '../catalogs/de/clauses.json' with { type: 'json' }
import deWords from '../catalogs/de/words.json' with { type: 'json' }
import enClauses from '../catalogs/en/clauses.json' with { type: 'json' }
import enWords from '../catalogs/en/words.json' with { type: 'json' }
import zhClauses from '../catalogs/zh/clauses.json' with { type: 'json' }
import zhWords from '../catalogs/zh/words.json' with { type: 'json' }

/**
 * The agreement's texts: the clause templates and the words that fill them, ICU messages in JSON
 * per locale and area (catalogs/<locale>/<area>.json), the platform's catalog system (@dj/i18n).
 * The agreement exists in German, Chinese and English; Einfache Sprache is not a contract language.
 */
const de = areas(deClauses, deWords)

/** Every text key, derived from the German catalog. */
export type AgreementKey = keyof typeof de & string

/** The catalogs as written, per language of the agreement; a key missing in zh or en fails the typecheck. */
export const SOURCES: Record<'de' | 'zh' | 'en', Record<AgreementKey, string>> = {
  de,
  zh: areas(zhClauses, zhWords),
  en: areas(enClauses, enWords),
}

const i18n = createI18n<AgreementKey>(SOURCES)

/** The text of a key in one language of the agreement, its {arguments} filled. */
export const text = (lang: Language, key: AgreementKey, params?: Params): string =>
  i18n.translate(lang, key, params)
