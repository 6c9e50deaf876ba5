import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { DomainEvent } from '@dj/contracts'
import { checkCatalogs } from '@dj/i18n'
import { formatPercent } from '@dj/intl'
import t from 'tap'
import { CATALOGS, helpers, LOCALES, MESSAGE_TYPES, renderEvent, SOURCES } from '../src/index.js'

const CATALOG_DIR = fileURLToPath(new URL('../catalogs', import.meta.url))

/** Einfache Sprache leaves these details out on purpose (shorter subjects, one idea per sentence). */
const SIMPLE_OMITS: Record<string, string[]> = {
  'interest.reconfirm_requested.subject': ['institution'],
  'import.finished.subject': ['failed', 'total'],
  'round.finished.subject': ['proposals'],
  'proposal.created.body': ['score'],
  'proposal.expiring.subject': ['partner'],
  'proposal.expiring.body': ['own'],
  'proposal.expired.subject': ['partner'],
  'proposal.expired.body': ['own'],
  'proposal.officer_confirmed.subject': ['side'],
  'interest.expressed.subject': ['to'],
  'partnership.confirmed.subject': ['a', 'b'],
  'funding.deadline_near.subject': ['programme'],
  'report.requested.subject': ['partner'],
}
const OPTIONS = { optional: ['de-simple'] as const, omits: { 'de-simple': SIMPLE_OMITS } }

t.test('notification catalogs are JSON per area, the same areas in every locale', async (t) => {
  const areas = readdirSync(`${CATALOG_DIR}/de`).sort()
  t.ok(areas.length >= 4 && areas.every((f) => f.endsWith('.json')), areas.join(', '))
  for (const locale of LOCALES) t.same(readdirSync(`${CATALOG_DIR}/${locale}`).sort(), areas, locale)
})

t.test('every key of German in every locale, the same placeholders, valid ICU', async (t) => {
  t.same(checkCatalogs(SOURCES, OPTIONS), [])
  for (const type of MESSAGE_TYPES)
    for (const part of ['subject', 'body', 'action'])
      t.ok(`${type}.${part}` in SOURCES.de, `German has ${type}.${part}`)
})

t.test('the placeholder check bites on a planted translation', async (t) => {
  const planted = {
    ...SOURCES,
    en: { ...SOURCES.en, 'proposal.created.subject': 'New partner proposal' },
    zh: { ...SOURCES.zh, 'meeting.scheduled.body': '会议“{title}”已安排。' },
    'de-simple': { ...SOURCES['de-simple'], 'proposal.declined.body': '{partner} sagt Nein.' },
  }
  t.same(
    checkCatalogs(planted, OPTIONS).map((p) => `${p.locale} ${p.key} ${p.detail}`),
    [
      'en proposal.created.subject lacks {partner}',
      'zh meeting.scheduled.body lacks {time}',
      'de-simple proposal.declined.body lacks {own}, {reason}',
    ],
  )
})

const h = (locale: (typeof LOCALES)[number]) => helpers(locale, 'Europe/Berlin', 'https://w.example/')
const plan = (days: number, moreWindows: number): DomainEvent => ({
  type: 'visit_plan.proposed',
  audience: { userIds: [] },
  planId: 'vp',
  by: { id: 'i', name: 'Gymnasium', side: 'duren' },
  days,
  windows: [{ start: '2026-05-04', end: '2026-05-08', allDay: true }],
  moreWindows,
})

t.test('ICU plural and select rules in the rendered messages', async (t) => {
  t.same(renderEvent(plan(5, 2), h('de')).lines, [
    'Gymnasium plant einen Besuch (5 Tage). Mögliche Zeiträume:',
    '• Mo., 04.05.2026 – Fr., 08.05.2026',
    'und 2 weitere auf der Plattform.',
    'Bitte wählen Sie einen Zeitraum.',
  ])
  t.same(renderEvent(plan(1, 0), h('en')).lines, [
    'Gymnasium is planning a visit (1 day). Possible periods:',
    '• Mon, 4 May 2026 – Fri, 8 May 2026',
    'Please choose one.',
  ])
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ subject: `S${i}`, at: '2026-03-25T08:00:00Z' }))
  t.equal(
    CATALOGS.en.digest(items(1), '2026-03-25', h('en')).subject,
    'Your daily summary (2026-03-25): 1 update',
  )
  t.equal(
    CATALOGS.en.digest(items(3), '2026-03-25', h('en')).subject,
    'Your daily summary (2026-03-25): 3 updates',
  )
  t.equal(
    CATALOGS.de.digest(items(1), '2026-03-25', h('de')).subject,
    'Ihre tägliche Zusammenfassung (2026-03-25): 1 Neuigkeit',
  )
  const reminder: DomainEvent = {
    type: 'reminder.due',
    audience: { userIds: [] },
    kind: 'visit',
    targetId: 'v1',
    title: 'Besuch / Visit / 访问: A → B',
    time: { start: '2026-05-04', end: '2026-05-08', allDay: true },
    offset: '7d',
  }
  const zh = renderEvent(reminder, helpers('zh', 'Asia/Shanghai', 'https://w.example'))
  t.equal(zh.subject, '提醒：访问：A → B（7天后）')
  t.same(zh.action, { label: '查看', url: 'https://w.example/visits/v1' })
  const confirmed: DomainEvent = {
    type: 'proposal.officer_confirmed',
    audience: { userIds: [] },
    proposalId: 'p1',
    own: { id: 'a', name: 'Gymnasium', side: 'duren' },
    partner: { id: 'b', name: '金华中学', side: 'jinhua' },
    side: 'jinhua',
  }
  t.equal(renderEvent(confirmed, h('de')).subject, 'Vorschlag vom Büro Jinhua bestätigt: 金华中学')
})

t.test('an optional line is left out, not rendered empty', async (t) => {
  const created: DomainEvent = {
    type: 'proposal.created',
    audience: { userIds: [] },
    proposalId: 'p1',
    own: { id: 'a', name: 'Gymnasium', side: 'duren' },
    partner: { id: 'b', name: '金华中学', side: 'jinhua' },
    score: 0.9,
    expiresAt: null,
  }
  t.same(renderEvent(created, h('de')).lines, [
    `Wir schlagen 金华中学 als Partner für Gymnasium vor (Passung ${formatPercent('de', 0.9)}).`,
  ])
  t.same(renderEvent({ ...created, expiresAt: '2026-03-25T08:00:00Z' }, h('de')).lines, [
    `Wir schlagen 金华中学 als Partner für Gymnasium vor (Passung ${formatPercent('de', 0.9)}).`,
    'Bitte antworten Sie bis Mi., 25.03.2026, 09:00 MEZ.',
  ])
})

t.test(
  'the exchange itself: checklist items by name, calendar days, links into the partnership',
  async (t) => {
    const due = (itemKey: string, step: 1 | 2 = 1): DomainEvent => ({
      type: 'trip.checklist_due',
      audience: { institutionIds: [] },
      tripPlanId: 'tp',
      partnershipId: 'ps',
      itemKey,
      dueDate: '2027-03-01',
      step,
    })
    t.equal(
      renderEvent(due('visa_f'), h('de')).subject,
      'Checkliste der Reise: Visum für China (F-Visum) bis Mo., 01.03.2027',
    )
    t.equal(
      renderEvent(due('visa_schengen', 2), h('en')).subject,
      'Due soon: Schengen visa by Mon, 1 Mar 2027',
    )
    t.equal(
      renderEvent(due('parental_consent'), h('zh')).subject,
      '行程清单：家长同意书，截止 2027年3月1日 星期一',
    )
    t.match(
      renderEvent(due('funding:kjp-china'), h('de')).subject,
      /: Förderantrag bis /,
      'funding items read generically',
    )
    t.match(
      renderEvent(due('custom:3'), h('en')).subject,
      /: a checklist item by /,
      'own items read generically',
    )
    t.same(renderEvent(due('insurance', 2), h('de')).lines.slice(1), [
      'Der Termin ist bald; dies ist die letzte Erinnerung.',
      'Haken Sie den Punkt auf der Plattform ab, sobald er erledigt ist.',
    ])
    t.equal(renderEvent(due('report'), h('de')).action?.url, 'https://w.example/partnerships/ps/trips/tp')
    const funding: DomainEvent = {
      type: 'funding.deadline_near',
      audience: { institutionIds: [] },
      programmeSlug: 'pasch',
      programmeName: 'PASCH-Schulpartnerschaften',
      deadline: '2026-12-15',
      partnershipId: 'ps',
      tripPlanId: 'tp',
    }
    t.equal(
      renderEvent(funding, h('de')).subject,
      'Förderfrist: PASCH-Schulpartnerschaften bis Di., 15.12.2026',
    )
    t.equal(renderEvent(funding, h('zh')).action?.url, 'https://w.example/partnerships/ps/trips/tp/funding')
    const report = { reportId: 'r1', visitId: 'v1', partnershipId: 'ps', institutionId: 'i1' }
    const reminder = (step: 1 | 2): DomainEvent => ({
      type: 'report.reminder',
      audience: { institutionIds: ['i1'] },
      ...report,
      step,
    })
    t.equal(renderEvent(reminder(1), h('en')).lines.length, 2, 'no last-reminder line on the first')
    t.match(renderEvent(reminder(2), h('en')).lines[1], /last reminder/)
    t.equal(renderEvent(reminder(2), h('en')).action?.url, 'https://w.example/partnerships/ps/reports/r1')
    const overdue: DomainEvent = {
      type: 'report.overdue',
      audience: { officerSides: ['jinhua'] },
      ...report,
      institutionName: '金华中学',
      side: 'jinhua',
    }
    t.same(
      renderEvent(overdue, h('en')).action,
      { label: 'View partnership', url: 'https://w.example/partnerships/ps/workspace' },
      'the office cannot open a report before it is filed: it goes to the partnership',
    )
    const renewed = (tripPlanId: string | null): DomainEvent => ({
      type: 'exchange.renewed',
      audience: { institutionIds: ['i2'] },
      partnershipId: 'ps',
      tripPlanId,
      agreementEdition: 2,
      by: { id: 'i1', name: 'Gymnasium', side: 'duren' },
    })
    t.match(
      renderEvent(renewed('tp'), h('en')).lines[0],
      /\(edition 2\) and the trip plan, with the dates moved a year\./,
    )
    t.match(renderEvent(renewed(null), h('en')).lines[0], /\(edition 2\)\.$/)
    t.equal(renderEvent(renewed(null), h('de')).action?.url, 'https://w.example/partnerships/ps/workspace')
  },
)
