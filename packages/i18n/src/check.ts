import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser'
import type { Locale } from './locales.js'

/** The argument names a parsed message uses, nested plural/select branches included. */
export function argumentNames(ast: MessageFormatElement[]): string[] {
  const names = new Set<string>()
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue
      if (el.type === TYPE.tag) {
        walk(el.children)
        continue
      }
      names.add(el.value)
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const option of Object.values(el.options)) walk(option.value)
    }
  }
  walk(ast)
  return [...names]
}

/** The {placeholders} of an ICU message, sorted: "{n, plural, one {# day} other {# days}} in {place}" → n, place. */
export function placeholders(message: string): string[] {
  return argumentNames(parse(message, { ignoreTag: true })).sort()
}

export interface CatalogProblem {
  locale: Locale
  key: string
  problem: 'missing' | 'extra' | 'empty' | 'syntax' | 'placeholder'
  detail?: string
}

/**
 * Completeness of a set of catalogs against German: every key of German in every locale (except
 * the `optional` ones, whose missing keys fall back), no key German lacks, no empty text, valid
 * ICU syntax, and the same placeholders as German (none lost, none added).
 */
export function checkCatalogs(
  sources: Partial<Record<Locale, Partial<Record<string, string>>>> & { de: Partial<Record<string, string>> },
  options: {
    /** Locales whose missing keys fall back (Einfache Sprache to German). */
    optional?: readonly Locale[]
    /** Placeholders a locale leaves out on purpose, per key (Einfache Sprache drops detail). */
    omits?: Partial<Record<Locale, Record<string, readonly string[]>>>
  } = {},
): CatalogProblem[] {
  const problems: CatalogProblem[] = []
  const base = sources.de
  const args = (locale: Locale, key: string, text: string): string[] | undefined => {
    try {
      return placeholders(text)
    } catch (error) {
      problems.push({ locale, key, problem: 'syntax', detail: (error as Error).message })
      return undefined
    }
  }
  const baseArgs = new Map<string, string[] | undefined>()
  for (const [key, text] of Object.entries(base))
    if (text !== undefined) baseArgs.set(key, args('de', key, text))
  for (const [locale, catalog] of Object.entries(sources) as [Locale, Partial<Record<string, string>>][]) {
    for (const [key, text] of Object.entries(catalog)) {
      if (text === undefined) continue
      if (!text.trim()) problems.push({ locale, key, problem: 'empty' })
      if (!(key in base)) {
        problems.push({ locale, key, problem: 'extra' })
        continue
      }
      if (locale === 'de') continue
      const own = args(locale, key, text)
      const wanted = baseArgs.get(key)
      if (!own || !wanted) continue
      const allowed = options.omits?.[locale]?.[key] ?? []
      const lost = wanted.filter((name) => !own.includes(name) && !allowed.includes(name))
      const added = own.filter((name) => !wanted.includes(name))
      if (lost.length > 0)
        problems.push({ locale, key, problem: 'placeholder', detail: `lacks {${lost.join('}, {')}}` })
      if (added.length > 0)
        problems.push({
          locale,
          key,
          problem: 'placeholder',
          detail: `adds {${added.join('}, {')}} German does not have`,
        })
    }
    if (options.optional?.includes(locale)) continue
    for (const key of Object.keys(base))
      if (!(key in catalog)) problems.push({ locale, key, problem: 'missing' })
  }
  return problems
}
