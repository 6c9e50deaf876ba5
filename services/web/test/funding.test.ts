import { FUNDING_SEED } from '@dj/exchange'
import { bearer, bookedVisit, confirmedPartnership, json, type SevenActors } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { emptyForm } from '../src/components/forms.js'
import { docOf, type ProgrammeDoc, valuesOf } from '../src/features/funding/form-model.js'
import { CATALOGS } from '../src/i18n/index.js'
import { type AuditedPage, auditPages } from './helper/axe-pages.js'
import { launch } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost } from './helper/web-session.js'

// Issue 13, item 3 on the web: the offices' catalogue (list, new, edit with repeated rows, stale
// version, switch off), a trip's funding page (the fitting programmes with their budget and
// CSV/PDF exports, the others with the reason per failed rule in plain words), the seven readers
// on every page, German and Chinese, and axe in Chromium.

let stack: Stack
let browser: Browser | undefined
let a: SevenActors
let sessions: Sessions
let partnershipId = ''
let tripId = ''
let fundingPage = ''
let pascheId = ''

const START = `${new Date().getUTCFullYear() + 2}-05-10`
/** The addresses sevenActors gives the actors signed in through the browser. */
const EMAILS = {
  jh: 'wf.laoshi@jinhua-school.cn',
  officerDu: 'wf.amt@kreis-dueren.de',
}

t.before(async () => {
  stack = await startStack('funding')
  const app = stack.api.app
  ;({ actors: a, sessions } = await sevenReaders(stack, 'wf'))
  ;({ partnershipId } = await confirmedPartnership(app, a))
  const { visitId } = await bookedVisit(app, a, partnershipId, { start: START, days: 7, groupSize: 12 })
  const res = await app.inject({
    method: 'POST',
    url: `/v1/visits/${visitId}/trip-plan`,
    headers: bearer(a.jh.accessToken),
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  tripId = json<{ id: string }>(res).id
  fundingPage = `/partnerships/${partnershipId}/trips/${tripId}/funding`
  const [pasch] = await app.dbHandle.sql<{ id: string }[]>`
    select id from funding_programmes where slug = 'pasch-schulpartnerschaften'`
  pascheId = pasch!.id
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)
const de = CATALOGS.de
const zh = CATALOGS.zh

t.test('the form keeps every field: each seed programme survives form values and back', async (t) => {
  for (const p of FUNDING_SEED) {
    const state = emptyForm(valuesOf(p as unknown as ProgrammeDoc, 1))
    const { doc } = docOf(state)
    t.same(state.errors, {}, `${p.slug}: no errors`)
    t.same(doc, p, p.slug)
  }
})

t.test('the catalogue: both offices and admins read it, only officers change it', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/officer/funding', s)), ['sign-in', 403, 403, 403, 200, 200, 200])
  t.same(await matrix((s) => webGet(stack, '/officer/funding/new', s)), [
    'sign-in',
    403,
    403,
    403,
    200,
    200,
    403,
  ])
  const edit = `/officer/funding/${pascheId}/edit`
  t.same(await matrix((s) => webGet(stack, edit, s)), ['sign-in', 403, 403, 403, 200, 200, 403])
  const list = await webGet(stack, '/officer/funding', sessions.officerDu)
  t.match(list.body, 'KJP Sonderprogramm China')
  t.match(list.body, 'href="https://www.kmk-pad.org/programme/schulpartnerschaften-der-pasch-initiative"')
  t.match(list.body, '2026-12', 'last checked')
  t.match(list.body, 'href="/officer/funding/new"')
  t.match(list.body, 'href="/officer/funding"', 'the nav link')
  const admin = await webGet(stack, '/officer/funding', sessions.admin)
  t.notMatch(admin.body, 'href="/officer/funding/new"', 'admins read only')
  t.match(admin.body, de['funding.readOnly'])
  const form = await webGet(stack, edit, sessions.officerJh)
  t.match(form.body, /name="deadline-0-month"[^>]*value="12"/)
  t.match(form.body, 'name="deadline-2-month"', 'blank rows to add deadlines')
})

const newProgramme = {
  slug: 'kreis-fonds',
  nameDe: 'Partnerschaftsfonds Kreis Düren',
  nameEn: 'District of Düren partnership fund',
  nameZh: '迪伦县伙伴关系基金',
  funder: 'Kreis Düren',
  sourceUrl: 'https://www.kreis-dueren.de/',
  lastChecked: '2026-12',
  notes: '',
  sides: 'duren',
  directions: 'jinhua_to_duren',
  'rate-0-type': 'perPersonPerDay',
  'rate-0-amount': '12,50',
  'rate-0-where': 'germany',
  'rate-1-type': '',
  'rate-1-amount': '',
  'rate-1-where': 'germany',
  'lump-0-de': '',
  'lump-0-en': '',
  'lump-0-zh': '',
  'lump-0-max': '',
  'deadline-0-de': 'Frist',
  'deadline-0-en': 'Deadline',
  'deadline-0-zh': '截止',
  'deadline-0-month': '3',
  'deadline-0-day': '1',
  'deadline-0-yearOffset': '0',
}

t.test('an officer adds a programme: errors on the fields, then saved', async (t) => {
  const refused = async (path: string, fields: Record<string, string>) => {
    const out: (number | string)[] = []
    for (const who of ['anon', 'du', 'jh', 'stranger', 'admin'] as const) {
      const res = await webPost(stack, path, sessions[who], fields)
      out.push(
        res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in')
          ? 'sign-in'
          : res.statusCode,
      )
    }
    return out
  }
  t.same(await refused('/officer/funding/new', newProgramme), ['sign-in', 403, 403, 403, 403])
  t.same(await refused(`/officer/funding/${pascheId}/edit`, { version: '1' }), [
    'sign-in',
    403,
    403,
    403,
    403,
  ])
  t.same(await refused(`/officer/funding/${pascheId}/active`, { version: '1', active: 'no' }), [
    'sign-in',
    403,
    403,
    403,
    403,
  ])
  const bad = await webPost(stack, '/officer/funding/new', sessions.officerDu, {
    ...newProgramme,
    'rate-0-amount': 'viel',
    lastChecked: 'gestern',
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'href="#f-rate-0-amount"')
  t.match(bad.body, de['funding.err.euros'])
  const api = await webPost(stack, '/officer/funding/new', sessions.officerDu, {
    ...newProgramme,
    lastChecked: 'gestern',
  })
  t.equal(api.statusCode, 422, 'the API’s schema refuses the date')
  t.match(api.body, 'href="#f-lastChecked"')
  const ok = await webPost(stack, '/officer/funding/new', sessions.officerDu, newProgramme)
  t.equal(ok.statusCode, 303, ok.body.slice(0, 400))
  t.equal(ok.headers.location, '/officer/funding?notice=funding-saved')
  const [row] = await stack.api.app.dbHandle.sql<{ fields: Record<string, unknown> }[]>`
    select fields from funding_programmes where slug = 'kreis-fonds'`
  t.match(row!.fields, {
    rates: { perPersonPerDay: { amount: 12.5, where: 'germany' } },
    deadlines: [{ month: 3, day: 1, yearOffset: 0, label: { zh: '截止' } }],
    eligibility: { formats: [], sides: ['duren'], directions: ['jinhua_to_duren'] },
  })
  const taken = await webPost(stack, '/officer/funding/new', sessions.officerJh, newProgramme)
  t.equal(taken.statusCode, 409)
  t.match(taken.body, zh['funding.err.slugTaken'], 'in Chinese for the Jinhua office')
})

t.test('edits carry the version: the other office’s save in between is refused', async (t) => {
  const [row] = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from funding_programmes where slug = 'kreis-fonds'`
  const url = `/officer/funding/${row!.id}/edit`
  const fields = { ...newProgramme, version: '1', notes: 'Geprüft im Dezember' }
  t.equal((await webPost(stack, url, sessions.officerJh, fields)).statusCode, 303)
  const stale = await webPost(stack, url, sessions.officerDu, { ...fields, notes: 'Alt' })
  t.equal(stale.statusCode, 409)
  t.match(stale.body, de['funding.err.stale'].slice(0, 40))
  t.match(stale.body, 'name="version" value="2"', 'the form now stands on the current version')
  t.match(stale.body, 'Alt', 'the entries stay')
  const off = await webPost(stack, `/officer/funding/${row!.id}/active`, sessions.officerDu, {
    version: '2',
    active: 'no',
  })
  t.equal(off.statusCode, 303)
  t.match((await webGet(stack, '/officer/funding', sessions.officerDu)).body, de['funding.state.inactive'])
})

t.test('a trip’s funding: the seven readers; fits with budget, the others with reasons', async (t) => {
  t.same(await matrix((s) => webGet(stack, fundingPage, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  const page = await webGet(stack, fundingPage, sessions.du)
  t.match(page.body, de['funding.tripTitle'])
  t.match(page.body, 'id="p-pasch-schulpartnerschaften"')
  t.match(page.body, `href="${fundingPage}/bildungsnetzwerk-china/budget.csv"`)
  t.match(page.body, `href="${fundingPage}/bildungsnetzwerk-china/budget.pdf"`)
  t.match(page.body, '5.000,00 €', 'the lump sum in German number format')
  t.match(page.body, de['funding.reason.kind'].split('{')[0]!, 'KJP: why not, in words')
  t.match(page.body, /data-rule="duration">Die Reise muss 21 bis 90 Tage dauern\. Ihre Reise: 7 Tage\./)
  const inChinese = await webGet(stack, fundingPage, sessions.jh)
  t.match(inChinese.body, zh['funding.tripTitle'])
  t.match(inChinese.body, 'PASCH学校伙伴关系（PAD）')
  t.match(inChinese.body, /data-rule="duration">出行时长须为 21 至 90 天。您的出行：7 天。/)
  const trip = await webGet(stack, `/partnerships/${partnershipId}/trips/${tripId}`, sessions.du)
  t.match(trip.body, `href="${fundingPage}"`, 'the trip page links here')
  const wrong = await webGet(stack, `/partnerships/${a.school.id}/trips/${tripId}/funding`, sessions.du)
  t.equal(wrong.statusCode, 404, 'a trip under another partnership’s address')
})

t.test('the exports through the web: CSV in the reader’s language, PDF', async (t) => {
  const csv = `${fundingPage}/bildungsnetzwerk-china/budget.csv`
  t.same(await matrix((s) => webGet(stack, csv, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  const deCsv = await webGet(stack, csv, sessions.du)
  t.match(deCsv.headers['content-type'], /^text\/csv/)
  t.ok(deCsv.body.startsWith('\uFEFFPosten;'), 'German: ; separated, with BOM')
  const zhCsv = await webGet(stack, csv, sessions.jh)
  t.ok(zhCsv.body.startsWith('\uFEFF项目,'), 'Chinese: , separated')
  const pdf = await webGet(stack, `${fundingPage}/pasch-schulpartnerschaften/budget.pdf`, sessions.officerJh)
  t.equal(pdf.statusCode, 200)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  t.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-')
  t.equal(
    (await webGet(stack, `${fundingPage}/kreis-fonds/budget.csv`, sessions.du)).statusCode,
    404,
    'switched off',
  )
})

t.test('in the browser: the funding page (zh) and the programme form (de) pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const pages: AuditedPage[] = [
    [EMAILS.jh, fundingPage, 'zh-CN', 'funding-trip-zh'],
    [EMAILS.officerDu, `/officer/funding/${pascheId}/edit`, 'de-DE', 'funding-form-de'],
    [EMAILS.officerDu, '/officer/funding', 'de-DE', 'funding-catalogue-de'],
  ]
  await auditPages(t, browser, stack.webUrl, pages)
})
