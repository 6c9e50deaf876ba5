import type { Locale } from './index.js'

/**
 * Meetings and visits are stored with a title in all three languages ("Kennenlernen / Intro /
 * 初次会面: A – B") because both sides share one calendar entry. A reader sees their own word only.
 */
const PREFIXES = [
  {
    stored: 'Kennenlernen / Intro / 初次会面',
    words: { de: 'Kennenlernen', 'de-simple': 'Kennenlernen', en: 'Intro meeting', zh: '初次会面' },
  },
  {
    stored: 'Besuch / Visit / 访问',
    words: { de: 'Besuch', 'de-simple': 'Besuch', en: 'Visit', zh: '访问' },
  },
] as const

export function readerTitle(locale: Locale, title: string): string {
  for (const p of PREFIXES) {
    if (!title.startsWith(p.stored)) continue
    const rest = title.slice(p.stored.length)
    // Chinese takes the full-width colon.
    return `${p.words[locale]}${locale === 'zh' && rest.startsWith(': ') ? `：${rest.slice(2)}` : rest}`
  }
  return title
}
