import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkCatalogs } from '@dj/i18n'
import t from 'tap'
import { formatDateTime, LOCALES, negotiate, SOURCES, translate } from '../src/i18n/index.js'

const SRC = fileURLToPath(new URL('../src', import.meta.url))
const allKeys = new Set(LOCALES.flatMap((l) => Object.keys(SOURCES[l])))

t.test('every catalog has every key any catalog has, and no empty text', async (t) => {
  for (const locale of LOCALES) {
    const keys = new Set(Object.keys(SOURCES[locale]))
    const missing = [...allKeys].filter((k) => !keys.has(k))
    t.same(missing, [], `${locale} misses no key`)
    const empty = Object.entries(SOURCES[locale]).filter(([, text]) => !text?.trim())
    t.same(empty, [], `${locale} has no empty text`)
  }
})

t.test(
  'placeholders match across catalogs: every placeholder of German in en, zh and de-simple',
  async (t) => {
    const problems = checkCatalogs(SOURCES, { optional: ['de-simple'] })
    t.same(
      problems.filter((p) => p.problem === 'placeholder' || p.problem === 'syntax'),
      [],
      'same {placeholders} as German, valid ICU',
    )
    t.same(problems, [], 'no key missing, extra or empty')
  },
)

t.test('the placeholder check bites on a planted catalog', async (t) => {
  const planted = {
    ...SOURCES,
    en: { ...SOURCES.en, 'dash.hello': 'Hello.' },
    zh: { ...SOURCES.zh, 'sched.minutes': '{minutes} 分钟' },
  }
  t.same(
    checkCatalogs(planted, { optional: ['de-simple'] }).map((p) => `${p.locale} ${p.key} ${p.detail}`),
    [
      'en dash.hello lacks {name}',
      'zh sched.minutes lacks {n}',
      'zh sched.minutes adds {minutes} German does not have',
    ],
  )
})

t.test('catalogs are JSON files split by feature area, none in TypeScript', async (t) => {
  for (const locale of LOCALES) {
    const files = readdirSync(join(SRC, 'i18n', 'catalogs', locale)).sort()
    t.ok(files.length >= 5 && files.every((f) => f.endsWith('.json')), `${locale}: ${files.join(', ')}`)
    t.same(
      files,
      readdirSync(join(SRC, 'i18n', 'catalogs', 'de')).sort(),
      `${locale}: the same areas as German`,
    )
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
  t.equal(translate('en', 'dash.hello'), 'Hello, {name}.', 'a parameter not given stays visible')
})

t.test('plural rules where a count stands before a noun', async (t) => {
  t.equal(translate('de', 'sched.minutes', { n: 1 }), '1 Minute')
  t.equal(translate('de', 'sched.minutes', { n: 60 }), '60 Minuten')
  t.equal(translate('en', 'sched.daysPeople', { days: 1, people: 12 }), '1 day, 12 people')
  t.equal(translate('de-simple', 'sched.daysPeople', { days: 5, people: 1 }), '5 Tage, 1 Person')
  t.equal(translate('zh', 'sched.minutes', { n: 1 }), '1 分钟')
  t.equal(
    translate('en', 'sched.rejectedCount', { n: 1 }),
    'Show 1 period that does not fit, with the reason',
  )
})

t.test('dates in the reader zone with the zone named', async (t) => {
  const at = '2026-03-25T08:00:00Z'
  t.equal(formatDateTime('de', 'Europe/Berlin', at), '25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('de-simple', 'Europe/Berlin', at), '25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('zh', 'Asia/Shanghai', at), '2026年3月25日 16:00（北京时间）')
  t.equal(formatDateTime('en', 'Asia/Shanghai', at), '25 Mar 2026, 16:00 China Standard Time')
})

t.test('Accept-Language negotiation', async (t) => {
  t.equal(negotiate('de-CH'), 'de')
  t.equal(negotiate(undefined), 'de')
  t.equal(negotiate('zh-CN,zh;q=0.9,en;q=0.8'), 'zh')
  t.equal(negotiate('fr-FR, en;q=0.5'), 'en')
  t.equal(negotiate('en;q=0.3, de;q=0.9'), 'de')
  t.equal(negotiate('fr'), 'de')
})
