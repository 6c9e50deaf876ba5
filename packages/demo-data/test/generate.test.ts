import t from 'tap'
import { DEMO_KEY_PREFIX, DemoError, FORMATS, generateDemoPopulation, TOPICS } from '../src/index.js'

const pop = generateDemoPopulation({ seed: 42, scale: 1, baseYear: 2027 })

t.test('150 institutions in Kreis Düren and 1,500 in Jinhua, all marked as demo', async (t) => {
  t.equal(pop.institutions.filter((i) => i.side === 'duren').length, 150)
  t.equal(pop.institutions.filter((i) => i.side === 'jinhua').length, 1500)
  t.ok(pop.institutions.every((i) => i.externalKey.startsWith(DEMO_KEY_PREFIX)))
  t.equal(new Set(pop.institutions.map((i) => i.externalKey)).size, pop.institutions.length, 'keys unique')
  t.equal(new Set(pop.institutions.map((i) => i.name)).size, pop.institutions.length, 'names unique')
  t.ok(pop.institutions.some((i) => /^(Gymnasium|Grundschule|Realschule) .* (Düren|Jülich)/.test(i.name)))
  t.ok(pop.institutions.some((i) => /^(金华|婺城区|义乌市).*(中学|小学)/.test(i.name)))
})

t.test('the same seed gives the same population; another seed another one', async (t) => {
  t.same(generateDemoPopulation({ seed: 42, scale: 1, baseYear: 2027 }), pop)
  t.notSame(
    generateDemoPopulation({ seed: 43, scale: 1, baseYear: 2027 }).institutions.slice(0, 20),
    pop.institutions.slice(0, 20),
  )
})

t.test('interests cover every format and topic and are internally consistent', async (t) => {
  const formats = new Set(pop.interests.flatMap((i) => i.formats))
  const topics = new Set(pop.interests.flatMap((i) => i.topics))
  t.same(
    [...FORMATS].filter((f) => !formats.has(f)),
    [],
    'all formats used',
  )
  t.same(
    [...TOPICS].filter((x) => !topics.has(x)),
    [],
    'all topics used',
  )
  const keys = new Set(pop.institutions.map((i) => i.externalKey))
  for (const i of pop.interests) {
    if (
      !keys.has(i.institutionKey) ||
      i.ageMin > i.ageMax ||
      i.ageMin < 3 ||
      i.groupMin > i.groupMax ||
      i.groupMin < 1 ||
      i.durationMinDays > i.durationMaxDays ||
      i.windows.some((w) => w.start > w.end || w.start < '2027-01-01') ||
      i.hostingGuests < 0 ||
      i.maxPartners < 1
    ) {
      t.fail(`inconsistent interest ${JSON.stringify(i)}`)
      return
    }
  }
  t.pass('all interests consistent')
})

t.test('scales up with unique names and rejects bad options', async (t) => {
  const big = generateDemoPopulation({ seed: 7, scale: 10, baseYear: 2027 })
  t.equal(big.institutions.length, 16_500)
  t.equal(new Set(big.institutions.map((i) => i.name)).size, 16_500)
  t.throws(() => generateDemoPopulation({ seed: 1.5, scale: 1, baseYear: 2027 }), DemoError)
  t.throws(() => generateDemoPopulation({ seed: 1, scale: 0, baseYear: 2027 }), {
    code: 'DEMO_INVALID_OPTIONS',
  })
})

t.test('names read real in both scripts; translations are not labelled machine-made', async (t) => {
  const jh = pop.institutions.filter((i) => i.side === 'jinhua')
  const dn = pop.institutions.filter((i) => i.side === 'duren')
  t.ok(
    jh.every((i) => i.nameI18n.en && i.nameI18n.de),
    'every Jinhua name has English and German',
  )
  t.ok(
    dn.every((i) => /[\u4e00-\u9fff]/.test(i.nameI18n.zh ?? '')),
    'every Düren name has a Chinese one',
  )
  t.notOk(
    pop.institutions.some((i) => /\b(School|Club|Institution) \d+$/.test(i.nameI18n.en ?? '')),
    'no "Yiwu School 1386"',
  )
  t.ok(
    jh.some((i) => /^金华市第.+中学/.test(i.name)),
    'city schools carry 金华市',
  )
  t.ok(
    jh.some((i) => /^\S+ No\. \d+ .*School/.test(i.nameI18n.en ?? '')),
    '"Lanxi No. 2 Middle School"',
  )
  t.ok(
    dn.some((i) => /^Städtisches Gymnasium /.test(i.name)),
    '"Städtisches Gymnasium am Wirteltor"',
  )
  t.notOk(
    pop.institutions.some((i) => i.description.translations.some((x) => x.machine)),
    'nothing is labelled machine translation',
  )
})
