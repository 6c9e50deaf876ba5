import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { CATALOGS, formatDateTime, LOCALES, negotiate, translate } from '../src/i18n/index.js'

const SRC = fileURLToPath(new URL('../src', import.meta.url))
const allKeys = new Set(LOCALES.flatMap((l) => Object.keys(CATALOGS[l])))

t.test('every catalog has every key any catalog has, and no empty text', async (t) => {
  for (const locale of LOCALES) {
    const keys = new Set(Object.keys(CATALOGS[locale]))
    const missing = [...allKeys].filter((k) => !keys.has(k))
    t.same(missing, [], `${locale} misses no key`)
    const empty = Object.entries(CATALOGS[locale]).filter(([, text]) => !text.trim())
    t.same(empty, [], `${locale} has no empty text`)
  }
})

t.test('placeholders match across catalogs', async (t) => {
  const params = (text: string) =>
    [...text.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',')
  for (const locale of LOCALES) {
    const wrong = [...allKeys].filter(
      (key) =>
        params(CATALOGS[locale][key as keyof typeof CATALOGS.en]) !==
        params(CATALOGS.en[key as keyof typeof CATALOGS.en]),
    )
    t.same(wrong, [], `${locale}: same {placeholders} as English`)
  }
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

t.test('templates use only keys that exist', async (t) => {
  const unknown: string[] = []
  let seen = 0
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    // t('key'), v.t('key', …) and message keys written as literals ('err.invalid' in a map).
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
      seen++
      if (!allKeys.has(m[1]!)) unknown.push(`${file}: ${m[1]}`)
    }
    // Built keys like v.t(`role.${x}`): the prefix must exist.
    for (const m of text.matchAll(/\bt\(\s*`([\w.-]+)\$\{/g)) {
      seen++
      if (![...allKeys].some((k) => k.startsWith(m[1]!))) unknown.push(`${file}: ${m[1]}…`)
    }
    for (const m of text.matchAll(/'((?:err|notice|field|nav|col|a11y)\.[\w.-]+)'/g)) {
      seen++
      if (!allKeys.has(m[1]!)) unknown.push(`${file}: ${m[1]}`)
    }
  }
  t.ok(seen > 100, `checked ${seen} key uses`)
  t.same(unknown, [], 'no unknown message keys')
})

t.test('translate fills parameters', async (t) => {
  t.equal(translate('de', 'dash.hello', { name: 'Anna' }), 'Hallo, Anna.')
  t.equal(translate('zh', 'dash.hello', { name: '李' }), '李，您好。')
})

t.test('dates in the reader zone with the zone named', async (t) => {
  const at = '2026-03-25T08:00:00Z'
  t.equal(formatDateTime('de', 'Europe/Berlin', at), '25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('de-simple', 'Europe/Berlin', at), '25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('zh', 'Asia/Shanghai', at), '2026年3月25日 16:00（北京时间）')
  t.equal(formatDateTime('en', 'Asia/Shanghai', at), '25 Mar 2026, 16:00 China Standard Time')
})

t.test('Accept-Language negotiation', async (t) => {
  t.equal(negotiate(undefined), 'de')
  t.equal(negotiate('zh-CN,zh;q=0.9,en;q=0.8'), 'zh')
  t.equal(negotiate('fr-FR, en;q=0.5'), 'en')
  t.equal(negotiate('en;q=0.3, de;q=0.9'), 'de')
  t.equal(negotiate('fr'), 'de')
})
