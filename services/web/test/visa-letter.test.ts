import type { AddressInfo } from 'node:net'
import { brotliCompressSync } from 'node:zlib'
import {
  bearer,
  bookedVisit,
  confirmedPartnership,
  json,
  PASSWORD,
  type SevenActors,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { buildApp, type WebApp } from '../src/app.js'
import { loadWebConfig } from '../src/config.js'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { SESSION_SECRET, type Stack } from './helper/stack.js'
import { webGet, webPost } from './helper/web-session.js'

// Issue 13, item 2 on the web: the visa letter form for the seven readers, both directions (a
// German host for a Chinese group, a Chinese host for a German group) streaming back a PDF, the
// "more rows" submit without script, errors on the fields, axe in Chromium — and neither the
// web's nor the API's log holds anything of the travellers typed in.

const logLines: string[] = []
const logger = { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } }

let api: TestContext
let web: WebApp
let webUrl = ''
let browser: Browser | undefined
let a: SevenActors
let partnershipId = ''
let toGermany = '' // host: du (Gymnasium am Wirteltor)
let toChina = '' // host: jh (金华第一中学)
let sessions: Sessions

const SECRETS = [
  'Quastenberger',
  'Ottilie',
  'C7QX4Z9K2',
  '2010-07-19',
  '欧阳',
  '晓蕾',
  'EJ7384219',
  '2009-11-23',
]

/** The addresses sevenActors (@dj/stack) gives the two hosts who sign in in the browser. */
const PREFIX = 'visaweb'
const EMAILS = {
  du: `${PREFIX}.lehrerin@gym-dueren.de`,
  jh: `${PREFIX}.laoshi@jinhua-school.cn`,
}

const pageOf = (tripId: string) => `/partnerships/${partnershipId}/trips/${tripId}/visa-letter`

t.before(async () => {
  api = await startTestApp('web-visa', { RATE_LIMIT_PER_USER: '1000' }, { logger })
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const apiUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`
  const config = loadWebConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      API_URL: apiUrl,
      SESSION_SECRET,
      PUBLIC_WEB_URL: 'http://127.0.0.1',
    },
    envFile: false,
  })
  web = await buildApp({ config, logger })
  await web.listen({ port: 0, host: '127.0.0.1' })
  webUrl = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`
  ;({ actors: a, sessions } = await sevenReaders({ api, web } as Stack, PREFIX))
  partnershipId = (await confirmedPartnership(api.app, a)).partnershipId
  const inGermany = await bookedVisit(api.app, a, partnershipId, {
    start: '2027-06-01',
    direction: 'jinhua_to_duren',
  })
  const inChina = await bookedVisit(api.app, a, partnershipId, {
    start: '2027-09-10',
    direction: 'duren_to_jinhua',
  })
  const plan = async (visitId: string, token: string) => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/visits/${visitId}/trip-plan`,
      headers: bearer(token),
    })
    if (res.statusCode !== 201) throw new Error(`trip plan: ${res.body}`)
    return json<{ id: string }>(res).id
  }
  toGermany = await plan(inGermany.visitId, a.du.accessToken)
  toChina = await plan(inChina.visitId, a.jh.accessToken)
})
t.teardown(async () => {
  await browser?.close()
  await web?.close()
  await api?.close()
})

const stackOf = () => ({ web }) as Stack

const matrix = (path: string) => accessMatrix(sessions, (s) => webGet(stackOf(), path, s))

async function textOf(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true })
    .promise
  let text = ''
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('')
  }
  await doc.destroy()
  return text.replace(/\s+/g, '')
}

t.test('seven readers: only the host’s coordinators get the form', async (t) => {
  t.same(await matrix(pageOf(toGermany)), ['sign-in', 200, 403, 404, 403, 403, 403])
  t.same(await matrix(pageOf(toChina)), ['sign-in', 403, 200, 404, 403, 403, 403])
  const travelling = await webGet(stackOf(), pageOf(toGermany), sessions.jh)
  t.match(travelling.body, CATALOGS.zh['visa.hostOnly.title'], 'the travelling side is told who issues it')
  t.match(travelling.body, 'Gymnasium am Wirteltor')
  const wrongPair = await webGet(
    stackOf(),
    `/partnerships/${a.school.id}/trips/${toGermany}/visa-letter`,
    sessions.du,
  )
  t.equal(wrongPair.statusCode, 404, 'the trip must belong to the partnership in the path')
})

t.test('the form: why nothing is kept, rows, no-store, in German and in Chinese', async (t) => {
  const de = await webGet(stackOf(), pageOf(toGermany), sessions.du)
  t.equal(de.statusCode, 200)
  t.equal(de.headers['cache-control'], 'no-store')
  t.match(de.body, CATALOGS.de['visa.privacy.heading'])
  t.match(de.body, CATALOGS.de['visa.privacy.body'].slice(0, 60))
  t.match(de.body, 'Schengen-Visum Typ C')
  t.match(de.body, '01.06.2027', 'dates in the reader’s language')
  t.equal((de.body.match(/<fieldset class="step">/g) ?? []).length, 5, 'five rows to begin with')
  t.match(de.body, 'autocomplete="off"', 'the browser is asked not to remember what is typed')
  // The site's budget is 15,000 bytes per first visit with the CSS and the script (about 4 KB).
  const html = brotliCompressSync(Buffer.from(de.body)).length
  t.ok(html < 8000, `the form is ${html} bytes brotli-compressed`)
  const trip = await webGet(stackOf(), `/partnerships/${partnershipId}/trips/${toGermany}`, sessions.du)
  t.match(trip.body, `href="${pageOf(toGermany)}"`, 'the trip page links the letter')
  const zh = await webGet(stackOf(), pageOf(toChina), sessions.jh)
  t.match(zh.body, CATALOGS.zh['visa.privacy.heading'])
  t.match(zh.body, 'F字签证')
  t.match(zh.body, '2027年9月10日')
})

t.test('more rows without script keeps what was typed', async (t) => {
  const res = await webPost(stackOf(), pageOf(toGermany), sessions.du, {
    rows: '5',
    action: 'more',
    'familyName-0': 'Quastenberger',
    'givenName-0': 'Ottilie',
  })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'no-store')
  t.equal((res.body.match(/<fieldset class="step">/g) ?? []).length, 10)
  t.match(res.body, 'value="Quastenberger"')
  const full = await webPost(stackOf(), pageOf(toGermany), sessions.du, { rows: '30', action: 'more' })
  t.equal((full.body.match(/<fieldset class="step">/g) ?? []).length, 30, 'at most 30')
  t.notMatch(full.body, 'value="more"', 'no more-rows button at the limit')
})

t.test('errors land on the fields; an empty form says so', async (t) => {
  const empty = await webPost(stackOf(), pageOf(toGermany), sessions.du, { rows: '5', action: 'generate' })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, CATALOGS.de['visa.err.none'])
  const begun = await webPost(stackOf(), pageOf(toGermany), sessions.du, {
    rows: '5',
    action: 'generate',
    'familyName-2': 'Quastenberger',
  })
  t.equal(begun.statusCode, 400)
  t.match(begun.body, 'href="#f-passportNumber-2"', 'the summary links the missing field')
  const api400 = await webPost(stackOf(), pageOf(toGermany), sessions.du, {
    rows: '5',
    action: 'generate',
    'familyName-1': '欧阳',
    'givenName-1': '晓蕾',
    'dateOfBirth-1': '2099-01-01',
    'passportNumber-1': 'EJ7384219',
  })
  t.equal(api400.statusCode, 400)
  t.equal(api400.headers['cache-control'], 'no-store')
  t.match(api400.body, 'href="#f-dateOfBirth-1"', 'the API’s refusal on the right row')
  t.match(api400.body, CATALOGS.de['visa.err.date'])
  t.match(api400.body, 'value="EJ7384219"', 'what was typed stays for correcting')
})

t.test('both directions stream back a PDF with the travellers', async (t) => {
  const german = await webPost(stackOf(), pageOf(toGermany), sessions.du, {
    rows: '5',
    action: 'generate',
    costs: 'shared',
    'familyName-0': '欧阳',
    'givenName-0': '晓蕾',
    'dateOfBirth-0': '2009-11-23',
    'passportNumber-0': 'ej 738 4219',
    'sex-0': 'F',
  })
  t.equal(german.statusCode, 200, 'the German host’s letter')
  t.equal(german.headers['content-type'], 'application/pdf')
  t.match(german.headers['content-disposition'], /^attachment; filename="visa-invitation-schengen-c-/)
  t.equal(german.headers['cache-control'], 'no-store')
  const de = await textOf(german.rawPayload)
  for (const s of ['Einladungsschreiben', '欧阳', '晓蕾', 'EJ7384219', '23.11.2009', 'LetterofInvitation'])
    t.ok(de.includes(s), `finds ${s}`)

  const chinese = await webPost(stackOf(), pageOf(toChina), sessions.jh, {
    rows: '5',
    action: 'generate',
    costs: 'travellers',
    cities: 'Hangzhou, Yiwu',
    'familyName-0': 'Quastenberger',
    'givenName-0': 'Ottilie',
    'dateOfBirth-0': '19.07.2010',
    'passportNumber-0': 'C7QX4Z9K2',
    'nationality-0': 'deutsch',
  })
  t.equal(chinese.statusCode, 200, 'the Chinese host’s letter')
  t.equal(chinese.headers['content-type'], 'application/pdf')
  const zh = await textOf(chinese.rawPayload)
  for (const s of ['邀请函', 'Quastenberger', 'Ottilie', 'C7QX4Z9K2', '2010年7月19日', 'Hangzhou', 'Yiwu'])
    t.ok(zh.includes(s), `finds ${s}`)

  // The seven readers posting (an empty form: the host gets it back with its errors).
  const posted = await accessMatrix(sessions, (s) =>
    webPost(stackOf(), pageOf(toChina), s, { rows: '5', action: 'generate' }),
  )
  t.same(posted, ['sign-in', 403, 400, 404, 403, 403, 403])
  const forged = await stackOf().web.inject({
    method: 'POST',
    url: pageOf(toChina),
    headers: { cookie: sessions.jh.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'rows=5&action=generate&familyName-0=Quastenberger',
  })
  t.equal(forged.statusCode, 403, 'no form token, no letter')
})

t.test('in the browser: the form passes axe in German and Chinese, errors included', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  for (const [who, locale, zone, trip] of [
    ['du', 'de-DE', 'Europe/Berlin', toGermany],
    ['jh', 'zh-CN', 'Asia/Shanghai', toChina],
  ] as const) {
    const s = await Session.open(browser, locale, { width: 1280, height: 900 }, zone, `visa-${who}`)
    t.teardown(() => s.close())
    await s.page.goto(`${webUrl}/sign-in`)
    await s.page.fill('#f-email', EMAILS[who])
    await s.page.fill('#f-password', PASSWORD)
    await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
    await s.page.waitForURL(`${webUrl}/`)
    await s.page.goto(`${webUrl}${pageOf(trip)}`)
    const form = await s.audit(`visa-letter-${who}`)
    t.same(serious(form.violations), [], describeViolations(form.violations))
    t.same(s.foreignRequests, [], 'nothing from another host')
    await s.page.fill('#f-familyName-0', 'Quastenberger')
    await s.page.locator('button[value="generate"]').click()
    await s.page.waitForLoadState('load')
    const errors = await s.audit(`visa-letter-errors-${who}`)
    t.match(await s.page.content(), 'href="#f-givenName-0"')
    t.same(serious(errors.violations), [], describeViolations(errors.violations))
  }
})

t.test('nothing of the travellers in the web’s or the API’s log', async (t) => {
  t.ok(
    logLines.some((l) => l.includes('/visa-letter')),
    'the requests were logged',
  )
  for (const secret of SECRETS)
    t.same(
      logLines.filter((l) => l.toLowerCase().includes(secret.toLowerCase())),
      [],
      `no log line holds ${secret}`,
    )
})
