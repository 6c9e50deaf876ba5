import type { AgreementFields } from '@dj/agreement'

/** One aim of the agreement a report rates: a stable key and the agreement's own words. */
export interface ReportAim {
  key: string
  /** The aim as the agreement states it, in the languages it was written in. */
  text: { de?: string; zh?: string; en?: string }
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n|；|;/)
    .map((l) => l.replace(/^\s*[-•*\d.)]+\s*/, '').trim())
    .filter((l) => l.length > 0)

/**
 * The aims of an agreement's purpose, one per line (or `;`) of its aims text: line n of each
 * language is the same aim, so `aim-<n>` names it whatever language the reader uses. An agreement
 * without aims text is rated as one aim, its purpose as a whole.
 */
export function agreementAims(fields: Pick<AgreementFields, 'purpose'> | null): ReportAim[] {
  const aims = fields?.purpose.aims ?? {}
  const byLang = { de: lines(aims.de), zh: lines(aims.zh), en: lines(aims.en) }
  const n = Math.max(byLang.de.length, byLang.zh.length, byLang.en.length)
  if (n === 0) return [{ key: 'aim-1', text: {} }]
  return Array.from({ length: n }, (_, i) => {
    const text: ReportAim['text'] = {}
    for (const lang of ['de', 'zh', 'en'] as const) {
      const line = byLang[lang][i]
      if (line) text[lang] = line
    }
    return { key: `aim-${i + 1}`, text }
  })
}

/** The aim in the reader's language, else another one the agreement has. */
export function aimText(aim: ReportAim, lang: 'de' | 'zh' | 'en'): string | null {
  return aim.text[lang] ?? aim.text.de ?? aim.text.en ?? aim.text.zh ?? null
}
