// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import { REGIONS } from '@dj/db'
import type { Matcher } from '@dj/stack'
import { createStaff, handleRegistryEvent, registerCoordinator } from '@dj/stack'
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

// The bigger journey: a Düren Gymnasium and a Jinhua middle school register, officers verify
// them, an officer runs a matching round (the real matcher worker), both coordinators accept,
// both officers confirm, and the partnership shows. Every page visited runs axe.
let stack: Stack
let browser: Browser
let matcher: Matcher
// This journey checks foreign requests once, at the end, not on every audited page.
const { sessions, open, audited, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: false },
)
t.before(async () => {
  stack = await startStack('exchange-journey')
  matcher = await startStackMatcher(stack)
  browser = await launch()
})
t.teardown(async () => {
  await closeSessions('exchange journey')
  await browser?.close()
  await matcher?.close()
  await stack?.close()
})

const JINHUA_UNIT = REGIONS.jinhua.units[0]!.id
const DE = CATALOGS.de
const ZH = CATALOGS.zh
let duren: Session
let jinhua: Session
let officerDuren: Session
let officerJinhua: Session
let durenInstitution = ''
let roundUrl = ''

t.test('accounts and sign-in', async (t) => {
  await registerCoordinator(stack.api.app, 'schmidt@gymnasium-dueren.example')
  await registerCoordinator(stack.api.app, 'wang@jinhua-school.example', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  await createStaff(stack.api.app, 'officer.dueren@kreis-dueren.example', 'officer', 'duren')
  await createStaff(stack.api.app, 'officer.jinhua@jinhua.example', 'officer', 'jinhua')
  duren = await open('Düren coordinator', 'de-DE')
  jinhua = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
  officerDuren = await open('Düren officer', 'de-DE')
  officerJinhua = await open('Jinhua officer', 'zh-CN', 'Asia/Shanghai')
  await signIn(duren, 'schmidt@gymnasium-dueren.example', DE['signIn.submit'])
  await signIn(jinhua, 'wang@jinhua-school.example', ZH['signIn.submit'])
  t.equal(await jinhua.page.locator('html').getAttribute('lang'), 'zh-Hans')
  await signIn(officerDuren, 'officer.dueren@kreis-dueren.example', DE['signIn.submit'])
  await signIn(officerJinhua, 'officer.jinhua@jinhua.example', ZH['signIn.submit'])
})

async function registerInstitution(t: Test, s: Session, c: typeof DE, o: InstitutionForm) {
  await s.page.goto(`${stack.webUrl}/institutions/new`)
  await audited(t, s, `institution-new-${o.side}`)
  // Missing answers are reported on their fields first.
  await s.page.getByRole('button', { name: c['institution.submit'] }).click()
  await s.page.waitForLoadState('load')
  t.equal(await s.page.locator('.error-summary a[href="#f-type"]').count(), 1, 'type is required')
  await submitInstitutionForm(s, c['institution.submit'], o)
  t.equal(await s.page.locator('h1').innerText(), o.name)
  t.match(await s.page.locator('.callout').innerText(), c['inst.pendingNote'])
  await audited(t, s, `institution-${o.side}`)
  return new URL(s.page.url()).pathname.split('/')[2]!
}

async function addInterest(t: Test, s: Session, c: typeof DE, side: string) {
  await s.page.getByRole('link', { name: c['inst.addInterest'] }).click()
  await s.page.waitForLoadState('load')
  await audited(t, s, `interest-new-${side}`)
  await fillInterestForm(s, { min: '16', max: '12' })
  await s.page.getByRole('button', { name: c['interest.submit'] }).click()
  await s.page.waitForLoadState('load')
  t.equal(await s.page.locator('#f-ageMin').getAttribute('aria-invalid'), 'true', 'ages the wrong way round')
  t.equal(
    await s.page.locator('input[name="formats"][value="pupil_exchange_hosting"]').isChecked(),
    true,
    'choices kept',
  )
  await audited(t, s, `interest-errors-${side}`)
  await s.page.fill('#f-ageMin', '12')
  await s.page.fill('#f-ageMax', '16')
  await s.page.getByRole('button', { name: c['interest.submit'] }).click()
  await s.page.waitForURL(/notice=interest-created/)
  t.match(await s.page.locator('.card').first().innerText(), c['format.pupil_exchange_hosting'])
}

t.test('coordinators register their institutions and exchange interests', async (t) => {
  durenInstitution = await registerInstitution(t, duren, DE, {
    side: 'duren',
    name: 'Gymnasium am Wirteltor',
    type: 'school:gymnasium',
    municipality: 'dn-dueren',
  })
  // Profile with a Chinese name and a description.
  await duren.page.getByRole('link', { name: DE['inst.edit'] }).click()
  await duren.page.waitForLoadState('load')
  await duren.page.fill('#f-nameZh', '维特尔门文理中学')
  await duren.page.fill('#f-description', 'Ein Gymnasium in der Innenstadt von Düren mit Chinesisch-AG.')
  await duren.page.fill('#f-translationZh', '迪伦市中心的一所文理中学，设有中文兴趣小组。')
  await audited(t, duren, 'institution-edit')
  await duren.page.getByRole('button', { name: DE['inst.save'] }).click()
  await duren.page.waitForURL(/notice=institution-saved/)
  await addInterest(t, duren, DE, 'duren')

  await registerInstitution(t, jinhua, ZH, {
    side: 'jinhua',
    name: '金华市第一中学',
    type: 'school:junior_middle',
    municipality: JINHUA_UNIT,
  })
  await addInterest(t, jinhua, ZH, 'jinhua')
  await jinhua.page.goto(`${stack.webUrl}/institutions`)
  await audited(t, jinhua, 'institutions-list')
})

t.test('officers verify the institutions of their side', async (t) => {
  for (const [s, c, name] of [
    [officerDuren, DE, 'Gymnasium am Wirteltor'],
    [officerJinhua, ZH, '金华市第一中学'],
  ] as const) {
    await s.page.goto(`${stack.webUrl}/officer/queue`)
    t.equal(await s.page.locator('tbody tr').count(), 1, 'only the own side waits in the queue')
    await audited(t, s, `queue-${s.label}`)
    await s.page.getByRole('button', { name: `${c['queue.verify']}: ${name}` }).click()
    await s.page.waitForURL(/notice=institution-verified/)
    t.match(await s.page.locator('main').innerText(), c['queue.empty'])
  }
})

t.test('partner search finds the other side', async (t) => {
  await jinhua.page.goto(`${stack.webUrl}/search?topic=culture`)
  t.match(
    await jinhua.page.locator('main').innerText(),
    '维特尔门文理中学',
    'the Chinese name is shown to a Chinese reader',
  )
  await audited(t, jinhua, 'search')
})

t.test('an officer runs a matching round with live progress', async (t) => {
  await officerDuren.page.goto(`${stack.webUrl}/officer/rounds`)
  await audited(t, officerDuren, 'rounds')
  await officerDuren.page.getByRole('button', { name: DE['rounds.submit'] }).click()
  await officerDuren.page.waitForURL(/\/officer\/rounds\/[0-9a-f-]{36}/)
  roundUrl = new URL(officerDuren.page.url()).pathname
  // The script polls the status and reloads once the round is done.
  await officerDuren.page.waitForSelector('[data-poll]', { state: 'detached', timeout: 60_000 })
  t.equal(
    await officerDuren.page.locator('dd[data-round-status]').innerText(),
    DE['roundStatus.done'],
    'done',
    {
      page: await officerDuren.page.locator('main').innerText(),
    },
  )
  const row = officerDuren.page.locator('tbody tr').first()
  t.match(await row.innerText(), 'Gymnasium am Wirteltor')
  t.match(await row.innerText(), DE['criterion.topics'], 'explanation in German')
  const main = await officerDuren.page.locator('main').innerText()
  t.match(main, DE['round.tradeOffTitle'], 'the stable-versus-welfare trade-off is shown')
  t.match(main, /Gesamtpunktzahl \d+,\d{2}/, 'German decimals')
  await audited(t, officerDuren, 'round-result')
})

t.test('both coordinators see why, and accept', async (t) => {
  await duren.page.goto(`${stack.webUrl}/proposals`)
  const card = duren.page.locator('article.card').first()
  t.match(await card.innerText(), DE['proposal.why'])
  t.match(await card.innerText(), DE['criterion.language'])
  await audited(t, duren, 'proposals')
  await card.getByRole('button', { name: DE['proposal.accept'] }).click()
  await duren.page.waitForURL(/notice=proposal-accepted/)

  await jinhua.page.goto(`${stack.webUrl}/proposals`)
  const zhCard = jinhua.page.locator('article.card').first()
  t.match(await zhCard.innerText(), ZH['proposal.why'], 'explanation in Chinese')
  t.match(await zhCard.innerText(), ZH['criterion.topics'])
  t.match(await zhCard.innerText(), '迪伦市中心', 'the Chinese translation of the description')
  await audited(t, jinhua, 'proposals-zh')
  await zhCard.getByRole('button', { name: ZH['proposal.accept'] }).click()
  await jinhua.page.waitForURL(/notice=proposal-accepted/)
  t.match(await jinhua.page.locator('article.card').first().innerText(), ZH['proposal.waiting'])
})

t.test('both officers confirm: a partnership', async (t) => {
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
  await audited(t, duren, 'proposals-confirmed')
  // The confirmed proposal leads to the partnership's meetings and visits.
  await duren.page.getByRole('link', { name: DE['proposal.schedule'] }).first().click()
  await duren.page.waitForURL(/\/partnerships\/[0-9a-f-]{36}\/schedule$/)
  t.equal(await duren.page.locator('h1').innerText(), DE['sched.title'])
  await audited(t, duren, 'partnership-schedule')
  await duren.page.goto(`${stack.webUrl}/institutions/${durenInstitution}`)
  await audited(t, duren, 'institution-verified')
})

t.test('data export and the account page', async (t) => {
  await duren.page.goto(`${stack.webUrl}/profile/data`)
  await audited(t, duren, 'my-data')
  const res = await duren.page.request.get(`${stack.webUrl}/profile/data/export`)
  t.equal(res.status(), 200)
  t.match(res.headers()['content-disposition'], /attachment/)
  t.match(await res.text(), /schmidt@gymnasium-dueren\.example/)
})

t.test('inbox and notification settings', async (t) => {
  await duren.page.goto(`${stack.webUrl}/inbox`)
  t.equal(await duren.page.locator('h1').innerText(), DE['inbox.title'])
  await audited(t, duren, 'inbox')
  await duren.page.getByRole('link', { name: DE['inbox.prefs'] }).click()
  await duren.page.waitForLoadState('load')
  await audited(t, duren, 'notification-settings')
  await duren.page.check('input[name="mode"][value="daily"]')
  await duren.page.fill('#f-quietStart', '22:00')
  await duren.page.fill('#f-quietEnd', '07:00')
  await duren.page.getByRole('button', { name: DE['prefs.save'] }).click()
  await duren.page.waitForURL(/notice=prefs-saved/)
  t.equal(
    await duren.page.locator('input[name="mode"][value="daily"]').isChecked(),
    true,
    'saved and shown again',
  )
  t.equal(await duren.page.locator('#f-quietStart').inputValue(), '22:00')
})

t.test('admin: users and roles; coordinators may not', async (t) => {
  await createStaff(stack.api.app, 'admin@kreis-dueren.example', 'admin')
  const admin = await open('admin', 'en-GB')
  await signIn(admin, 'admin@kreis-dueren.example', CATALOGS.en['signIn.submit'])
  // The account's language (German) wins over the browser's.
  t.equal(await admin.page.locator('html').getAttribute('lang'), 'de')
  await admin.page.goto(`${stack.webUrl}/admin/users`)
  t.ok((await admin.page.locator('tbody tr').count()) >= 5)
  await audited(t, admin, 'admin-users')
  await admin.page.getByRole('button', { name: `${DE['admin.users.disable']}: wang` }).click()
  await admin.page.waitForURL(/notice=user-updated/)
  t.match(await admin.page.locator('tbody').innerText(), DE['status.disabled'])
  await admin.page.goto(`${stack.webUrl}/officer/queue`)
  await audited(t, admin, 'admin-queue')

  await duren.page.goto(`${stack.webUrl}/admin/users`)
  t.equal(await duren.page.locator('h1').innerText(), DE['forbidden.title'])
})

t.test('officer CSV import with its report', async (t) => {
  const csv = [
    'external_key,name,kind,subtype,municipality',
    'dn-001,Realschule Jülich,school,realschule,dn-juelich',
    'dn-002,X,school,gymnasium,dn-dueren',
  ].join('\n')
  await officerDuren.page.goto(`${stack.webUrl}/officer/imports`)
  await audited(t, officerDuren, 'import-upload')
  await officerDuren.page.getByRole('button', { name: DE['imports.submit'] }).click()
  await officerDuren.page.waitForLoadState('load')
  t.equal(
    await officerDuren.page.locator('#f-file').getAttribute('aria-invalid'),
    'true',
    'a file is required',
  )
  await officerDuren.page.setInputFiles('#f-file', {
    name: 'schulen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  await officerDuren.page.getByRole('button', { name: DE['imports.submit'] }).click()
  await officerDuren.page.waitForURL(/\/officer\/imports\/[0-9a-f-]{36}\?notice=import-started/)
  // The registry worker's job, run here the way the worker would.
  const [row] = await stack.api.app.dbHandle.sql<
    { id: string; payload: { type: 'import.requested'; importId: string } }[]
  >`
    select id, payload from outbox where event_type = 'import.requested' order by created_at desc limit 1`
  await handleRegistryEvent(stack.api.app.db, { outboxId: row!.id, event: row!.payload } as never)
  await officerDuren.page.waitForSelector('[data-poll]', { state: 'detached', timeout: 30_000 })
  const main = await officerDuren.page.locator('main').innerText()
  t.match(main, DE['roundStatus.done'])
  t.match(main, DE['import.report'])
  t.equal(await officerDuren.page.locator('tbody tr').count(), 1, 'one row with a problem')
  await audited(t, officerDuren, 'import-report')
})

t.test('officer lists institutions by status, suspends and reinstates one', async (t) => {
  const o = officerDuren.page
  await o.goto(`${stack.webUrl}/officer/queue?status=verified`)
  const row = o.locator('tbody tr', { hasText: 'Realschule Jülich' })
  t.equal(await row.count(), 1, 'the imported school is listed as verified')
  await row.getByLabel(DE['field.reason']).fill('Kontaktdaten werden geprüft')
  await row.getByRole('button', { name: `${DE['queue.suspend']}: Realschule Jülich` }).click()
  await o.waitForURL(/status=verified&notice=institution-suspended/)
  t.equal(await o.locator('tbody tr', { hasText: 'Realschule Jülich' }).count(), 0, 'no longer verified')
  await o.goto(`${stack.webUrl}/officer/queue?status=suspended`)
  await audited(t, officerDuren, 'queue-suspended')
  await o.getByRole('button', { name: `${DE['queue.reinstate']}: Realschule Jülich` }).click()
  await o.waitForURL(/status=suspended&notice=institution-reinstated/)
  t.match(await o.locator('main').innerText(), DE['notice.institutionReinstated'])
  await o.goto(`${stack.webUrl}/officer/queue?status=verified`)
  t.equal(await o.locator('tbody tr', { hasText: 'Realschule Jülich' }).count(), 1, 'verified again')
})

t.test('no request ever left localhost', async (t) => {
  for (const s of sessions) t.same(s.foreignRequests, [], s.label)
})
