// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import { REGIONS } from '@dj/db'
import type { Matcher } from '@dj/stack'
import {
  buildNotifier,
  type CaughtMail,
  createScheduler,
  createStaff,
  loadNotifierConfig,
  loadSchedulerConfig,
  type MailSink,
  type Notifier,
  PASSWORD,
  type Scheduler,
  startSink,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import type { Browser } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, type Session } from './helper/browser.js'
import {
  fillInterestForm,
  type InstitutionForm,
  journey,
  startStackMatcher,
  submitInstitutionForm,
} from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 7's main journey with everything that sends mail running in-process: two coordinators
// register in the browser and confirm their address with the emailed link, officers verify the
// institutions, a matching round proposes them to each other, both accept, both officers confirm,
// the scheduler proposes intro-meeting slots, a coordinator books one, and every step's email
// arrives in the SMTP sink once, in the recipient's language and time zone.
let stack: Stack
let browser: Browser
let matcher: Matcher
let sink: MailSink
let notifier: Notifier
let scheduler: Scheduler
const { sessions, open, audited, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: true },
)
const DE = CATALOGS.de
const ZH = CATALOGS.zh
const JINHUA_UNIT = REGIONS.jinhua.units[0]!.id
const DU_EMAIL = 'schmidt@gymnasium-dueren.example'
const JH_EMAIL = 'wang@jinhua-school.example'
const DU_NAME = 'Gymnasium am Wirteltor'
const JH_NAME = '金华市第一中学'

t.before(async () => {
  stack = await startStack('journey-mail')
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: stack.api.db.url,
    REDIS_URL: stack.api.redis.url,
    QUEUE_PREFIX: stack.api.redis.prefix,
  }
  sink = await startSink()
  notifier = await buildNotifier({
    config: loadNotifierConfig({
      env: {
        ...common,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        MAIL_FROM: 'Austausch <no-reply@example.org>',
        // Links in the mails lead to this web app, so the browser can follow them.
        PUBLIC_WEB_URL: stack.webUrl,
        // The notifier derives the links' tokens with the API's key.
        EMAIL_LINK_SECRET: stack.api.config.EMAIL_LINK_SECRET,
        RELAY_INTERVAL_MS: '50',
        SWEEP_INTERVAL_MS: '3600000',
        SMTP_TIMEOUT_MS: '5000',
        SHUTDOWN_DEADLINE_MS: '2000',
      },
      envFile: false,
    }),
    logger: false,
  })
  await notifier.start()
  scheduler = createScheduler({
    config: loadSchedulerConfig({ env: { ...common, RESYNC_INTERVAL_MS: '3600000' }, envFile: false }),
    relayIntervalMs: 50,
  })
  await scheduler.start()
  matcher = await startStackMatcher(stack)
  browser = await launch()
})
t.teardown(async () => {
  await closeSessions('mail journey')
  await browser?.close()
  await matcher?.close()
  await scheduler?.stop(2_000)
  await notifier?.close()
  await sink?.close()
  await stack?.close()
})

const mailsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email.toLowerCase()))

/** The one mail to `email` whose subject matches, once it has arrived. */
const mailFor = (email: string, subject: RegExp, what: string) =>
  waitFor(() => mailsTo(email).find((m) => subject.test(m.subject)), { timeoutMs: 30_000, what })

let duren: Session
let jinhua: Session
let officerDuren: Session
let officerJinhua: Session
let roundUrl = ''
let meetingPath = ''

async function registerAccount(
  t: Test,
  s: Session,
  c: typeof DE,
  o: { email: string; name: string; timeZone: string; verifySubject: string; side: string },
) {
  await s.page.goto(`${stack.webUrl}/register`)
  await audited(t, s, `register-${o.side}`)
  await s.page.fill('#f-name', o.name)
  await s.page.fill('#f-email', o.email)
  await s.page.fill('#f-password', PASSWORD)
  await s.page.fill('#f-timeZone', o.timeZone)
  await s.page.getByRole('button', { name: c['register.submit'] }).click()
  await s.page.waitForURL(/\/register\/done/)
  await audited(t, s, `registered-${o.side}`)
  // The link as emailed, through the notifier and the SMTP sink.
  const mail = await mailFor(o.email, new RegExp(`^${o.verifySubject}$`), `verification mail to ${o.email}`)
  const link = mail.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0]
  t.ok(link?.startsWith(`${stack.webUrl}/verify-email?token=`), 'the mail links to this web app')
  await s.page.goto(link!)
  await audited(t, s, `verify-email-${o.side}`)
  await s.page.getByRole('button', { name: c['verify.submit'] }).click()
  await s.page.waitForURL(/\/sign-in\?notice=verified/)
  await signIn(s, o.email, c['signIn.submit'])
}

async function registerInstitution(t: Test, s: Session, c: typeof DE, o: InstitutionForm) {
  await s.page.goto(`${stack.webUrl}/institutions/new`)
  await audited(t, s, `institution-new-${o.side}`)
  await submitInstitutionForm(s, c['institution.submit'], o)
  t.equal(await s.page.locator('h1').innerText(), o.name)
  await audited(t, s, `institution-${o.side}`)

  await s.page.getByRole('link', { name: c['inst.addInterest'] }).click()
  await s.page.waitForLoadState('load')
  await audited(t, s, `interest-new-${o.side}`)
  await fillInterestForm(s, { min: '12', max: '16' })
  await s.page.getByRole('button', { name: c['interest.submit'] }).click()
  await s.page.waitForURL(/notice=interest-created/)
}

t.test('two coordinators register in the browser and confirm the emailed link', async (t) => {
  duren = await open('Düren coordinator', 'de-DE')
  jinhua = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
  await registerAccount(t, duren, DE, {
    email: DU_EMAIL,
    name: 'Anna Schmidt',
    timeZone: 'Europe/Berlin',
    verifySubject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
    side: 'duren',
  })
  await registerAccount(t, jinhua, ZH, {
    email: JH_EMAIL,
    name: '王老师',
    timeZone: 'Asia/Shanghai',
    verifySubject: '请确认您的电子邮箱地址',
    side: 'jinhua',
  })
  t.equal(await jinhua.page.locator('html').getAttribute('lang'), 'zh-Hans')
  const users = await stack.api.app.dbHandle.sql<{ email: string; locale: string; time_zone: string }[]>`
    select email, locale, time_zone from users order by email`
  t.same(
    users.map((u) => [u.email, u.locale, u.time_zone]),
    [
      [DU_EMAIL, 'de', 'Europe/Berlin'],
      [JH_EMAIL, 'zh', 'Asia/Shanghai'],
    ],
    'the browser’s language and the zone were stored on the accounts',
  )
})

t.test('institutions and their exchange interests', async (t) => {
  await registerInstitution(t, duren, DE, {
    side: 'duren',
    name: DU_NAME,
    type: 'school:gymnasium',
    municipality: 'dn-dueren',
  })
  await registerInstitution(t, jinhua, ZH, {
    side: 'jinhua',
    name: JH_NAME,
    type: 'school:junior_middle',
    municipality: JINHUA_UNIT,
  })
})

t.test('officers verify the institutions of their side', async (t) => {
  await createStaff(stack.api.app, 'officer.dueren@kreis-dueren.example', 'officer', 'duren')
  await createStaff(stack.api.app, 'officer.jinhua@jinhua.example', 'officer', 'jinhua')
  officerDuren = await open('Düren officer', 'de-DE')
  officerJinhua = await open('Jinhua officer', 'zh-CN', 'Asia/Shanghai')
  await signIn(officerDuren, 'officer.dueren@kreis-dueren.example', DE['signIn.submit'])
  await signIn(officerJinhua, 'officer.jinhua@jinhua.example', ZH['signIn.submit'])
  for (const [s, c, name] of [
    [officerDuren, DE, DU_NAME],
    [officerJinhua, ZH, JH_NAME],
  ] as const) {
    await s.page.goto(`${stack.webUrl}/officer/queue`)
    await audited(t, s, `queue-${s.label}`)
    await s.page.getByRole('button', { name: `${c['queue.verify']}: ${name}` }).click()
    await s.page.waitForURL(/notice=institution-verified/)
  }
})

t.test('an officer starts a matching round', async (t) => {
  await officerDuren.page.goto(`${stack.webUrl}/officer/rounds`)
  await audited(t, officerDuren, 'rounds')
  await officerDuren.page.getByRole('button', { name: DE['rounds.submit'] }).click()
  await officerDuren.page.waitForURL(/\/officer\/rounds\/[0-9a-f-]{36}/)
  roundUrl = new URL(officerDuren.page.url()).pathname
  await officerDuren.page.waitForSelector('[data-poll]', { state: 'detached', timeout: 60_000 })
  t.equal(await officerDuren.page.locator('dd[data-round-status]').innerText(), DE['roundStatus.done'])
  await audited(t, officerDuren, 'round-result')
})

t.test('both coordinators accept, both officers confirm', async (t) => {
  for (const [s, c] of [
    [duren, DE],
    [jinhua, ZH],
  ] as const) {
    await s.page.goto(`${stack.webUrl}/proposals`)
    await audited(t, s, `proposals-${s.label}`)
    await s.page.locator('article.card').first().getByRole('button', { name: c['proposal.accept'] }).click()
    await s.page.waitForURL(/notice=proposal-accepted/)
  }
  for (const [s, c] of [
    [officerDuren, DE],
    [officerJinhua, ZH],
  ] as const) {
    await s.page.goto(stack.webUrl + roundUrl)
    await s.page.getByRole('button', { name: c['round.confirm'] }).click()
    await s.page.waitForURL(/notice=proposal-confirmed/)
  }
  await duren.page.goto(`${stack.webUrl}/proposals`)
  t.match(await duren.page.locator('article.card').first().innerText(), DE['proposal.partnership'])
})

t.test('the scheduler proposes intro slots; the Jinhua coordinator books one', async (t) => {
  // partnership.confirmed → scheduler (in-process) → a proposed meeting with slots.
  const meeting = await waitFor(
    async () => {
      const [m] = await stack.api.app.dbHandle.sql<{ id: string; n: number }[]>`
        select id, jsonb_array_length(slots)::int as n from meetings where status = 'proposed'`
      return m
    },
    { timeoutMs: 30_000, what: 'the intro meeting' },
  )
  t.ok(meeting.n > 0, `${meeting.n} slots proposed`)
  meetingPath = `/meetings/${meeting.id}`

  await jinhua.page.goto(`${stack.webUrl}/proposals`)
  await jinhua.page.getByRole('link', { name: ZH['proposal.schedule'] }).first().click()
  await jinhua.page.waitForURL(/\/partnerships\/[0-9a-f-]{36}\/schedule$/)
  await audited(t, jinhua, 'partnership-schedule-zh')
  await jinhua.page.locator(`a[href="${meetingPath}"]`).first().click()
  await jinhua.page.waitForURL(stack.webUrl + meetingPath)
  const slots = await jinhua.page.locator('input[name="slotIndex"] + label').allInnerTexts()
  t.equal(slots.length, meeting.n, 'every proposed slot is offered')
  t.match(slots[0], /（北京时间）$/, 'in the reader’s zone')
  await audited(t, jinhua, 'meeting-proposed-zh')
  await jinhua.page.check('#f-slotIndex')
  await Promise.all([
    jinhua.page.waitForURL(/notice=meeting-booked/),
    jinhua.page.getByRole('button', { name: ZH['sched.choose'], exact: true }).first().click(),
  ])
  await audited(t, jinhua, 'meeting-booked-zh')

  await duren.page.goto(stack.webUrl + meetingPath)
  t.match(await duren.page.locator('.facts').innerText(), /\bMES?Z\b/)
  await audited(t, duren, 'meeting-booked-de')
})

/** The calendar part's DTSTART (YYYYMMDDTHHMMSSZ). */
const icsStart = (mail: CaughtMail) =>
  mail.attachments
    .find((a) => a.contentType.startsWith('text/calendar'))
    ?.content.match(/\r\nDTSTART:(\d{8}T\d{6}Z)\r\n/)?.[1]

t.test('every coordinator got each mail once, in their language and zone', async (t) => {
  const [booked] = await stack.api.app.dbHandle.sql<{ dtstart: string; status: string }[]>`
    select to_char(start_at at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"') as dtstart, status from meetings where id = ${meetingPath.split('/')[2]!}`
  t.equal(booked?.status, 'scheduled')
  const expected = [
    {
      email: DU_EMAIL,
      zone: / MEZ| MESZ/,
      verification: /^Bitte bestätigen Sie Ihre E-Mail-Adresse$/,
      verified: new RegExp(`^${DU_NAME} wurde bestätigt$`),
      proposal: /^Neuer Partnervorschlag: /,
      meeting: /^Treffen vereinbart: /,
      accepted: / hat den Vorschlag angenommen$/,
      body: {
        verified: 'wurde vom Kreis geprüft und bestätigt',
        meeting: 'Die Kalendereinladung ist angehängt.',
      },
    },
    {
      email: JH_EMAIL,
      zone: '（北京时间）',
      verification: /^请确认您的电子邮箱地址$/,
      verified: new RegExp(`^${JH_NAME} 已通过审核$`),
      proposal: /^新的伙伴推荐：/,
      meeting: /^会议已安排：/,
      accepted: / 已接受推荐$/,
      body: { verified: '已通过主管部门审核', meeting: '日历邀请见附件。' },
    },
  ]
  for (const e of expected) {
    const meeting = await mailFor(e.email, e.meeting, `meeting mail to ${e.email}`)
    const verification = await mailFor(e.email, e.verification, 'verification')
    const verified = await mailFor(e.email, e.verified, 'institution verified')
    const proposal = await mailFor(e.email, e.proposal, 'new proposal')
    t.match(verification.text, '/verify-email?token=', `${e.email}: verification link`)
    t.match(verified.text, e.body.verified, `${e.email}: verified, in their language`)
    t.match(proposal.text, e.email === JH_EMAIL ? DU_NAME : JH_NAME, `${e.email}: the partner is named`)
    t.match(meeting.text, e.body.meeting, `${e.email}: meeting body in their language`)
    t.match(meeting.text, e.zone, `${e.email}: meeting time shown with ${e.zone}`)
    const ics = meeting.attachments.find((a) => a.contentType.startsWith('text/calendar'))
    t.ok(ics, `${e.email}: ICS attached`)
    t.match(ics?.content ?? '', /METHOD:REQUEST/)
    t.equal(icsStart(meeting), booked?.dtstart, `${e.email}: the booked slot`)
  }
  // Let anything still queued arrive before counting duplicates.
  await waitFor(
    async () => {
      const [r] = await stack.api.app.dbHandle.sql<{ n: number }[]>`
        select count(*)::int as n from outbox where queue = 'notify' and done_at is null`
      return r?.n === 0
    },
    { timeoutMs: 30_000, what: 'the notify outbox drained' },
  )
  for (const e of expected) {
    const mine = mailsTo(e.email)
    for (const subject of [e.verification, e.verified, e.proposal, e.meeting]) {
      t.equal(mine.filter((m) => subject.test(m.subject)).length, 1, `${e.email}: exactly one ${subject}`)
    }
    const bySubject = new Map<string, number>()
    for (const m of mine) bySubject.set(m.subject, (bySubject.get(m.subject) ?? 0) + 1)
    const twice = [...bySubject].filter(([, n]) => n > 1).map(([subject]) => subject)
    t.same(
      twice.filter((subject) => !e.accepted.test(subject)),
      [],
      `${e.email}: no other subject twice`,
    )
    // Each acceptance tells only the partner, so "partner accepted" arrives once per coordinator.
    t.same(
      twice.filter((subject) => e.accepted.test(subject)),
      [],
      `${e.email}: "partner accepted" once`,
    )
    console.log(`# mails to ${e.email} (${mine.length}):\n${mine.map((m) => `#   ${m.subject}`).join('\n')}`)
  }
})

t.test('no request ever left localhost', async (t) => {
  for (const s of sessions) t.same(s.foreignRequests, [], s.label)
})
