import { checkCatalogs } from '@dj/i18n'
import t from 'tap'
import { agreementAims, REPORT_ACTIVITIES, REPORT_SOURCES, reportDocument, reportText } from '../src/index.js'

const aims = agreementAims({
  purpose: { formats: [], aims: { de: 'Sprache vertiefen\nWasserstoffprojekt', zh: '加深语言\n氢能项目' } },
} as never)

const input = {
  status: 'filed' as const,
  institution: '金华第一中学',
  partner: 'Gymnasium am Wirteltor',
  visit: { title: 'Besuch / Visit / 访问', startDate: '2027-05-10', endDate: '2027-05-14' },
  fields: {
    participants: { bands: { '15-17': 9, '12-14': 2 }, accompanyingAdults: 2 },
    days: 5,
    activities: { chosen: ['lessons' as const, 'culture' as const], other: 'Drachenbootrennen' },
    outcomes: [
      { aim: 'aim-1', rating: 'achieved' as const },
      { aim: 'aim-2', rating: 'partly' as const, comment: 'Zu wenig Zeit' },
    ],
    rating: 4,
    wouldRepeat: 'yes' as const,
    improve: 'Mehr Zeit für das Projekt',
  },
  aims,
  programme: [{ date: '2027-05-11', titles: ['Unterricht', 'Rathaus'] }],
  filedAt: '2027-05-19T22:30:00Z',
  timeZone: 'Asia/Shanghai',
}

t.test('the catalogs: every key in en and zh, the same placeholders, valid ICU', async (t) => {
  t.same(checkCatalogs(REPORT_SOURCES), [])
  for (const a of REPORT_ACTIVITIES) t.not(reportText('de', `activity.${a}` as never), `activity.${a}`)
})

t.test('the narrative report in German: facts, counts, outcomes per aim, answers', async (t) => {
  const d = reportDocument('de', input)
  t.equal(d.title, 'Sachbericht zur Begegnung')
  t.same(d.meta.find((m) => m.label === 'Zeitraum')?.value, '10.05.2027 – 14.05.2027')
  t.equal(
    d.meta.find((m) => m.label === 'Stand')?.value,
    'eingereicht am 20.05.2027',
    'the day in the visit’s zone',
  )
  const programme = (doc: typeof d) =>
    doc.meta.find((m) => m.label === 'Förderprogramm / Aktenzeichen')?.value
  t.equal(programme(d), '', 'left blank to fill in')
  t.equal(
    programme(reportDocument('de', { ...input, programmes: ['KJP Sonderprogramm China'] })),
    'KJP Sonderprogramm China',
  )
  const all = d.sections.flatMap((s) => [s.heading, ...s.lines])
  for (const s of [
    'Jugendliche 12-14 Jahre: 2',
    'Jugendliche 15-17 Jahre: 9',
    'Teilnehmende insgesamt: 11',
    'Begleitende Erwachsene: 2',
    'Dauer: 5 Tage',
    '11.05.2027: Unterricht · Rathaus',
    'Unterricht',
    'Weiteres: Drachenbootrennen',
    'Sprache vertiefen: erreicht',
    'Wasserstoffprojekt: teilweise erreicht',
    'Anmerkung: Zu wenig Zeit',
    'Gesamtbewertung: 4 von 5',
    'Würden wir wiederholen: ja',
    'Mehr Zeit für das Projekt',
  ])
    t.ok(all.includes(s), s)
})

t.test('in Chinese the aims come in Chinese; a draft says it is one', async (t) => {
  const d = reportDocument('zh', { ...input, status: 'open', filedAt: null, programme: [] })
  const all = d.sections.flatMap((s) => s.lines)
  t.ok(all.includes('加深语言：已实现'))
  t.ok(all.includes('总体评价：4分（满分5分）'))
  t.notOk(
    d.sections.some((s) => s.heading === '日程'),
    'no programme section without a trip plan',
  )
  t.equal(d.meta.at(-1)?.value, '草稿，尚未提交')
})
