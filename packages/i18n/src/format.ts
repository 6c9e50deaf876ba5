import { IntlMessageFormat } from 'intl-messageformat'
import { argumentNames } from './check.js'
import { FALLBACK, LANG_TAG, LOCALES, type Locale } from './locales.js'

/** Values for the {arguments} of a message; numbers select plural forms. */
export type Params = Record<string, string | number>

/** What a catalog owner hands in: every locale's texts, the base (German) complete, others may miss keys. */
export type CatalogSource<K extends string> = { de: Record<K, string> } & Partial<
  Record<Exclude<Locale, 'de'>, Partial<Record<K, string>>>
>

/** Every locale with every key, missing keys filled from the fallback chain (FALLBACK). */
export type Catalogs<K extends string> = Record<Locale, Record<K, string>>

/** Fills each locale's missing keys along FALLBACK, so a lookup always finds a text. */
export function resolveCatalogs<K extends string>(source: CatalogSource<K>): Catalogs<K> {
  const own = (l: Locale): Partial<Record<K, string>> =>
    (source as Partial<Record<Locale, Partial<Record<K, string>>>>)[l] ?? {}
  const out = {} as Catalogs<K>
  for (const locale of LOCALES) {
    const chain = [locale, ...FALLBACK[locale]]
    out[locale] = Object.assign({}, ...chain.reverse().map(own)) as Record<K, string>
  }
  return out
}

export interface I18n<K extends string> {
  /** The texts as written (ICU source), every key in every locale. */
  catalogs: Catalogs<K>
  /** The text of a key in a locale, its {arguments} filled; an unknown key is returned as is. */
  translate(locale: Locale, key: K, params?: Params): string
}

/** Texts without ICU syntax are returned as they are, without compiling a formatter. */
const PLAIN = /^[^{}']*$/

/**
 * A translator over a set of catalogs. Compiled messages are cached per locale and key.
 * Arguments a caller does not pass stay visible as "{name}" rather than failing the page.
 */
export function createI18n<K extends string>(source: CatalogSource<K>): I18n<K> {
  const catalogs = resolveCatalogs(source)
  const compiled = new Map<string, { format: IntlMessageFormat; args: string[] }>()
  function compile(locale: Locale, key: K, text: string) {
    const id = `${locale}\u0000${key}`
    let entry = compiled.get(id)
    if (!entry) {
      const format = new IntlMessageFormat(text, LANG_TAG[locale], undefined, { ignoreTag: true })
      entry = { format, args: argumentNames(format.getAst()) }
      compiled.set(id, entry)
    }
    return entry
  }
  return {
    catalogs,
    translate(locale, key, params) {
      const text: string | undefined = catalogs[locale]?.[key]
      if (text === undefined) return key
      if (PLAIN.test(text)) return text
      const { format, args } = compile(locale, key, text)
      const values: Record<string, string | number> = { ...params }
      for (const name of args) if (!(name in values)) values[name] = `{${name}}`
      return String(format.format(values))
    },
  }
}
