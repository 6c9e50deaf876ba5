import { brotliCompressSync } from 'node:zlib'
import { bookedVisit, confirmedPartnership, PASSWORD, type SevenActors } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { formFields, withChanges } from './helper/form-fields.js'
import { accessMatrix, type Reader, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost } from './helper/web-session.js'

// Issue 13, item 1 on the web: "plan the trip" from the workspace, the trip plan page with its
// checklist and progress for the seven readers, the edit form for both institutions (rows added
// without script, a leader only with consent, the other side's save in between refused with the
// stale message), ticking and an own item, German and Chinese renders, the officers' list column,
// and axe in Chromium.

let stack: Stack
let browser: Browser | undefined
let a: SevenActors
let sessions: Sessions
let partnershipId = ''
let visitId = ''
let trip = ''
/** The addresses sevenActors gives the actors signed in through the browser. */
const EMAILS = {
  jh: 'tripweb.laoshi@jinhua-school.cn',
  officerDu: 'tripweb.amt@kreis-dueren.de',
}
const YEAR = new Date().getUTCFullYear() + 2
const START = `${YEAR}-05-10`

t.before(async () => {
  stack = await startStack('trip-web')
  const app = stack.api.app
  ;({ actors: a, sessions } = await sevenReaders(stack, 'tripweb'))
  ;({ partnershipId } = await confirmedPartnership(app, a))
  ;({ visitId } = await bookedVisit(app, a, partnershipId, { start: START, days: 7, groupSize: 14 }))
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)

/** What a browser sends for the edit form as it stands. */
const formOf = (body: string) => formFields(body, /<form method="post" action="[^"]*\/edit"[\s\S]*?<\/form>/)

/** Posts the edit form as it stands on `body`, with some fields changed, by the button `action`. */
function post(s: WebSession, body: string, changes: Record<string, string>, action = 'save') {
  const form = withChanges(formOf(body), changes)
  form.push(['action', action])
  return stack.web.inject({
    method: 'POST',
    url: `${trip}/edit`,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  })
}

/** How far each table of the page scrolls sideways (none should at 1280 px). */
const overflowing = async (s: Session) =>
  (
    await s.page.locator('.table-scroll').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))
  ).filter((x) => x > 1)

const edit = async (who: Reader) => (await webGet(stack, `${trip}/edit`, sessions[who])).body

t.test('the workspace offers to plan the trip of a booked visit; a coordinator plans it', async (t) => {
  const ws = `/partnerships/${partnershipId}/workspace`
  const du = await webGet(stack, ws, sessions.du)
  t.match(du.body, `action="/partnerships/${partnershipId}/visits/${visitId}/trip"`)
  t.match(du.body, CATALOGS.de['trip.wsPlan'])
  const officer = await webGet(stack, ws, sessions.officerJh)
  t.match(officer.body, CATALOGS.zh['trip.wsNotPlanned'] ?? CATALOGS.de['trip.wsNotPlanned'])
  t.notMatch(officer.body, `/visits/${visitId}/trip"`, 'officers do not plan')
  const res = await webPost(stack, `/partnerships/${partnershipId}/visits/${visitId}/trip`, sessions.jh)
  t.equal(res.statusCode, 303, res.body.slice(0, 500))
  const location = String(res.headers.location)
  t.match(location, /\/trips\/[0-9a-f-]{36}\/edit\?notice=trip-created$/)
  trip = location.replace(/\/edit\?.*$/, '')
  const again = await webGet(stack, ws, sessions.du)
  t.match(again.body, `href="${trip}"`, 'the workspace links the plan')
  t.match(again.body, '<progress', 'with its progress')
  t.notMatch(again.body, `/visits/${visitId}/trip"`, 'and no second button')
})

t.test('seven readers on the plan and its edit form', async (t) => {
  t.same(await matrix((s) => webGet(stack, trip, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  t.same(await matrix((s) => webGet(stack, `${trip}/edit`, s)), ['sign-in', 200, 200, 404, 403, 403, 403])
  t.same(await matrix((s) => webPost(stack, `${trip}/checklist/insurance`, s, { done: 'yes' })), [
    'sign-in',
    303,
    303,
    404,
    403,
    403,
    403,
  ])
  await webPost(stack, `${trip}/checklist/insurance`, sessions.du, { done: 'no' })
  t.same(
    await matrix((s) => webPost(stack, `${trip}/edit`, s, { action: 'addDay' })),
    ['sign-in', 200, 200, 404, 403, 403, 403],
    'the edit form’s buttons',
  )
  t.same(
    await matrix((s) => webPost(stack, `${trip}/checklist`, s, { label: 'Stadtplan drucken', dueDate: '' })),
    ['sign-in', 303, 303, 404, 403, 403, 403],
    'adding an own item',
  )
  const other = trip.replace(partnershipId, '00000000-0000-4000-8000-000000000000')
  t.equal((await webGet(stack, other, sessions.du)).statusCode, 404, 'only under its own partnership')
  const officer = await webGet(stack, trip, sessions.officerDu)
  t.notMatch(officer.body, `${trip}/checklist/`, 'officers read only')
  t.match(officer.body, CATALOGS.de['trip.readOnly'])
})

t.test('German and Chinese: the checklist with due dates in the reader’s language', async (t) => {
  const de = await webGet(stack, trip, sessions.du)
  t.match(de.body, CATALOGS.de['trip.item.visa_schengen'])
  t.match(de.body, `29.03.${YEAR}`, 'the Schengen visa six weeks before, as a German date')
  t.match(de.body, CATALOGS.de['trip.noPupilData'])
  t.match(de.body, '<html lang="de"')
  const zh = await webGet(stack, trip, sessions.jh)
  t.match(zh.body, CATALOGS.zh['trip.item.visa_schengen'])
  t.match(zh.body, `${YEAR}年3月29日`)
  t.match(zh.body, /已完成0项，共\d+项/)
  const form = await edit('jh')
  t.match(form, CATALOGS.zh['trip.noPupilData'], 'the form says why no pupil is named')
})

t.test('both sides edit: rows without script, a leader only with consent, the stale message', async (t) => {
  // Düren adds a programme day and a leader (no save), then fills them in and saves.
  let body = await edit('du')
  const withDay = await post(sessions.du, body, {}, 'addDay')
  t.equal(withDay.statusCode, 200)
  t.match(withDay.body, 'name="programme.0.date"')
  const withLeader = await post(sessions.du, withDay.body, { 'programme.0.date': START }, 'addLeader')
  t.match(withLeader.body, 'name="leaders.0.name"')
  const noConsent = await post(sessions.du, withLeader.body, {
    'leaders.0.name': 'Anna Becker',
    'leaders.0.role': 'Lehrerin',
    'programme.0.items.0.title': 'Empfang im Rathaus',
    'group.12-14': '10',
    'group.15-17': '4',
  })
  t.equal(noConsent.statusCode, 422, 'a leader without consent is refused')
  t.match(noConsent.body, /id="f-leaders\.0\.consent"[^>]*aria-invalid="true"/)
  t.match(noConsent.body, CATALOGS.de['trip.err.consent'])
  const saved = await post(sessions.du, noConsent.body, { 'leaders.0.consent': 'yes' })
  t.equal(saved.statusCode, 303, saved.body.slice(0, 3000))
  t.equal(saved.headers.location, `${trip}?notice=trip-saved`)
  const page = await webGet(stack, trip, sessions.jh)
  t.match(page.body, 'Anna Becker')
  t.match(page.body, 'Empfang im Rathaus')

  // Both open the form; Jinhua saves first; Düren's save on the old version is refused.
  const duForm = await edit('du')
  body = await edit('jh')
  const jhSaved = await post(sessions.jh, body, { 'arrival.carrier': 'CA 931', purpose: '共同的环境项目' })
  t.equal(jhSaved.statusCode, 303, 'the Jinhua side edits the same plan')
  const stale = await post(sessions.du, duForm, { 'departure.carrier': 'LH 720' })
  t.equal(stale.statusCode, 409)
  t.match(stale.body, CATALOGS.de['trip.err.stale'].slice(0, 50))
  t.match(stale.body, 'value="LH 720"', 'the entries stay')
  const again = await post(sessions.du, stale.body, {})
  t.equal(again.statusCode, 303, 'sent again on the current version, it saves')

  const wrong = await post(sessions.jh, await edit('jh'), { 'travel.return': `${YEAR}-05-01` })
  t.equal(wrong.statusCode, 422)
  t.match(wrong.body, /id="f-travel\.return"[^>]*aria-invalid="true"/)
  t.match(wrong.body, 'href="#f-travel.return"', 'in the error summary')
})

t.test('tick, untick, an own item; the progress follows; the officers’ list shows it', async (t) => {
  const tick = await webPost(stack, `${trip}/checklist/visa_schengen`, sessions.jh, { done: 'yes' })
  t.equal(tick.statusCode, 303)
  const empty = await webPost(stack, `${trip}/checklist`, sessions.du, { label: '', dueDate: '' })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, /id="f-label"[^>]*aria-invalid="true"/)
  const added = await webPost(stack, `${trip}/checklist`, sessions.du, {
    label: 'Gastgeschenke besorgen',
    dueDate: `${YEAR}-05-01`,
  })
  t.equal(added.statusCode, 303)
  const page = await webGet(stack, trip, sessions.du)
  t.match(page.body, 'Gastgeschenke besorgen')
  // The items: four derived ones, the own one, and a deadline of each fitting funding programme.
  const total = Number(/1 von (\d+) Punkten erledigt/.exec(page.body)?.[1])
  t.ok(total >= 5, `${total} items`)
  // The page-weight test measures every page with its assets on the demo data; here the HTML alone.
  for (const [name, body] of [
    ['plan', page.body],
    ['form', await edit('du')],
  ] as const) {
    const bytes = brotliCompressSync(body).length
    t.comment(`the trip ${name} page: ${body.length} B, ${bytes} B brotli`)
    t.ok(bytes < 8_000, `the ${name} page's HTML is light (${bytes} B brotli)`)
  }
  const list = await webGet(stack, '/officer/partnerships', sessions.officerDu)
  t.equal(list.statusCode, 200)
  t.match(list.body, CATALOGS.de['trip.colChecklist'])
  t.match(list.body, `<td>1/${total}</td>`)
})

t.test('in the browser: the plan and the edit form pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const s = await Session.open(browser, 'zh-CN', { width: 1280, height: 900 }, 'Asia/Shanghai', 'trip')
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', EMAILS.jh)
  await s.page.fill('#f-password', PASSWORD)
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  await s.page.goto(`${stack.webUrl}${trip}`)
  const view = await s.audit('trip-zh')
  t.same(serious(view.violations), [], describeViolations(view.violations))
  t.same(await overflowing(s), [], 'the checklist fits 1280 px')
  await s.page.goto(`${stack.webUrl}${trip}/edit`)
  const form = await s.audit('trip-edit-zh')
  t.same(serious(form.violations), [], describeViolations(form.violations))
  // A row added by its button, without script changing anything.
  await s.page.getByRole('button', { name: CATALOGS.zh['trip.addDay'], exact: true }).click()
  await s.page.waitForLoadState('load')
  t.equal(await s.page.locator('input[name="programme.1.date"]').count(), 1)
  await s.page.fill('#f-group\\.adults', 'x')
  await s.page.getByRole('button', { name: CATALOGS.zh['trip.save'], exact: true }).first().click()
  await s.page.waitForLoadState('load')
  t.match(await s.page.content(), 'href="#f-group.adults"', 'the error summary')
  const errors = await s.audit('trip-edit-errors-zh')
  t.same(serious(errors.violations), [], describeViolations(errors.violations))
})

t.test('in the browser: the officers’ list with its checklist column fits 1280 px', async (t) => {
  if (!browser) {
    t.fail('no browser')
    return
  }
  const s = await Session.open(
    browser,
    'de-DE',
    { width: 1280, height: 900 },
    'Europe/Berlin',
    'trip-officer',
  )
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', EMAILS.officerDu)
  await s.page.fill('#f-password', PASSWORD)
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/**`)
  await s.page.goto(`${stack.webUrl}/officer/partnerships`)
  const list = await s.audit('trip-officer-list-de')
  t.same(serious(list.violations), [], describeViolations(list.violations))
  t.same(await overflowing(s), [], 'no table scrolls sideways')
})
