import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { checkCatalogs } from '@dj/i18n'
import { FORMATS, LANGUAGES, TOPICS } from '@dj/vocabulary'
import t from 'tap'
import { ACCOMMODATIONS, COST_ITEMS, PERSON_ROLES, SOURCES, STATUSES } from '../src/index.js'

const DIR = fileURLToPath(new URL('../catalogs', import.meta.url))

t.test('clause catalogs: JSON per area, the same areas in de, zh and en', async (t) => {
  const areas = readdirSync(`${DIR}/de`).sort()
  t.same(areas, ['clauses.json', 'words.json'])
  for (const lang of ['zh', 'en']) t.same(readdirSync(`${DIR}/${lang}`).sort(), areas, lang)
})

t.test('every key of German in zh and en, the same placeholders, valid ICU, nothing empty', async (t) => {
  t.same(checkCatalogs(SOURCES), [])
  t.same(Object.keys(SOURCES.zh).sort(), Object.keys(SOURCES.de).sort())
  t.same(Object.keys(SOURCES.en).sort(), Object.keys(SOURCES.de).sort())
})

t.test('the completeness check bites on planted gaps', async (t) => {
  const { 'term.body': _dropped, ...zh } = SOURCES.zh
  const planted = {
    de: SOURCES.de,
    zh,
    en: { ...SOURCES.en, 'period.body': 'The exchange is planned from {start}.', open: '' },
  }
  t.same(
    checkCatalogs(planted)
      .map((p) => `${p.locale} ${p.key} ${p.problem}`)
      .sort(),
    ['en open empty', 'en period.body placeholder', 'zh term.body missing'],
  )
})

t.test('every word the fields can hold has its label in the catalogs', async (t) => {
  const words = [
    ...FORMATS.map((w) => `format.${w}`),
    ...TOPICS.map((w) => `topic.${w}`),
    ...[...PERSON_ROLES, 'officer'].map((w) => `role.${w}`),
    ...COST_ITEMS.map((w) => `cost.${w}`),
    ...ACCOMMODATIONS.map((w) => `accommodation.${w}`),
    ...LANGUAGES.map((w) => `language.${w}`),
    ...STATUSES.map((w) => `status.${w}`),
  ]
  t.same(
    words.filter((k) => !(k in SOURCES.de)),
    [],
  )
})
