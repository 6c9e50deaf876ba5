import type { LocalizedName } from './model.js'

const LANGS = { DE: 'de', EN: 'en', ZH: 'zh' } as const

/**
 * OpenHolidays writes multilingual names as `DE Osterferien,EN Easter Holidays`. A comma only starts a
 * new language when a two-letter code follows, so names that contain commas themselves survive.
 * Returns undefined when the text carries no language prefix at all.
 */
export function parsePrefixedName(text: string): LocalizedName | undefined {
  if (!/^[A-Z]{2} /.test(text)) return undefined
  const out: LocalizedName = {}
  for (const part of text.split(/,(?=[A-Z]{2} )/)) {
    const code = part.slice(0, 2) as keyof typeof LANGS
    const lang = LANGS[code]
    // Languages we do not display (e.g. FR) are dropped rather than mislabelled.
    if (lang) out[lang] = part.slice(3).trim()
  }
  return out
}

const HAN = /\p{Script=Han}/u

/** Name without a language prefix: Han script is Chinese, anything else is taken as `fallback`. */
export function guessName(text: string, fallback: 'de' | 'en' = 'de'): LocalizedName {
  const prefixed = parsePrefixedName(text)
  if (prefixed) return prefixed
  return HAN.test(text) ? { zh: text } : { [fallback]: text }
}
