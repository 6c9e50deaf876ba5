import t from 'tap'
import { areas, checkCatalogs, createI18n, negotiate, placeholders } from '../src/index.js'
import deApp from './fixtures/catalogs/de/app.json' with { type: 'json' }
import deSimpleApp from './fixtures/catalogs/de-simple/app.json' with { type: 'json' }
import enApp from './fixtures/catalogs/en/app.json' with { type: 'json' }
import enBroken from './fixtures/catalogs/en/broken.json' with { type: 'json' }
import zhApp from './fixtures/catalogs/zh/app.json' with { type: 'json' }

const de = areas(deApp)
type Key = keyof typeof de
const i18n = createI18n<Key>({ de, en: enApp, zh: zhApp, 'de-simple': deSimpleApp })

t.test('ICU arguments, plural and select rules per language', async (t) => {
  t.equal(i18n.translate('de', 'greeting', { name: 'Anna' }), 'Hallo, Anna.')
  t.equal(i18n.translate('de', 'days', { n: 1, place: 'Jinhua' }), '1 Tag in Jinhua')
  t.equal(i18n.translate('de', 'days', { n: 5, place: 'Jinhua' }), '5 Tage in Jinhua')
  t.equal(i18n.translate('en', 'days', { n: 1, place: 'Düren' }), '1 day in Düren')
  t.equal(i18n.translate('zh', 'days', { n: 5, place: '金华' }), '5天，在金华')
  t.equal(i18n.translate('en', 'side', { side: 'duren' }), 'Kreis Düren')
  t.equal(i18n.translate('zh', 'side', { side: 'jinhua' }), '金华')
  t.equal(i18n.translate('de', 'plain'), 'Ohne Argumente')
})

t.test('Einfache Sprache falls back to German for keys it leaves out', async (t) => {
  t.equal(i18n.translate('de-simple', 'greeting', { name: 'Anna' }), 'Hallo Anna!')
  t.equal(i18n.translate('de-simple', 'plain'), 'Ohne Argumente')
  t.equal(i18n.catalogs['de-simple'].plain, 'Ohne Argumente')
})

t.test('a missing argument stays visible instead of failing', async (t) => {
  t.equal(i18n.translate('de', 'greeting'), 'Hallo, {name}.')
  t.equal(i18n.translate('en', 'nope' as Key), 'nope', 'an unknown key is returned as is')
})

t.test('placeholders of a message, nested ones included', async (t) => {
  t.same(placeholders('{n, plural, one {# Tag in {place}} other {# Tage}}'), ['n', 'place'])
  t.same(placeholders('Ohne'), [])
})

t.test('the completeness check passes a complete set and fails a planted gap', async (t) => {
  t.same(
    checkCatalogs({ de, en: enApp, zh: zhApp, 'de-simple': deSimpleApp }, { optional: ['de-simple'] }),
    [],
  )
  const problems = checkCatalogs({ de, en: enBroken, zh: zhApp }, {})
  t.same(
    problems.map((p) => `${p.locale} ${p.key} ${p.problem} ${p.detail ?? ''}`.trim()),
    [
      'en greeting placeholder lacks {name}',
      'en days placeholder lacks {place}',
      'en plain placeholder adds {extra} German does not have',
    ],
    'a lost and an added placeholder are caught',
  )
  const gaps = checkCatalogs({ de, zh: { greeting: '{name}', plain: ' ', oops: 'x', side: '{side, select' } })
  t.same(
    gaps.map((p) => `${p.locale} ${p.key} ${p.problem}`),
    ['zh plain empty', 'zh oops extra', 'zh side syntax', 'zh days missing'],
    'missing, extra, empty and broken texts are caught',
  )
  t.throws(() => areas({ a: 'x' }, { a: 'y' }), /two area files/, 'a key lives in one area only')
})

t.test('Accept-Language negotiation by weight and prefix', async (t) => {
  t.equal(negotiate(undefined), 'de')
  t.equal(negotiate('zh-CN,zh;q=0.9,en;q=0.8'), 'zh')
  t.equal(negotiate('fr-FR, en;q=0.5'), 'en')
  t.equal(negotiate('en;q=0.3, de;q=0.9'), 'de')
  t.equal(negotiate('de-AT'), 'de')
  t.equal(negotiate('de'), 'de', 'plain German, not Einfache Sprache')
  t.equal(negotiate('fr'), 'de')
  t.equal(negotiate('*'), 'de')
})
