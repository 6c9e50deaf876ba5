/**
 * The platform's one catalog system: message catalogs are JSON files split by feature area
 * (`catalogs/<locale>/<area>.json`, flat `key → ICU message`), loaded as JSON modules by their
 * owner (the web, @dj/messages) and formatted here with intl-messageformat (ICU plural and
 * select rules). Pure: no I/O, the catalogs arrive as imported JSON.
 */

export { areas, type Merge } from './areas.js'
export { type CatalogProblem, checkCatalogs, placeholders } from './check.js'
export {
  type CatalogSource,
  type Catalogs,
  createI18n,
  type I18n,
  type Params,
  resolveCatalogs,
} from './format.js'
export { FALLBACK, isLocale, LANG_TAG, LOCALES, type Locale } from './locales.js'
export { negotiate } from './negotiate.js'
