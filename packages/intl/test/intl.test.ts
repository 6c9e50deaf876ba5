import t from 'tap'
import {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatEventTime,
  formatNumber,
  formatPercent,
  formatTime,
  formatTimeRange,
  zoneName,
} from '../src/index.js'

const WINTER = '2026-03-25T08:00:00Z'
const SUMMER = '2026-07-01T08:00:00Z'

t.test('an instant in the reader zone, the zone named once in the local convention', async (t) => {
  t.equal(formatDateTime('de', 'Europe/Berlin', WINTER), '25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('de-simple', 'Europe/Berlin', SUMMER), '01.07.2026, 10:00 MESZ')
  t.equal(formatDateTime('en', 'Europe/Berlin', WINTER), '25 Mar 2026, 09:00 CET')
  t.equal(formatDateTime('zh', 'Asia/Shanghai', WINTER), '2026年3月25日 16:00（北京时间）')
  t.equal(formatDateTime('zh', 'Europe/Berlin', WINTER), '2026年3月25日 09:00（中欧时间）')
  t.equal(formatDateTime('de', 'Asia/Shanghai', WINTER), '25.03.2026, 16:00 Chinesische Normalzeit')
  t.equal(formatDateTime('en', 'Asia/Shanghai', WINTER), '25 Mar 2026, 16:00 China Standard Time')
  t.equal(
    formatDateTime('de', 'Not/AZone', WINTER),
    '25.03.2026, 08:00 UTC',
    'unknown zones fall back to UTC',
  )
})

t.test('with the weekday, ranges name the zone once', async (t) => {
  t.equal(formatDateTime('de', 'Europe/Berlin', WINTER, { weekday: true }), 'Mi., 25.03.2026, 09:00 MEZ')
  t.equal(formatDateTime('en', 'Europe/Berlin', WINTER, { weekday: true }), 'Wed, 25 Mar 2026, 09:00 CET')
  t.equal(
    formatDateTime('zh', 'Asia/Shanghai', WINTER, { weekday: true }),
    '2026年3月25日 星期三 16:00（北京时间）',
  )
  t.equal(
    formatTimeRange('de', 'Europe/Berlin', WINTER, '2026-03-25T09:00:00Z'),
    '25.03.2026, 09:00–10:00 MEZ',
  )
  t.equal(
    formatTimeRange('zh', 'Asia/Shanghai', WINTER, '2026-03-25T09:00:00Z'),
    '2026年3月25日 16:00–17:00（北京时间）',
  )
  t.equal(
    formatTimeRange('en', 'Europe/Berlin', WINTER, '2026-03-26T09:00:00Z'),
    '25 Mar 2026, 09:00 – 26 Mar 2026, 10:00 CET',
  )
  t.equal(zoneName('zh', 'Asia/Shanghai'), '北京时间')
})

t.test('calendar dates carry no zone', async (t) => {
  t.equal(formatDate('de', '2027-03-01'), '01.03.2027')
  t.equal(formatDate('zh', '2027-03-01'), '2027年3月1日')
  t.equal(formatDate('zh', '2027-03-01', { weekday: true }), '2027年3月1日 星期一')
  t.equal(formatDate('en', '2027-03-01'), '1 Mar 2027')
  t.equal(formatDateRange('de', '2027-03-01', '2027-03-05'), '01.03.2027 – 05.03.2027')
  t.equal(formatDateRange('de', '2027-03-01', '2027-03-01'), '01.03.2027')
})

t.test('numbers and percentages in the reader style', async (t) => {
  t.equal(formatNumber('de', 298.1, 2), '298,10')
  t.equal(formatNumber('en', 298.1, 2), '298.10')
  t.equal(formatNumber('de', 1440), '1.440')
  t.equal(formatPercent('de', 0.654), '65\u00a0%')
  t.equal(formatPercent('zh', 0.69), '69%')
  t.equal(formatPercent('en', 0.69), '69%')
})

t.test('meeting and visit titles in the reader language only', async (t) => {
  const { readerTitle } = await import('../src/index.js')
  t.equal(readerTitle('de', 'Kennenlernen / Intro / 初次会面: A – B'), 'Kennenlernen: A – B')
  t.equal(readerTitle('zh', 'Kennenlernen / Intro / 初次会面: A – B'), '初次会面：A – B')
  t.equal(readerTitle('en', 'Besuch / Visit / 访问: A → B'), 'Visit: A → B')
  t.equal(readerTitle('de', 'Projekttreffen'), 'Projekttreffen', 'other titles are left alone')
})

t.test("a clock time alone, in the zone asked for (the partner's local time beside a slot)", async (t) => {
  t.equal(formatTime('de', 'Europe/Berlin', WINTER), '09:00')
  t.equal(formatTime('en', 'Asia/Shanghai', WINTER), '16:00')
  t.equal(formatTime('zh', 'Europe/Berlin', SUMMER), '10:00')
  t.equal(formatTime('de', 'Not/AZone', WINTER), '08:00', 'unknown zones fall back to UTC')
})

t.test(
  'a meeting or visit time: a time range in the zone, or calendar dates for all-day visits',
  async (t) => {
    t.equal(
      formatEventTime(
        'de',
        'Europe/Berlin',
        { start: '2026-03-25T08:00:00Z', end: '2026-03-25T09:00:00Z' },
        { weekday: true },
      ),
      'Mi., 25.03.2026, 09:00–10:00 MEZ',
    )
    t.equal(
      formatEventTime('en', 'Asia/Shanghai', { start: '2026-05-04', end: '2026-05-08', allDay: true }),
      '4 May 2026 – 8 May 2026',
      'all-day dates are the same for every reader',
    )
  },
)

t.test('shared formatters: every locale, zone and option keeps its own result, in any order', async (t) => {
  const locales = ['de', 'en', 'zh', 'de-simple'] as const
  const zones = ['Europe/Berlin', 'Asia/Shanghai', 'America/New_York', 'UTC', 'Not/AZone']
  const render = (locale: (typeof locales)[number], zone: string) => [
    formatDateTime(locale, zone, WINTER, { weekday: true }),
    formatDateTime(locale, zone, SUMMER),
    formatTimeRange(locale, zone, WINTER, '2026-03-26T09:30:00Z'),
    formatTime(locale, zone, SUMMER),
    zoneName(locale, zone, WINTER),
    formatNumber(locale, 1234.5),
    formatNumber(locale, 1234.5, 2),
    formatPercent(locale, 0.654),
  ]
  const pairs = locales.flatMap((l) => zones.map((z) => [l, z] as const))
  const first = pairs.map(([l, z]) => render(l, z))
  // Against Intl built afresh for the call: the cache hands back what a new formatter would.
  const tag = { de: 'de-DE', 'de-simple': 'de-DE', en: 'en-GB', zh: 'zh-CN' } as const
  pairs.forEach(([l, z], i) => {
    const timeZone = z === 'Not/AZone' ? 'UTC' : z
    const clock = new Intl.DateTimeFormat(tag[l], {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    t.equal(first[i]?.[3], clock.format(new Date(SUMMER)), `${l} ${z} clock`)
    t.equal(
      first[i]?.[5],
      new Intl.NumberFormat(tag[l], { maximumFractionDigits: 0 }).format(1234.5),
      `${l} number`,
    )
    t.equal(
      first[i]?.[6],
      new Intl.NumberFormat(tag[l], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1234.5),
      `${l} number, 2 digits`,
    )
    t.equal(
      first[i]?.[7],
      new Intl.NumberFormat(tag[l], { style: 'percent', maximumFractionDigits: 0 }).format(0.654),
      `${l} percent`,
    )
  })
  // Reversed order and after a flood of unknown zones (past the cache's bound): the same texts.
  for (let i = 0; i < 1_500; i++) formatTime('de', `Nowhere/Z${i}`, WINTER)
  const again = [...pairs].reverse().map(([l, z]) => render(l, z))
  t.same(again.reverse(), first)
  t.equal(formatDateTime('de', 'Europe/Berlin', WINTER), '25.03.2026, 09:00 MEZ')
  t.equal(formatNumber('de', 298.1, 2), '298,10')
  t.equal(formatPercent('de', 0.65), '65\u00a0%')
  t.not(formatNumber('en', 1.5, 0), formatNumber('en', 1.5, 1), 'digits are part of the key')
})
