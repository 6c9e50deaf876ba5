// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import { readFile } from 'node:fs/promises'
import { createStaff, partnershipBetween, registerCoordinator, seedInstitution } from '@dj/stack'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Browser, Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, type Session } from './helper/browser.js'
import { journey } from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// After the match, in a real browser (Debian Chromium): both coordinators write to each other in
// the partnership's workspace, draft and fill the exchange agreement through its form, send it
// out and sign it; Jinhua changes a number after both signed, so both sign again; both offices
// countersign; the PDF downloads and its text holds the German and the Chinese clauses. Every
// page on the way runs axe.
let stack: Stack
let browser: Browser
const { open, audited, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: true },
)
t.setTimeout(420_000)
t.before(async () => {
  stack = await startStack('agreement-journey')
  browser = await launch()
})
t.teardown(async () => {
  await closeSessions('agreement journey')
  await browser?.close()
  await stack?.close()
})

const DE = CATALOGS.de
const ZH = CATALOGS.zh
let duren: Session
let jinhua: Session
let officerDuren: Session
let officerJinhua: Session
let workspace = ''
let agreement = ''

const url = (path: string) => `${stack.webUrl}${path}`
/** Fields of the edit form are named by their path (`parties.duren.name.zh`), dots and all. */
const field = (page: Page, name: string) => page.locator(`[id="f-${name}"]`)

t.test('two partners, signed in, each in their language', async () => {
  const app = stack.api.app
  const duUser = await registerCoordinator(app, 'schmidt@journey-agr.example')
  const jhUser = await registerCoordinator(app, 'wang@journey-agr.example', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  await createStaff(app, 'amt@journey-agr.example', 'officer', 'duren')
  await createStaff(app, 'office@journey-agr.example', 'officer', 'jinhua')
  const du = await seedInstitution(app, 'duren', 'Gymnasium am Wirteltor', [duUser.id])
  const jh = await seedInstitution(app, 'jinhua', '金华市第一中学', [jhUser.id])
  const id = (await partnershipBetween(app, du.id, jh.id)).id
  workspace = `/partnerships/${id}/workspace`
  agreement = `/partnerships/${id}/agreement`
  duren = await open('Düren coordinator', 'de-DE')
  jinhua = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
  officerDuren = await open('Düren officer', 'de-DE')
  officerJinhua = await open('Jinhua officer', 'zh-CN', 'Asia/Shanghai')
  await signIn(duren, 'schmidt@journey-agr.example', DE['signIn.submit'])
  await signIn(jinhua, 'wang@journey-agr.example', ZH['signIn.submit'])
  await signIn(officerDuren, 'amt@journey-agr.example', DE['signIn.submit'])
  await signIn(officerJinhua, 'office@journey-agr.example', ZH['signIn.submit'])
})

async function write(t: Test, s: Session, c: typeof DE, text: string) {
  await s.page.goto(url(workspace))
  await s.page.locator('textarea[name="body"]').fill(text)
  await s.page.getByRole('button', { name: c['ws.send'], exact: true }).click()
  await s.page.waitForURL(/\/workspace/)
  t.match(await s.page.locator('main').innerText(), text, 'the message is in the conversation')
}

t.test('both coordinators write to each other in the workspace', async (t) => {
  await write(t, duren, DE, 'Guten Tag nach Jinhua! Wir freuen uns auf den Austausch.')
  await audited(t, duren, 'workspace (de)')
  await write(t, jinhua, ZH, '你们好！我们很期待这次交流。')
  t.match(
    await jinhua.page.locator('main').innerText(),
    'Guten Tag nach Jinhua!',
    'each sees the other’s message',
  )
  await audited(t, jinhua, 'workspace (zh)')
})

async function save(s: Session, c: typeof DE) {
  await s.page.getByRole('button', { name: c['agr.save'], exact: true }).click()
  await s.page.waitForURL((u) => u.pathname === agreement)
}

t.test('Düren drafts the agreement, both fill in their side through the form', async (t) => {
  await duren.page.goto(url(agreement))
  await audited(t, duren, 'agreement, none yet (de)')
  await duren.page.getByRole('button', { name: DE['agr.draft'], exact: true }).click()
  await duren.page.waitForURL((u) => u.pathname === `${agreement}/edit`)
  await audited(t, duren, 'agreement form (de)')
  t.match(await duren.page.locator('main').innerText(), DE['agr.voidWarning'].slice(0, 30))
  await field(duren.page, 'parties.duren.name.zh').fill('维尔特尔门文理中学')
  await field(duren.page, 'parties.duren.address.de').fill('Wirteltorplatz 1, 52349 Düren')
  await field(duren.page, 'purpose.aims.de').fill('Gemeinsame Umweltprojekte vertiefen das Verständnis.')
  await save(duren, DE)

  await jinhua.page.goto(url(`${agreement}/edit`))
  await field(jinhua.page, 'parties.jinhua.name.de').fill('Jinhua Nr. 1 Mittelschule')
  await field(jinhua.page, 'parties.jinhua.address.zh').fill('浙江省金华市婺城区八一南街1号')
  await field(jinhua.page, 'purpose.aims.zh').fill('通过共同的环境项目加深了解。')
  await field(jinhua.page, 'period.start').fill('2027-05-10')
  await field(jinhua.page, 'period.end').fill('2027-05-20')
  await field(jinhua.page, 'term.validUntil').fill('2028-05-20')
  await field(jinhua.page, 'groups.jinhua.count').fill('12')
  await field(jinhua.page, 'groups.jinhua.ageMin').fill('14')
  await field(jinhua.page, 'groups.jinhua.ageMax').fill('16')
  await field(jinhua.page, 'groups.jinhua.accompanyingAdults').fill('2')
  await field(jinhua.page, 'hosting.costs.travel').selectOption('each_own')
  await audited(t, jinhua, 'agreement form (zh)')
  await save(jinhua, ZH)
  const text = await jinhua.page.locator('main').innerText()
  t.match(text, '通过共同的环境项目加深了解。', 'the Chinese column')
  t.match(text, 'Gemeinsame Umweltprojekte', 'the German column beside it')
  t.equal(await jinhua.page.locator('#gaps').count(), 0, 'nothing is missing any more')
  await audited(t, jinhua, 'agreement, complete draft (zh)')
})

async function sign(s: Session, label: string) {
  await s.page.goto(url(agreement))
  await s.page.getByRole('button', { name: label, exact: true }).click()
  await s.page.waitForURL((u) => u.pathname === agreement && u.search.includes('notice='))
}

t.test('sent out, both institutions sign; an edit voids both signatures, both sign again', async (t) => {
  await jinhua.page.goto(url(agreement))
  await jinhua.page.getByRole('button', { name: ZH['agr.submit'], exact: true }).click()
  await jinhua.page.waitForURL((u) => u.search.includes('notice='))
  await sign(duren, DE['agr.sign'])
  await sign(jinhua, ZH['agr.sign'])
  await officerDuren.page.goto(url(agreement))
  t.equal(
    await officerDuren.page.getByRole('button', { name: DE['agr.countersign'], exact: true }).count(),
    1,
    'now the offices can countersign',
  )

  await jinhua.page.goto(url(`${agreement}/edit`))
  await field(jinhua.page, 'groups.jinhua.accompanyingAdults').fill('3')
  await save(jinhua, ZH)
  await duren.page.goto(url(agreement))
  const after = await duren.page.locator('main').innerText()
  t.match(after, DE['agr.noSignatures'], 'no signature on the new version')
  t.match(after, /2\s*→\s*3/, 'what changed is shown')
  await audited(t, duren, 'agreement after the edit (de)')
  await officerDuren.page.goto(url(agreement))
  t.equal(
    await officerDuren.page.getByRole('button', { name: DE['agr.countersign'], exact: true }).count(),
    0,
    'the offices wait for the institutions again',
  )
  await sign(duren, DE['agr.sign'])
  await sign(jinhua, ZH['agr.sign'])
})

/** The text of every page of a PDF, as a reader (or a search) gets it from the bytes. */
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
  // Line breaks in the PDF fall anywhere.
  return text.replace(/\s+/g, '')
}

t.test('both offices countersign, and the PDF holds both languages', async (t) => {
  await sign(officerJinhua, ZH['agr.countersign'])
  await sign(officerDuren, DE['agr.countersign'])
  await duren.page.goto(url(agreement))
  t.match(await duren.page.locator('main').innerText(), DE['agr.status.complete'])
  await audited(t, duren, 'agreement, complete (de)')

  const link = duren.page.locator('a[href*="/pdf"]').first()
  const [download] = await Promise.all([duren.page.waitForEvent('download'), link.click()])
  const bytes = await readFile((await download.path())!)
  t.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  const text = await pdfText(bytes)
  t.match(text, 'GemeinsameUmweltprojektevertiefendasVerständnis.', 'the German text')
  t.match(text, '通过共同的环境项目加深了解。', 'the Chinese text')
  t.match(text, '浙江省金华市婺城区八一南街1号', 'the Chinese address')
  t.match(text, 'Wirteltorplatz1,52349Düren', 'the German address')
})
