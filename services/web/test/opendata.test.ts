import { readFileSync } from 'node:fs'
import { PASSWORD, registerCoordinator } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost, webSignIn } from './helper/web-session.js'

// Issue 14, item 6 on the web: the office uploads the Schulgrunddaten and sees what was added,
// updated and skipped (with the licence named); a coordinator finds the unclaimed school and
// asks to take it over; the office sees the email-domain hint and confirms. Seven readers on
// every page, the form errors tied to their fields, axe in Chromium, tables within 1280 px.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let teacher: WebSession
const TEACHER = 'h.lehrer@gymnasium-wirteltor.example'
const nrw = readFileSync(new URL('../../api/test/fixtures/schulgrunddaten-dueren.csv', import.meta.url))

t.before(async () => {
  stack = await startStack('opendata-web')
  ;({ sessions } = await sevenReaders(stack, 'odweb'))
  await registerCoordinator(stack.api.app, TEACHER)
  teacher = await webSignIn(stack, TEACHER)
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const BOUNDARY = '----dj-opendata-test'
function multipart(s: WebSession, fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const parts: Buffer[] = [
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${s.csrf}\r\n`),
  ]
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  if (file)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(parts)
}
const upload = (s: WebSession, fields: Record<string, string>, file?: { name: string; content: Buffer }) =>
  stack.web.inject({
    method: 'POST',
    url: '/officer/open-data',
    headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(s, fields, file),
  })
const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)
const STAFF_ONLY = ['sign-in', 403, 403, 403, 200, 200, 200]

t.test('the office imports the Schulgrunddaten and sees the result', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/officer/open-data', s)), STAFF_ONLY)
  const form = await webGet(stack, '/officer/open-data', sessions.officerDu)
  t.match(form.body, 'Datenlizenz Deutschland', 'the licence is named')
  t.match(form.body, 'name="format" value="schulgrunddaten"', 'the Düren office imports the ministry file')
  t.same(await matrix((s) => webGet(stack, '/officer/open-data/template.csv', s)), STAFF_ONLY)
  const template = await webGet(stack, '/officer/open-data/template.csv', sessions.officerJh)
  t.match(template.headers['content-type'], /text\/csv/)
  t.match(template.body, /^school_code,name_zh/)

  const empty = await upload(sessions.officerDu, { format: 'schulgrunddaten' })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'href="#f-file"', 'the error summary links to the file field')
  t.match(empty.body, 'aria-invalid="true"')
  const jh = await upload(sessions.officerJh, { format: 'jinhua_list' }, { name: 'x.csv', content: nrw })
  t.equal(jh.statusCode, 400, 'the ministry file is not a Jinhua list')
  t.match(jh.body, CATALOGS.zh['opendata.err.file'])

  const done = await upload(
    sessions.officerDu,
    { format: 'schulgrunddaten' },
    { name: 'schuldaten.csv', content: nrw },
  )
  t.equal(done.statusCode, 200)
  t.match(done.body, CATALOGS.de['opendata.result.title'])
  t.match(done.body, '5 Zeilen gelesen: 3 neu, 0 aktualisiert, 0 unverändert, 2 übersprungen.')
  t.match(done.body, CATALOGS.de['opendata.skip.outside_region'])
  t.match(done.body, CATALOGS.de['opendata.skip.closed'])
  t.match(done.body, 'Datenlizenz Deutschland – Namensnennung – Version 2.0', 'the attribution')
  const again = await upload(
    sessions.admin,
    { format: 'schulgrunddaten' },
    { name: 'schuldaten.csv', content: nrw },
  )
  t.match(again.body, '0 neu, 0 aktualisiert, 3 unverändert', 'idempotent')
})

t.test('coordinators find unclaimed schools and ask to take one over', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/open-data/schools', s)), [
    'sign-in',
    200,
    200,
    200,
    200,
    200,
    200,
  ])
  const list = await webGet(stack, '/open-data/schools?side=duren', sessions.du)
  t.match(list.body, 'Städtisches Gymnasium am Wirteltor')
  t.match(list.body, 'Datenlizenz Deutschland', 'attribution where imported data appears')
  t.match(list.body, CATALOGS.de['opendata.claim.submit'], 'a coordinator gets the claim button')
  const officer = await webGet(stack, '/open-data/schools?side=duren', sessions.officerDu)
  t.notMatch(officer.body, 'action="/open-data/schools/', 'no claim button for the office')
  const id = /action="\/open-data\/schools\/([0-9a-f-]+)\/claim"[\s\S]*?Gymnasium am Wirteltor/.exec(
    (await webGet(stack, '/open-data/schools?q=Wirteltor', teacher)).body,
  )?.[1]
  t.ok(id, 'the Gymnasium has a claim form')

  const noRole = await webPost(stack, `/open-data/schools/${id}/claim`, teacher, { role: '' })
  t.equal(noRole.statusCode, 400)
  t.match(noRole.body, `href="#f-role-${id}"`, 'the error links to the row’s field')
  t.match(noRole.body, `id="f-role-${id}-error"`)
  const officerClaim = await webPost(stack, `/open-data/schools/${id}/claim`, sessions.officerDu, {
    role: 'Amt',
  })
  t.equal(officerClaim.statusCode, 403)
  const sent = await webPost(stack, `/open-data/schools/${id}/claim`, teacher, { role: 'Schulleitung' })
  t.equal(sent.statusCode, 303)
  t.equal(sent.headers.location, '/open-data/schools?notice=claim-sent')
  const after = await webGet(stack, '/open-data/schools?q=Wirteltor', teacher)
  t.match(after.body, CATALOGS.de['opendata.claim.mine'])
  const taken = await webPost(stack, `/open-data/schools/${id}/claim`, sessions.du, { role: 'Lehrerin' })
  t.equal(taken.statusCode, 409)
  t.match(taken.body, CATALOGS.de['opendata.err.taken'])
})

t.test('the office sees the domain hint and confirms', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/officer/open-data/claims', s)), STAFF_ONLY)
  const list = await webGet(stack, '/officer/open-data/claims', sessions.officerDu)
  t.match(list.body, TEACHER)
  t.match(list.body, CATALOGS.de['opendata.claims.match'])
  const claimId = /href="\/officer\/open-data\/claims\/([0-9a-f-]+)"/.exec(list.body)?.[1]
  t.ok(claimId)
  t.same(await matrix((s) => webGet(stack, `/officer/open-data/claims/${claimId}`, s)), [
    'sign-in',
    403,
    403,
    403,
    200,
    404,
    200,
  ])
  const missing = await webPost(stack, `/officer/open-data/claims/${claimId}`, sessions.officerDu, {
    decision: 'refuse',
    reason: '',
  })
  t.equal(missing.statusCode, 400)
  t.match(missing.body, 'href="#f-reason"', 'a refusal needs its reason')
  const ok = await webPost(stack, `/officer/open-data/claims/${claimId}`, sessions.officerDu, {
    decision: 'confirm',
    reason: '',
  })
  t.equal(ok.statusCode, 303)
  t.equal(ok.headers.location, '/officer/open-data/claims?notice=claim-decided')
  const mine = await webGet(stack, '/institutions', teacher)
  t.match(mine.body, 'Städtisches Gymnasium am Wirteltor', 'the teacher now has the school')
  t.match(mine.body, 'href="/open-data/schools"', 'my institutions point to the unclaimed schools')
  const schoolId = /href="\/institutions\/([0-9a-f-]+)">Städtisches Gymnasium/.exec(mine.body)?.[1]
  const profile = await webGet(stack, `/institutions/${schoolId}`, teacher)
  t.equal(profile.statusCode, 200)
  t.match(
    profile.body,
    'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    'the profile names the licence',
  )
})

t.test('in the browser: the pages pass axe and fit 1280 px', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const overflowing = async (s: Session) =>
    (
      await s.page
        .locator('.table-scroll')
        .evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))
    ).filter((x) => x > 1)
  const signIn = async (s: Session, email: string) => {
    await s.page.goto(`${stack.webUrl}/sign-in`)
    await s.page.fill('#f-email', email)
    await s.page.fill('#f-password', PASSWORD)
    await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
    await s.page.waitForURL(`${stack.webUrl}/**`)
  }
  const office = await Session.open(
    browser,
    'de-DE',
    { width: 1280, height: 900 },
    'Europe/Berlin',
    'od-office',
  )
  t.teardown(() => office.close())
  await signIn(office, 'odweb.amt@kreis-dueren.de')
  for (const [path, name] of [
    ['/officer/open-data', 'od-import-de'],
    ['/officer/open-data/claims', 'od-claims-de'],
  ] as const) {
    await office.page.goto(`${stack.webUrl}${path}`)
    const r = await office.audit(name)
    t.same(serious(r.violations), [], `${name}: ${describeViolations(r.violations)}`)
    t.same(await overflowing(office), [], `${name} fits`)
  }
  await office.page.goto(`${stack.webUrl}/officer/open-data`)
  await office.page.setInputFiles('#f-file', { name: 'schuldaten.csv', mimeType: 'text/csv', buffer: nrw })
  await office.page.getByRole('button', { name: CATALOGS.de['opendata.import.submit'], exact: true }).click()
  await office.page.waitForLoadState('load')
  const result = await office.audit('od-result-de')
  t.same(serious(result.violations), [], describeViolations(result.violations))
  t.same(await overflowing(office), [], 'the result fits')

  const coord = await Session.open(
    browser,
    'zh-CN',
    { width: 1280, height: 900 },
    'Asia/Shanghai',
    'od-coord',
  )
  t.teardown(() => coord.close())
  await signIn(coord, 'odweb.laoshi@jinhua-school.cn')
  await coord.page.goto(`${stack.webUrl}/open-data/schools`)
  const list = await coord.audit('od-schools-zh')
  t.same(serious(list.violations), [], describeViolations(list.violations))
  t.same(await overflowing(coord), [], 'the school list fits')
  await coord.page.locator('form.inline-claim button[type="submit"]').first().click()
  await coord.page.waitForLoadState('load')
  const errors = await coord.audit('od-schools-error-zh')
  t.same(serious(errors.violations), [], describeViolations(errors.violations))
})
