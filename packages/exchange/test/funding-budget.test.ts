import t from 'tap'
import { budgetCsv, budgetDocument, budgetEstimate, greatCircleKm, JINHUA, PLACES } from '../src/index.js'
import { clubTrip, programme } from './funding-fixtures.js'

const kjp = programme('kjp-sonderprogramm-china')

t.test('great-circle distance Düren ↔ Jinhua', async (t) => {
  // python3: 2*6371.0088*asin(sqrt(haversine(50.80 N 6.48 E, 29.08 N 119.65 E))) = 8988.21 km
  t.equal(Math.round(greatCircleKm({ lat: 50.8, lon: 6.48 }, JINHUA) * 100) / 100, 8988.21)
  t.equal(greatCircleKm(JINHUA, JINHUA), 0)
  t.ok(greatCircleKm(PLACES['dn-juelich'] ?? JINHUA, JINHUA) > 8900)
})

t.test(
  'a German group going to China: travel by distance and visas; no day rate (paid in Germany)',
  async (t) => {
    const b = budgetEstimate(clubTrip, kjp)
    t.equal(b.distanceKm, 8988)
    t.equal(b.persons, 14)
    t.same(b.lines, [
      { item: 'travel_km', unit: 'person_km', quantity: 14 * 8988, unitRate: 0.08, amount: 10066.56 },
      { item: 'visa', unit: 'person', quantity: 14, unitRate: 150, amount: 2100 },
    ])
    t.equal(b.total, 12166.56)
    t.same(b.missing, [])
  },
)

t.test('a Chinese group in Germany: programme costs per person and day and interpreters', async (t) => {
  const b = budgetEstimate({ ...clubTrip, direction: 'jinhua_to_duren' }, kjp)
  t.same(b.lines, [
    { item: 'per_person_day', unit: 'person_day', quantity: 140, unitRate: 24, amount: 3360 },
    { item: 'interpreter_day', unit: 'day', quantity: 10, unitRate: 305, amount: 3050 },
  ])
  t.equal(b.total, 6410)
})

t.test('only the group the programme funds is counted; staff at the staff rate', async (t) => {
  const big = budgetEstimate({ ...clubTrip, direction: 'jinhua_to_duren', participants: 20, leaders: 4 }, kjp)
  t.equal(big.persons, 17)
  const staff = budgetEstimate(
    { ...clubTrip, direction: 'jinhua_to_duren', staff: true, participants: 12, leaders: 0, days: 5 },
    kjp,
  )
  t.equal(staff.persons, 10)
  t.match(staff.lines[0], { item: 'staff_per_person_day', quantity: 50, unitRate: 40, amount: 2000 })
})

t.test('open dates: the day-based lines are missing and said so', async (t) => {
  const b = budgetEstimate({ ...clubTrip, direction: 'jinhua_to_duren', days: null }, kjp)
  t.same(b.lines, [])
  t.same(b.missing, ['days'])
})

t.test('lump sums: the largest one open to the applying institution', async (t) => {
  const bnc = programme('bildungsnetzwerk-china')
  const club = budgetEstimate({ ...clubTrip, direction: 'jinhua_to_duren' }, bnc)
  t.match(club.lines, [{ item: 'lump_sum', quantity: 1, unitRate: 25000, amount: 25000 }])
  const school = budgetEstimate(
    { ...clubTrip, direction: 'jinhua_to_duren', institutions: [{ side: 'duren', kind: 'school' }] },
    bnc,
  )
  t.match(school.lines, [{ item: 'lump_sum', amount: 5000, label: { de: 'Einsteigerprojekt' } }])
  t.same(budgetEstimate(clubTrip, programme('pasch-schulpartnerschaften')).lines, [], 'no rates, no lines')
})

t.test('CSV: BOM, CRLF, ; and decimal commas in German, , and points in English, quoting', async (t) => {
  const b = budgetEstimate(clubTrip, kjp)
  const de = budgetCsv(b, 'de')
  t.ok(de.startsWith('\uFEFF'))
  t.equal(
    de,
    '\uFEFFPosten;Menge;Einheit;Satz (EUR);Betrag (EUR)\r\n' +
      'Reisekosten nach Entfernung;125832;Personen-km;0,08;10066,56\r\n' +
      'Visa (höchstens);14;Personen;150,00;2100,00\r\n' +
      'Summe;;;;12166,56\r\n',
  )
  t.equal(
    budgetCsv(b, 'en'),
    '\uFEFFItem,Quantity,Unit,Rate (EUR),Amount (EUR)\r\n' +
      'Travel by distance,125832,person-km,0.08,10066.56\r\n' +
      'Visas (at most),14,persons,150.00,2100.00\r\n' +
      'Total,,,,12166.56\r\n',
  )
  t.match(budgetCsv(b, 'zh'), /^\uFEFF项目,数量/)
  t.match(budgetCsv(b, 'de-simple'), /Zusammen;;;;12166,56/)
  const bnc = budgetEstimate(
    { ...clubTrip, direction: 'jinhua_to_duren' },
    {
      ...programme('bildungsnetzwerk-china'),
      rates: { lumpSums: [{ label: { de: 'Projekt; "groß"', en: 'Project, big', zh: '项目' }, max: 10 }] },
    },
  )
  t.match(budgetCsv(bnc, 'de'), /\r\n"Pauschale \(höchstens\): Projekt; ""groß""";1;einmal;10,00;10,00\r\n/)
  t.match(budgetCsv(bnc, 'en'), /\r\n"Lump sum \(at most\): Project, big",1,once,10.00,10.00\r\n/)
})

t.test('the PDF document: words and numbers in the reader’s language', async (t) => {
  const b = budgetEstimate(clubTrip, kjp)
  const trip = { direction: clubTrip.direction, outbound: '2027-05-03', return: '2027-05-12' }
  const zh = budgetDocument(b, kjp, trip, 'zh', '2027-01-01T00:00:00Z')
  t.equal(zh.lang, 'zh')
  t.equal(zh.title, '预算估算：联邦儿童与青年计划（KJP）中国专项')
  t.match(zh.subtitle, /^迪伦 → 金华/)
  t.same(zh.rows[0], ['按距离计算的旅费', '125,832', '人·公里', '0.08', '10,066.56'])
  t.same(zh.total, { label: '合计', value: '12,166.56' })
  const de = budgetDocument(b, kjp, trip, 'de-simple', '2027-01-01T00:00:00Z')
  t.equal(de.lang, 'de')
  t.same(de.rows[1], ['Visum: höchstens', '14', 'Personen', '150,00', '2.100,00'])
  t.match(de.notes[0], /8\.988 km/)
  const open = budgetDocument(
    budgetEstimate({ ...clubTrip, direction: 'jinhua_to_duren', days: null }, kjp),
    kjp,
    trip,
    'en',
    '2027-01-01T00:00:00Z',
  )
  t.same(open.rows, [])
  t.match(open.notes.join(' '), /travel dates are missing/)
})
