import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { CATALOGS, LOCALES } from '../src/i18n/index.js'

// One voice per language (issue 16): the glossary's forbidden variants appear in no catalog.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
interface Rule {
  pattern: string
  use: string
}
const glossary = JSON.parse(readFileSync(`${ROOT}docs/glossary.json`, 'utf8')) as {
  forbidden: Record<string, Rule[]>
  keyRules: { locale: string; keys: string; pattern: string; use: string }[]
}

/** The texts of the notification catalog of a locale (JSON per area, as translators edit them). */
function messageTexts(locale: string): [string, string][] {
  const dir = `${ROOT}packages/messages/catalogs/${locale}`
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => Object.entries(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>))
}

export function violations(locale: string, texts: [string, string][]): string[] {
  const found: string[] = []
  for (const rule of glossary.forbidden[locale] ?? []) {
    const re = new RegExp(rule.pattern)
    for (const [where, text] of texts) if (re.test(text)) found.push(`${where}: "${text}" (use ${rule.use})`)
  }
  return found
}

t.test('every locale of the glossary has rules and a catalog', async (t) => {
  t.same(Object.keys(glossary.forbidden).sort(), [...LOCALES].sort())
})

t.test('web catalogs use no forbidden variant', async (t) => {
  for (const locale of LOCALES) {
    const texts = Object.entries(CATALOGS[locale]) as [string, string][]
    t.same(violations(locale, texts), [], `${locale}: web catalog`)
    for (const rule of glossary.keyRules.filter((r) => r.locale === locale)) {
      const bad = texts.filter(([k, v]) => new RegExp(rule.keys).test(k) && new RegExp(rule.pattern).test(v))
      t.same(bad, [], `${locale}: ${rule.use}`)
    }
  }
})

t.test('message catalogs use no forbidden variant', async (t) => {
  for (const locale of LOCALES) {
    const texts = messageTexts(locale)
    t.ok(texts.length > 20, `${locale}: read the message catalog`)
    t.same(violations(locale, texts), [], `${locale}: message catalog`)
  }
})

t.test('the rules bite: each forbidden variant is caught', async (t) => {
  t.same(violations('de', [['x', 'Letzte Matching-Runden']]).length, 1)
  t.same(violations('de', [['x', 'Offene Interessen']]).length, 1)
  t.same(violations('zh', [['x', '合作关系(CSV)']]).length, 2)
  t.same(violations('zh', [['x', '匹配度 65 %']]).length, 1)
  t.same(violations('en', [['x', 'a match suggestion']]).length, 1)
})
