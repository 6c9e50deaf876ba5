// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import { readFile } from 'node:fs/promises'
import { nextYear } from '@dj/exchange'
import {
  bookedVisit,
  confirmedPartnership,
  countersignedAgreement,
  createScheduler,
  loadSchedulerConfig,
  type SevenActors,
  sevenActors,
} from '@dj/stack'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Browser, Download, Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, type Session } from './helper/browser.js'
import { journey } from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 13, "done when": in a real browser (Debian Chromium), a partnership goes from a
// countersigned agreement through a planned trip (the checklist ticked), a visa invitation letter
// in both directions (the Chinese group's visit to Düren, the German group's trip to Jinhua), the
// funding fit with the budget exported as CSV and PDF, both institutions' reports filed, to next
// year's draft ("plan the next one") — without leaving the platform; nothing of the travellers
// typed into the visa letters remains in the database. Every page on the way runs axe.

let stack: Stack
let browser: Browser
const { open, audited, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: true },
)
t.setTimeout(600_000)

const DE = CATALOGS.de
const ZH = CATALOGS.zh
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
/** The Chinese group's visit to Düren, over a week ago; the German group went to Jinhua in spring. */
const TO_GERMANY = { start: day(-12), days: 6 }
const TO_CHINA = { start: day(-70), days: 7 }
/** What is typed into the visa letters: it must be nowhere once the letters are rendered. */
const TRAVELLERS = {
  toGermany: {
    familyName: '欧阳',
    givenName: '晓蕾',
    dateOfBirth: '2009-11-23',
    passportNumber: 'EJ7384219',
  },
  toChina: {
    familyName: 'Quastenberger',
    givenName: 'Ottilie',
    dateOfBirth: '2010-07-19',
    passportNumber: 'C7QX4Z9K2',
  },
}

/** The addresses sevenActors (@dj/stack) registers under this prefix. */
const PREFIX = 'journey13'
let a: SevenActors
let duren: Session
let jinhua: Session
let partnershipId = ''
let visitToGermany = ''
let visitToChina = ''
let tripToGermany = ''
let tripToChina = ''

const url = (path: string) => `${stack.webUrl}${path}`
const workspace = () => `/partnerships/${partnershipId}/workspace`
const field = (page: Page, name: string) => page.locator(`[id="f-${name}"]`)
const main = (s: Session) => s.page.locator('main').innerText()

t.before(async () => {
  stack = await startStack('exchange-itself-journey')
  browser = await launch()
})
t.teardown(async () => {
  await closeSessions('exchange itself journey')
  await browser?.close()
  await stack?.close()
})

/** The text of every page of a PDF, as a reader (or a search) gets it; white space dropped. */
async function pdfText(bytes: Buffer) {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
  }).promise
  let text = ''
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('')
  }
  await doc.destroy()
  return text.replace(/\s+/g, '')
}
const bytesOf = async (d: Download) => readFile((await d.path())!)

t.test('from a countersigned agreement and two visits that took place, both partners signed in', async () => {
  const app = stack.api.app
  a = await sevenActors(app, PREFIX)
  ;({ partnershipId } = await confirmedPartnership(app, a))
  await countersignedAgreement(app, a, partnershipId, {
    start: TO_CHINA.start,
    end: day(-5),
    validUntil: day(300),
  })
  ;({ visitId: visitToGermany } = await bookedVisit(app, a, partnershipId, {
    ...TO_GERMANY,
    direction: 'jinhua_to_duren',
    groupSize: 14,
  }))
  ;({ visitId: visitToChina } = await bookedVisit(app, a, partnershipId, {
    ...TO_CHINA,
    direction: 'duren_to_jinhua',
  }))
  duren = await open('Düren coordinator', 'de-DE')
  jinhua = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
  await signIn(duren, `${PREFIX}.lehrerin@gym-dueren.de`, DE['signIn.submit'])
  await signIn(jinhua, `${PREFIX}.laoshi@jinhua-school.cn`, ZH['signIn.submit'])
})

/** Plans the trip of a visit from the workspace's button; resolves on the plan's edit form. */
async function planTrip(s: Session, visitId: string): Promise<string> {
  await s.page.goto(url(workspace()))
  await s.page.locator(`form[action$="/visits/${visitId}/trip"] button[type="submit"]`).click()
  await s.page.waitForURL(/\/trips\/[0-9a-f-]{36}\/edit/)
  return /\/trips\/([0-9a-f-]{36})\/edit/.exec(s.page.url())![1]!
}

t.test('plan a trip: the group as counts, a leader with consent, a programme day', async (t) => {
  await duren.page.goto(url(workspace()))
  await audited(t, duren, 'workspace with the visits (de)')
  tripToGermany = await planTrip(duren, visitToGermany)
  await audited(t, duren, 'trip plan form (de)')
  t.match(await main(duren), DE['trip.noPupilData'], 'the form says why no pupil is named')
  const page = duren.page
  await page.getByRole('button', { name: DE['trip.addDay'], exact: true }).click()
  await page.waitForLoadState('load')
  await field(page, 'programme.0.date').fill(TO_GERMANY.start)
  await field(page, 'programme.0.items.0.title').fill('Empfang im Rathaus')
  await page.getByRole('button', { name: DE['trip.addLeader'], exact: true }).click()
  await page.waitForLoadState('load')
  await field(page, 'leaders.0.name').fill('Anna Becker')
  await field(page, 'leaders.0.role').fill('Lehrerin')
  await field(page, 'leaders.0.consent').check()
  await field(page, 'group.12-14').fill('10')
  await field(page, 'group.15-17').fill('4')
  await page.getByRole('button', { name: DE['trip.save'], exact: true }).first().click()
  await page.waitForURL((u) => u.pathname === `/partnerships/${partnershipId}/trips/${tripToGermany}`)
  const text = await main(duren)
  t.match(text, 'Anna Becker')
  t.match(text, 'Empfang im Rathaus')
  t.match(text, DE['trip.item.visa_schengen'], 'a Chinese group going to Germany: the Schengen visa')
  await audited(t, duren, 'trip plan (de)')

  // The German group's trip to Jinhua, planned by the Jinhua side in Chinese.
  tripToChina = await planTrip(jinhua, visitToChina)
  await jinhua.page.getByRole('button', { name: ZH['trip.save'], exact: true }).first().click()
  await jinhua.page.waitForURL((u) => u.pathname === `/partnerships/${partnershipId}/trips/${tripToChina}`)
  t.match(await main(jinhua), ZH['trip.item.visa_f'], 'a German group going to China: the F visa')
  await audited(t, jinhua, 'trip plan (zh)')
})

t.test('tick the checklist: the insurance is done, the progress moves', async (t) => {
  const trip = `/partnerships/${partnershipId}/trips/${tripToGermany}`
  await duren.page.goto(url(trip))
  const before = await main(duren)
  await duren.page.locator(`form[action$="/checklist/insurance"] button[type="submit"]`).click()
  await duren.page.waitForURL((u) => u.pathname === trip && u.search.includes('notice='))
  const after = await main(duren)
  t.not(after, before)
  const button = (x: Session) => x.page.locator(`form[action$="/checklist/insurance"] button[type="submit"]`)
  t.match(await button(duren).innerText(), DE['trip.untick'], 'ticked (it can be opened again)')
  await audited(t, duren, 'trip plan, one item ticked (de)')
  await jinhua.page.goto(url(trip))
  t.match(await button(jinhua).innerText(), ZH['trip.untick'], 'the other side sees it ticked')
})

/** Types one traveller into the visa letter form and renders the PDF, which downloads. */
async function renderLetter(
  t: Test,
  s: Session,
  tripId: string,
  who: (typeof TRAVELLERS)['toChina'],
  label: string,
) {
  await s.page.goto(url(`/partnerships/${partnershipId}/trips/${tripId}/visa-letter`))
  await audited(t, s, label)
  await field(s.page, 'familyName-0').fill(who.familyName)
  await field(s.page, 'givenName-0').fill(who.givenName)
  await field(s.page, 'dateOfBirth-0').fill(who.dateOfBirth)
  await field(s.page, 'passportNumber-0').fill(who.passportNumber)
  const [download] = await Promise.all([
    s.page.waitForEvent('download'),
    s.page.locator('button[value="generate"]').click(),
  ])
  return pdfText(await bytesOf(download))
}

t.test('a visa invitation letter in both directions, and nothing of the travellers kept', async (t) => {
  // The Chinese group comes to Düren: the German host issues the letter (German and English).
  const de = await renderLetter(t, duren, tripToGermany, TRAVELLERS.toGermany, 'visa letter form (de)')
  for (const s of ['Einladungsschreiben', 'LetterofInvitation', '欧阳', 'EJ7384219'])
    t.ok(de.includes(s), `the German host’s letter holds ${s}`)
  // The German group went to Jinhua: the Chinese host issues it (Chinese and English).
  const zh = await renderLetter(t, jinhua, tripToChina, TRAVELLERS.toChina, 'visa letter form (zh)')
  for (const s of ['邀请函', 'Quastenberger', 'C7QX4Z9K2'])
    t.ok(zh.includes(s), `the Chinese host’s letter holds ${s}`)

  const sql = stack.api.app.dbHandle.sql
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`
  for (const secret of [
    TRAVELLERS.toGermany.passportNumber,
    TRAVELLERS.toChina.passportNumber,
    'Quastenberger',
  ]) {
    const found: string[] = []
    for (const { name } of tables) {
      const [row] = await sql.unsafe(`select count(*)::int as n from "${name}" x where x::text like $1`, [
        `%${secret}%`,
      ])
      if ((row as unknown as { n: number }).n > 0) found.push(name)
    }
    t.same(found, [], `${secret} is in no table`)
  }
})

t.test('the funding fit, and the budget exported as CSV and as PDF', async (t) => {
  await duren.page.goto(url(`/partnerships/${partnershipId}/trips/${tripToGermany}/funding`))
  await audited(t, duren, 'funding fit (de)')
  const text = await main(duren)
  t.match(text, DE['funding.whyNot'], 'the programmes that do not fit say why')
  const csvLink = duren.page.locator('a[href$="/budget.csv"]').first()
  t.ok((await csvLink.count()) > 0, 'at least one programme fits, with its budget')
  const [csv] = await Promise.all([duren.page.waitForEvent('download'), csvLink.click()])
  const table = (await bytesOf(csv)).toString('utf8')
  t.ok(table.split('\n').length > 2, 'the CSV has lines of the estimate')
  const [pdf] = await Promise.all([
    duren.page.waitForEvent('download'),
    duren.page.locator('a[href$="/budget.pdf"]').first().click(),
  ])
  const bytes = await bytesOf(pdf)
  t.equal(bytes.subarray(0, 5).toString(), '%PDF-', 'the PDF for the application')
})

/** Opens the own report of the visit to Düren from the workspace, answers briefly and files it. */
async function fileReport(t: Test, s: Session, c: typeof DE, institutionId: string, improve: string) {
  const [report] = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from exchange_reports where visit_id = ${visitToGermany} and institution_id = ${institutionId}`
  const path = `/partnerships/${partnershipId}/reports/${report!.id}`
  await s.page.goto(url(workspace()))
  await s.page.locator(`a[href="${path}"]`).filter({ hasText: c['report.due.link'] }).click()
  await s.page.waitForURL((u) => u.pathname === path)
  const form = s.page.locator('form[action*="/reports/"]')
  for (const fieldset of await form.locator('fieldset:has(input[name^="outcome-"])').all())
    await fieldset.locator('input[type="radio"]').first().check()
  await form.locator('input[name="activities"]').first().check()
  await form.locator('input[name="rating"]').first().check()
  await form.locator('input[name="wouldRepeat"]').first().check()
  await field(s.page, 'improve').fill(improve)
  await s.page.getByRole('button', { name: c['report.file'], exact: true }).click()
  await s.page.waitForLoadState('load')
  const errors = await s.page.locator('.error-summary').allInnerTexts()
  t.match(s.page.url(), 'notice=report-filed', 'filed', { errors })
}

t.test('both institutions file their report after the visit', async (t) => {
  // The scheduler's sweep opens the reports of visits that ended (run now instead of on the hour).
  const scheduler = createScheduler({
    config: loadSchedulerConfig({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: stack.api.db.url,
        REDIS_URL: stack.api.redis.url,
        QUEUE_PREFIX: stack.api.redis.prefix,
      },
      envFile: false,
    }),
  })
  try {
    const opened = await scheduler.openReports()
    t.ok(opened.visits >= 1, 'the ended visits got their reports')
  } finally {
    await scheduler.stop()
  }
  await duren.page.goto(url(workspace()))
  await audited(t, duren, 'workspace, report due (de)')
  await fileReport(t, duren, DE, a.school.id, 'Eine Woche länger bleiben')
  await audited(t, duren, 'report filed (de)')
  await fileReport(t, jinhua, ZH, a.club.id, '多安排一些共同课程')
  t.match(await main(jinhua), ZH['report.readOnly'], 'filed, read-only')
  await audited(t, jinhua, 'report filed (zh)')
})

t.test('plan the next one: next year’s agreement draft and trip plan', async (t) => {
  await duren.page.goto(url(workspace()))
  await duren.page.getByRole('button', { name: DE['renew.button'], exact: true }).click()
  await duren.page.waitForURL(
    (u) => u.pathname.endsWith('/agreement') && u.search.includes('notice=exchange-renewed'),
  )
  const draft = await main(duren)
  t.match(draft, DE['renew.notice.renewed'].slice(0, 30))
  t.match(draft, DE['agr.status.draft'])
  t.match(draft, DE['renew.edition'].replace('{edition}', '2'))
  await audited(t, duren, 'next year’s agreement draft (de)')

  // The Jinhua side finds it on the workspace, with next year's trip plan a year later.
  await jinhua.page.goto(url(workspace()))
  t.match(await main(jinhua), ZH['renew.drafting'].replace('{edition}', '2'))
  await audited(t, jinhua, 'workspace after renewing (zh)')
  await jinhua.page.getByRole('link', { name: ZH['renew.openTrip'], exact: true }).click()
  await jinhua.page.waitForURL(/\/trips\/[0-9a-f-]{36}$/)
  const next = await main(jinhua)
  const [y, m, d] = nextYear(TO_GERMANY.start).split('-').map(Number)
  t.match(next, `${y}年${m}月${d}日`, 'next year’s travel date')
  t.notMatch(next, 'Anna Becker', 'leaders consent anew')
  await audited(t, jinhua, 'next year’s trip plan (zh)')
})
