import {
  CATALOGS,
  formatInstant,
  helpers,
  isLinkType,
  LOCALES,
  MESSAGE_TYPES,
  renderEvent,
} from '@dj/messages'
import { type DomainEvent, EVENT_SUBSCRIBERS } from '@dj/queue'
import t from 'tap'
import { buildIcs } from '../src/ics.js'
import { digestCutoff, prefsFromRow, quietUntil } from '../src/preferences.js'

const inst = (name: string, side: 'duren' | 'jinhua' = 'duren') => ({
  id: '00000000-0000-4000-8000-000000000001',
  name,
  side,
})
const time = { start: '2026-03-25T08:00:00Z', end: '2026-03-25T09:00:00Z' }
const audience = { userIds: [] }
const meeting = {
  meetingId: 'm1',
  uid: 'u1',
  sequence: 1,
  title: 'Treffen',
  time,
  organizerEmail: 'o@example.org',
  audience,
}
const visit = {
  visitId: 'v1',
  uid: 'u2',
  sequence: 0,
  title: 'Besuch',
  time: { start: '2026-05-04', end: '2026-05-08', allDay: true },
  organizerEmail: 'o@example.org',
  audience,
}
const proposal = { proposalId: 'p1', own: inst('Gymnasium'), partner: inst('金华中学', 'jinhua'), audience }

/** One sample of every event type the notifier renders. */
const SAMPLES: DomainEvent[] = [
  { type: 'auth.email_verification_requested', userId: 'x', tokenId: 'r', expiresAt: time.start },
  { type: 'auth.password_reset_requested', userId: 'x', tokenId: 'r', expiresAt: time.start },
  { type: 'auth.password_changed', userId: 'x' },
  { type: 'auth.registration_attempted', userId: 'x' },
  {
    type: 'membership.invited',
    audience,
    invitationId: 'i',
    institution: inst('Schule'),
    invitedByName: 'Anna',
    expiresAt: time.start,
  },
  { type: 'institution.verified', audience, institution: inst('Schule') },
  { type: 'institution.rejected', audience, institution: inst('Schule'), reason: 'r' },
  { type: 'institution.suspended', audience, institution: inst('Schule'), reason: 'r' },
  { type: 'institution.reinstated', audience, institution: inst('Schule') },
  {
    type: 'institution.claim_requested',
    audience,
    claimId: 'c1',
    institution: inst('Grundschule'),
    domainMatch: true,
  },
  {
    type: 'institution.claim_decided',
    audience,
    claimId: 'c1',
    institution: inst('Grundschule'),
    decision: 'refused',
    reason: 'nicht die Schule',
  },
  {
    type: 'interest.reconfirm_requested',
    audience,
    interestId: 'i',
    institution: inst('Schule'),
    deadline: time.start,
  },
  { type: 'round.finished', audience, roundId: 'r1', status: 'done', proposals: 422 },
  {
    type: 'import.finished',
    audience,
    importId: 'i1',
    status: 'done',
    fileName: 'schulen.csv',
    total: 1200,
    failed: 3,
  },
  { type: 'proposal.created', ...proposal, score: 0.9, expiresAt: time.end },
  { type: 'proposal.accepted', ...proposal },
  { type: 'proposal.declined', ...proposal, reason: 'r' },
  { type: 'proposal.expiring', ...proposal, expiresAt: time.end },
  { type: 'proposal.expired', ...proposal },
  { type: 'proposal.officer_confirmed', ...proposal, side: 'duren' },
  {
    type: 'interest.expressed',
    audience,
    expressionId: 'x',
    fromInterestId: 'f',
    toInterestId: 't',
    from: inst('A'),
    to: inst('B', 'jinhua'),
  },
  { type: 'partnership.confirmed', audience, partnershipId: 'p', a: inst('A'), b: inst('B', 'jinhua') },
  { type: 'meeting.slots_proposed', audience, meetingId: 'm', partnershipId: 'p', slots: [time] },
  {
    type: 'visit_plan.proposed',
    audience,
    planId: 'vp',
    by: inst('金华中学', 'jinhua'),
    days: 5,
    windows: [visit.time],
    moreWindows: 2,
  },
  { type: 'visit_plan.window_confirmed', audience, planId: 'vp', by: inst('Gymnasium'), window: visit.time },
  { type: 'visit_plan.dropped', audience, planId: 'vp', by: inst('Gymnasium') },
  {
    type: 'message.posted',
    audience,
    messageId: 'mp',
    partnershipId: 'ps',
    from: inst('金华中学', 'jinhua'),
  },
  {
    type: 'agreement.ready',
    audience,
    agreementId: 'ag',
    partnershipId: 'ps',
    version: 2,
    hash: 'h',
    by: inst('Gymnasium'),
  },
  {
    type: 'agreement.signed',
    audience,
    agreementId: 'ag',
    partnershipId: 'ps',
    version: 2,
    hash: 'h',
    slot: 'jinhua.officer',
    side: 'jinhua',
    by: null,
    institutionsSigned: false,
  },
  {
    type: 'agreement.voided',
    audience,
    agreementId: 'ag',
    partnershipId: 'ps',
    voidedVersion: 2,
    version: 3,
    hash: 'h',
    by: inst('金华中学', 'jinhua'),
    changes: 1,
  },
  { type: 'agreement.completed', audience, agreementId: 'ag', partnershipId: 'ps', version: 3, hash: 'h' },
  {
    type: 'agreement.reminder',
    audience,
    agreementId: 'ag',
    partnershipId: 'ps',
    version: 2,
    hash: 'h',
    slot: 'duren.first',
    side: 'duren',
    by: inst('Gymnasium'),
    step: 2,
  },
  {
    type: 'agreement.overdue',
    audience,
    agreementId: 'ag',
    partnershipId: 'ps',
    version: 2,
    hash: 'h',
    slot: 'jinhua.officer',
    side: 'jinhua',
    by: null,
    days: 10,
  },
  { type: 'meeting.scheduled', ...meeting },
  { type: 'meeting.changed', ...meeting },
  { type: 'meeting.cancelled', ...meeting },
  { type: 'visit.scheduled', ...visit },
  { type: 'visit.changed', ...visit },
  { type: 'visit.cancelled', ...visit },
  { type: 'reminder.due', audience, kind: 'meeting', targetId: 'm', title: 'Treffen', time, offset: '24h' },
  ...exchangeSamples(),
]

/** The exchange itself (issue 13): trip checklist, funding deadlines, reports, renewal. */
function exchangeSamples(): DomainEvent[] {
  const visitReport = { reportId: 'r1', visitId: 'v1', partnershipId: 'ps', institutionId: inst('x').id }
  return [
    {
      type: 'trip.checklist_due',
      audience,
      tripPlanId: 'tp',
      partnershipId: 'ps',
      itemKey: 'funding:kjp-china',
      dueDate: '2027-03-01',
      step: 2,
    },
    {
      type: 'funding.deadline_near',
      audience,
      programmeSlug: 'pasch',
      programmeName: 'PASCH-Schulpartnerschaften',
      deadline: '2026-12-15',
      partnershipId: 'ps',
      tripPlanId: 'tp',
    },
    { type: 'report.requested', audience, ...visitReport, partnerName: '金华中学' },
    { type: 'report.reminder', audience, ...visitReport, step: 1 },
    { type: 'report.overdue', audience, ...visitReport, institutionName: 'Gymnasium', side: 'duren' },
    { type: 'report.filed', audience, ...visitReport, institutionName: '金华中学' },
    {
      type: 'exchange.renewed',
      audience,
      partnershipId: 'ps',
      tripPlanId: null,
      agreementEdition: 2,
      by: inst('Gymnasium'),
    },
  ]
}

t.test('every catalog has a template for every event type the notify queue receives', async (t) => {
  const notified = Object.entries(EVENT_SUBSCRIBERS)
    .filter(([type, queues]) => queues.includes('notify') && type !== 'digest.due')
    .map(([type]) => type)
  t.same([...notified].sort(), [...MESSAGE_TYPES].sort(), 'MESSAGE_TYPES covers the notify subscriptions')
  for (const locale of LOCALES) {
    for (const type of notified) {
      t.type((CATALOGS[locale].events as Record<string, unknown>)[type], 'function', `${locale} has ${type}`)
    }
    t.type(CATALOGS[locale].digest, 'function', `${locale} has the digest`)
  }
})

t.test('every template renders in every language without holes', async (t) => {
  t.same(new Set(SAMPLES.map((s) => s.type)).size, MESSAGE_TYPES.length, 'a sample per type')
  for (const locale of LOCALES) {
    const h = helpers(locale, locale === 'zh' ? 'Asia/Shanghai' : 'Europe/Berlin', 'https://w.example')
    for (const e of SAMPLES) {
      // Link mails get their token from the notifier, derived when the mail is written.
      const m = renderEvent(isLinkType(e.type) ? { ...e, token: 't' } : e, h)
      const all = [m.subject, ...m.lines, m.action?.label ?? '', m.action?.url ?? ''].join('\n')
      t.ok(m.subject.length > 0 && m.lines.length > 0, `${locale} ${e.type}`)
      t.notMatch(all, /undefined|NaN|\[object/, `${locale} ${e.type} has no holes`)
    }
  }
})

t.test('dates in the reader zone and language, the zone named once in the local convention', async (t) => {
  t.equal(formatInstant('2026-03-25T08:00:00Z', 'de', 'Europe/Berlin'), 'Mi., 25.03.2026, 09:00 MEZ')
  t.equal(
    formatInstant('2026-03-25T08:00:00Z', 'zh', 'Asia/Shanghai'),
    '2026年3月25日 星期三 16:00（北京时间）',
  )
  t.equal(formatInstant('2026-07-01T08:00:00Z', 'en', 'Europe/Berlin'), 'Wed, 1 Jul 2026, 10:00 CEST')
  t.equal(
    formatInstant('2026-03-25T08:00:00Z', 'de-simple', 'Asia/Shanghai'),
    'Mi., 25.03.2026, 16:00 Chinesische Normalzeit',
  )
})

t.test('ICS: folded, escaped, UTC times, all-day dates with exclusive end', async (t) => {
  const ics = buildIcs({
    method: 'REQUEST',
    uid: 'visit-1@dj',
    sequence: 2,
    title: 'Besuch; Jinhua, Schule — 很长的标题'.repeat(3),
    time: { start: '2026-05-04', end: '2026-05-08', allDay: true },
    stamp: new Date('2026-01-01T00:00:00Z'),
  })
  for (const line of ics.split('\r\n')) t.ok(Buffer.byteLength(line) <= 75, 'line ≤ 75 octets')
  t.match(ics, /DTSTART;VALUE=DATE:20260504\r\n/)
  t.match(ics, /DTEND;VALUE=DATE:20260509\r\n/)
  t.match(ics, /SUMMARY:Besuch\\; Jinhua\\, Schule/)
  t.match(ics, /DTSTAMP:20260101T000000Z/)
})

t.test('quiet hours: inside, outside, across midnight, in the user zone', async (t) => {
  const p = prefsFromRow({ quiet_start: '22:00', quiet_end: '07:00' })
  // 23:30 in Berlin (CET) → until 07:00 next morning Berlin = 06:00Z
  t.equal(
    quietUntil(new Date('2026-01-10T22:30:00Z'), p, 'Europe/Berlin')?.toISOString(),
    '2026-01-11T06:00:00.000Z',
  )
  // 05:00 Shanghai → until 07:00 Shanghai same day = 23:00Z previous day
  t.equal(
    quietUntil(new Date('2026-01-10T21:00:00Z'), p, 'Asia/Shanghai')?.toISOString(),
    '2026-01-10T23:00:00.000Z',
  )
  t.equal(quietUntil(new Date('2026-01-10T12:00:00Z'), p, 'Europe/Berlin'), null, 'afternoon is not quiet')
  const day = prefsFromRow({ quiet_start: '12:00', quiet_end: '14:00' })
  t.equal(
    quietUntil(new Date('2026-07-10T10:30:00Z'), day, 'Europe/Berlin')?.toISOString(),
    '2026-07-10T12:00:00.000Z',
  )
  t.equal(quietUntil(new Date('2026-07-10T10:30:00Z'), prefsFromRow({}), 'Europe/Berlin'), null, 'none set')
})

t.test('digest cutoff is the latest local 08:00, across DST', async (t) => {
  t.same(digestCutoff(new Date('2026-03-29T06:30:00Z'), 'Europe/Berlin'), {
    day: '2026-03-29',
    cutoff: new Date('2026-03-29T06:00:00Z'),
  })
  t.same(digestCutoff(new Date('2026-03-29T05:30:00Z'), 'Europe/Berlin'), {
    day: '2026-03-28',
    cutoff: new Date('2026-03-28T07:00:00Z'),
  })
  t.same(digestCutoff(new Date('2026-03-29T00:30:00Z'), 'Asia/Shanghai'), {
    day: '2026-03-29',
    cutoff: new Date('2026-03-29T00:00:00Z'),
  })
})
