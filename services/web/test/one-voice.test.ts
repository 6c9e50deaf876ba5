// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import { matchRounds, proposals, visitPlans } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { hashPassword, loadDemoPopulation } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, printMetrics, Session, serious } from './helper/browser.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 16, findings 5–11 on the demo data: no contradiction on screen, no silent no-op, CSV
// import as officers write it, search by words, no internals, one voice per language.
let stack: Stack
let browser: Browser
const sessions: Session[] = []
const DE = CATALOGS.de
const ZH = CATALOGS.zh
const PASSWORD = 'demo-password-2026'
let roundId = ''
let planId = ''
let dn1Institution = ''

const sql = () => stack.api.app.dbHandle.sql
async function institutionOf(email: string) {
  const [row] = await sql()<{ id: string }[]>`
    select m.institution_id as id from memberships m join users u on u.id = m.user_id where u.email = ${email}`
  return row!.id
}

t.before(async () => {
  stack = await startStack('one-voice')
  const pop = generateDemoPopulation({ seed: 20260101, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword(PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const db = stack.api.app.db
  await db.transaction((tx) => loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }))
  // A welfare round whose best pairs all exist already: nothing new, a total score beside it.
  const [round] = await db
    .insert(matchRounds)
    .values({
      policy: 'welfare',
      status: 'done',
      progress: 100,
      summary: {
        interests: { duren: 120, jinhua: 1100 },
        interestsMatched: 0,
        proposals: 0,
        lockedPairs: 3,
        totalScore: 0,
        meanScore: 0,
        tradeOff: { stableTotal: 297.71, welfareTotal: 298.1, stableGivesUp: 0.39 },
      },
      startedAt: new Date(),
      finishedAt: new Date(),
    })
    .returning({ id: matchRounds.id })
  roundId = round!.id
  // A proposal from mutual interest (no score, no explanation) for the first Düren coordinator.
  dn1Institution = await institutionOf('coordinator.dn1@demo.invalid')
  const [mine] = await sql()<{ id: string }[]>`
    select id from interests where institution_id = ${dn1Institution} order by created_at, id limit 1`
  const [other] = await sql()<{ id: string; institution_id: string }[]>`
    select x.id, x.institution_id from interests x join institutions i on i.id = x.institution_id
    where i.side = 'jinhua' and i.status = 'verified' and x.status = 'open'
      and i.id not in (select institution_id from memberships) order by i.name desc limit 1`
  await db.insert(proposals).values({
    origin: 'expressed',
    interestA: mine!.id,
    interestB: other!.id,
    institutionA: dn1Institution,
    institutionB: other!.institution_id,
    status: 'accepted',
    explanation: [],
  })
  // A visit plan of dn1's partnership that found no window, with a gap in the holiday data.
  const [ps] = await sql()<{ id: string; b: string }[]>`
    select id, institution_b as b from partnerships where institution_a = ${dn1Institution} limit 1`
  const [plan] = await db
    .insert(visitPlans)
    .values({
      partnershipId: ps!.id,
      hostInstitutionId: dn1Institution,
      travellerInstitutionId: ps!.b,
      direction: 'jinhua_to_duren',
      days: 7,
      groupSize: 12,
      rangeStart: '2027-07-01',
      rangeEnd: '2027-07-10',
      windows: [],
      rejected: [],
      coverageGaps: [{ calendarId: 'cn-public', gaps: [{ start: '2027-07-01', end: '2027-07-10' }] }],
    })
    .returning({ id: visitPlans.id })
  planId = plan!.id
  browser = await launch()
})
t.teardown(async () => {
  for (const s of sessions) {
    printMetrics(`one voice: ${s.label}`, s.metrics)
    await s.close()
  }
  await browser?.close()
  await stack?.close()
})

async function signedIn(label: string, email: string, locale = 'de-DE', zone = 'Europe/Berlin') {
  const s = await Session.open(browser, locale, { width: 1280, height: 900 }, zone, label)
  sessions.push(s)
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', email)
  await s.page.fill('#f-password', PASSWORD)
  await s.page.locator('main button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  return s
}

async function audited(t: Test, s: Session, name: string) {
  const { violations } = await s.audit(name)
  const bad = serious(violations)
  t.same(bad, [], `${name}: no serious axe violations`, bad.length ? { v: describeViolations(bad) } : {})
}

const main = (s: Session) => s.page.locator('main').innerText()

t.test('5: a round with nothing new says why; a plan without windows does not say "found"', async (t) => {
  const s = await signedIn('officer', 'officer.dueren@demo.invalid')
  await s.page.goto(`${stack.webUrl}/officer/rounds/${roundId}`)
  const text = await main(s)
  t.match(text, DE['round.allLocked'].replace('{locked}', '3'), 'says every best pair exists already')
  t.notMatch(text, /mittlere Passung 0/, 'no "mean fit 0 %"')
  t.match(text, /297,71/, 'German decimals with a comma')
  t.notMatch(text, /297\.71/)
  await audited(t, s, 'round-nothing-new')

  const c = await signedIn('dn1', 'coordinator.dn1@demo.invalid')
  await c.page.goto(`${stack.webUrl}/visit-plans/${planId}?notice=visit-plan-created`)
  const plan = await main(c)
  t.match(plan, DE['sched.noWindows'])
  t.notMatch(plan, /gefunden/, 'the notice does not claim windows were found')
  t.notMatch(plan, /cn-public/, 'calendars by name, not by id')
  t.match(plan, DE['calendarName.cn-public'])
  await c.page.goto(
    `${stack.webUrl}/partnerships/${(await sql()<{ id: string }[]>`select partnership_id as id from visit_plans where id = ${planId}`)[0]!.id}/visit-plans/new`,
  )
  t.equal(
    await c.page.locator('#f-rangeStart-hint').innerText(),
    DE['sched.rangeHint'],
    'the date hint is about the visit, not the exchange interest',
  )

  await c.page.goto(`${stack.webUrl}/proposals`)
  const mutual = c.page.locator('article.card', { has: c.page.locator('[data-why-mutual]') })
  t.equal(await mutual.count(), 1, 'the proposal from mutual interest says why instead of an empty heading')
  t.match(await mutual.innerText(), DE['proposal.whyMutual'])
  await audited(t, c, 'proposals-mutual')
})

t.test('6: a second expression of interest says so; limits are stated', async (t) => {
  const s = await signedIn('dn2', 'coordinator.dn2@demo.invalid')
  await s.page.goto(`${stack.webUrl}/search?topic=culture`)
  const form = s.page.locator('article.card form[action$="/express"]').first()
  const action = await form.getAttribute('action')
  const send = async () => {
    await s.page.goto(`${stack.webUrl}/search?topic=culture&notice=interest-expressed`)
    await Promise.all([
      s.page.waitForURL(/notice=/),
      s.page.locator(`form[action="${action}"] button[type="submit"]`).click(),
    ])
  }
  await send()
  t.match(await main(s), DE['notice.interestExpressed'])
  t.equal(new URL(s.page.url()).searchParams.getAll('notice').length, 1, 'one notice in the address')
  const card = s.page.locator('article.card', {
    has: s.page.locator(`form[action="${action}"], [data-sent]`),
  })
  t.ok((await s.page.locator('[data-sent]').count()) >= 1, 'the card shows that interest was sent')
  t.match(await card.first().innerText(), DE['search.sent'])
  // The form is gone for that interest (only one own interest): post it again by hand.
  const res = await s.page.request.post(`${stack.webUrl}${action}`, {
    form: {
      _csrf: (await s.page.locator('input[name="_csrf"]').first().inputValue()) ?? '',
      fromInterestId: (
        await sql()<{ id: string }[]>`
        select from_interest_id as id from interest_expressions order by created_at desc limit 1`
      )[0]!.id,
      back: '/search?topic=culture',
    },
  })
  t.match(res.url(), /notice=interest-already-sent/, 'the second time says it was sent already')
  t.match(await res.text(), DE['notice.interestAlreadySent'])

  // dn1 has an open proposal to decline.
  const d = await signedIn('dn1 decline', 'coordinator.dn1@demo.invalid')
  await d.page.goto(`${stack.webUrl}/proposals`)
  const decline = d.page.locator('article.card details').first()
  await decline.locator('summary').click()
  const hint = decline.locator('[data-limit-for]')
  t.match(await hint.innerText(), /2\.000/, 'the limit is stated')
  await decline.locator('textarea').fill('x'.repeat(2100))
  t.match(await hint.innerText(), /2\.000 von 2\.000 Zeichen/, 'a live count')
  t.match(await hint.innerText(), DE['field.limitReached'], 'reaching the limit is said')

  // An over-long name: the error states the limit.
  await s.page.goto(
    `${stack.webUrl}/institutions/${await institutionOf('coordinator.dn2@demo.invalid')}/edit`,
  )
  await s.page.fill('#f-nameZh', '名'.repeat(301))
  await Promise.all([
    s.page.waitForLoadState('load'),
    s.page.locator('main form button[type="submit"]').first().click(),
  ])
  await s.page.waitForLoadState('load')
  t.match(
    await s.page.locator('.error-summary').innerText(),
    /höchstens 300 Zeichen/,
    'the error names the limit',
  )
})

t.test('7: CSV import: four columns, semicolons, errors in German, an empty file', async (t) => {
  const s = await signedIn('officer csv', 'officer.dueren@demo.invalid')
  await s.page.goto(`${stack.webUrl}/officer/imports`)
  await s.page.setInputFiles('#f-file', { name: 'leer.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })
  await Promise.all([
    s.page.waitForLoadState('load'),
    s.page.locator('main form button[type="submit"]').click(),
  ])
  await s.page.waitForLoadState('load')
  t.match(await main(s), DE['err.csvEmpty'], 'an empty file is called empty')
  // German Excel: semicolons; only the four required columns; one row with a bad town.
  const csv = [
    'external_key;name;kind;municipality',
    'dn-x1;Realschule Linnich;school;Linnich',
    'dn-x2;"Musikverein Titz; Jugend";club;Titz',
    'dn-x3;Grundschule Nirgendwo;school;Atlantis',
  ].join('\r\n')
  await s.page.setInputFiles('#f-file', {
    name: 'schulen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  await Promise.all([
    s.page.waitForURL(/\/officer\/imports\/[0-9a-f-]{36}\?notice=import-started/),
    s.page.locator('main form button[type="submit"]').click(),
  ])
  const { handleRegistryEvent } = await import('@dj/stack')
  const [row] = await sql()<{ id: string; payload: { type: 'import.requested'; importId: string } }[]>`
    select id, payload from outbox where event_type = 'import.requested' order by created_at desc limit 1`
  await handleRegistryEvent(stack.api.app.db, { outboxId: row!.id, event: row!.payload } as never)
  await s.page.reload()
  const text = await main(s)
  t.equal(await s.page.locator('tbody tr').count(), 1, 'only the row with the unknown town fails')
  t.match(text, DE['importErr.municipality'].replace('{value}', 'Atlantis'), 'the reason in German')
  t.notMatch(text, /subtype must be one of|not a municipality/, 'no English reason')
  const [made] = await sql()<{ n: number }[]>`
    select count(*)::int as n from institutions where external_key in ('dn-x1', 'dn-x2')`
  t.equal(made!.n, 2, 'the rows with the four columns were imported')
  await audited(t, s, 'import-report-de')
})

t.test('8: search by words in the reader language, one card per institution', async (t) => {
  const s = await signedIn('dn3 search', 'coordinator.dn3@demo.invalid')
  for (const [q, what] of [
    ['Wasserstoff', 'a topic word'],
    ['金华', 'the region README cites'],
    ['Lanxi', 'a county by name'],
  ] as const) {
    await s.page.goto(`${stack.webUrl}/search?q=${encodeURIComponent(q)}`)
    t.ok((await s.page.locator('article.card').count()) > 0, `"${q}" finds partners (${what})`)
  }
  await s.page.goto(`${stack.webUrl}/search?q=Wasserstoff`)
  const ids = await s.page
    .locator('article.card h3 a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  t.equal(new Set(ids).size, ids.length, 'one card per institution')
  t.ok(
    ids.every((h) => /^\/institutions\/[0-9a-f-]{36}$/.test(h ?? '')),
    'each card links to the profile',
  )
  t.ok((await s.page.locator('article.card section.hit').count()) >= ids.length, 'interests inside the card')
  // German readers see German names of Chinese institutions; nothing says "machine translation".
  t.match(await s.page.locator('article.card h3').first().innerText(), /[A-Za-zÄÖÜäöü]/)
  await audited(t, s, 'search-words')
  await s.page.goto(`${stack.webUrl}/search?q=Quidditch`)
  const none = await s.page.locator('[data-search-none]').innerText()
  t.notMatch(none, /Filter/, 'no "try fewer filters" when no filter is set')
  t.match(none, /Quidditch/)
  t.equal((await s.page.goto(`${stack.webUrl}${ids[0]}`))?.status(), 200, 'the partner profile opens')
  t.notMatch(await main(s), new RegExp(DE['inst.machine']), 'no machine-translation label')
})

t.test('9: the admin sees words, not ids; the queue board is linked', async (t) => {
  const s = await signedIn('admin', 'admin@demo.invalid')
  t.equal(await s.page.locator('header a[href="/admin/queues"]').count(), 1, 'queue board in the navigation')
  // An officer's verification leaves an audit line with the institution's name.
  const o = await signedIn('officer audit', 'officer.dueren@demo.invalid')
  await o.page.goto(`${stack.webUrl}/officer/queue`)
  const first = o.page.locator('tbody tr').first()
  const name = (await first.locator('th, td').first().innerText()).trim()
  await Promise.all([
    o.page.waitForURL(/notice=institution-verified/),
    first.getByRole('button', { name: new RegExp(DE['queue.verify']) }).click(),
  ])
  await o.page.goto(`${stack.webUrl}/officer/audit`)
  const line = await o.page.locator('tbody tr').first().innerText()
  t.match(line, DE['auditAction.institution.verify'])
  t.match(line, name, 'names the institution')
  t.notMatch(line, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no raw id')
  t.notMatch(line, /institution\.verify/, 'no action code')
  const anon = await fetch(`${stack.apiUrl}/admin/queues`)
  t.equal(anon.status, 401)
  t.match(anon.headers.get('content-type'), /application\/problem\+json/)
  const body = await anon.text()
  t.notMatch(body, /ERRORS\.|stack|\/work\//, 'no internals')
})

t.test('10: formats and words', async (t) => {
  const zh = await signedIn('jh1 zh', 'coordinator.jh1@demo.invalid', 'zh-CN', 'Asia/Shanghai')
  const [m] = await sql()<{ id: string }[]>`
    select x.id from meetings x where x.status = 'proposed'
      and ${await institutionOf('coordinator.jh1@demo.invalid')} in (x.institution_a, x.institution_b) limit 1`
  await zh.page.goto(`${stack.webUrl}/meetings/${m!.id}`)
  const slots = await zh.page.locator('input[name="slotIndex"] + label').allInnerTexts()
  t.match(
    slots[0],
    /^\d{4}年\d{1,2}月\d{1,2}日 星期.+ \d{2}:\d{2}–\d{2}:\d{2}（北京时间）$/,
    'Chinese date, zone named once',
  )
  const title = await zh.page.locator('h1').innerText()
  t.match(title, /^初次会面：/, 'the meeting title in Chinese only')
  t.notMatch(title, /Kennenlernen|Intro/)
  t.notMatch(await main(zh), /Asia\/Shanghai|GMT\+8/, 'no zone ids')
  await zh.page.goto(`${stack.webUrl}/proposals`)
  t.notMatch(await main(zh), /\d %/, 'one percent style: 65%')
  await zh.page.goto(`${stack.webUrl}/institutions`)
  t.equal(
    await zh.page.locator('thead th').first().innerText(),
    ZH['col.instName'],
    '名称 for an institution',
  )
  await audited(t, zh, 'meeting-zh')

  const simple = await signedIn('dn4 simple', 'coordinator.dn4@demo.invalid')
  await simple.page.locator(`button[name="locale"][value="de-simple"]`).click()
  await simple.page.waitForLoadState('load')
  await simple.page.goto(`${stack.webUrl}/profile`)
  const profileLink = await simple.page.locator('header a[href="/profile"]').innerText()
  const privacy = await simple.page.locator('a[href="/profile/data"]').first().innerText()
  t.not(profileLink, privacy, 'Einfache Sprache: "Profil" and "Meine Daten" are told apart')
})

t.test('12: the admin navigation fits one line, tables fit 1280 px, the phone header is short', async (t) => {
  const s = await signedIn('admin layout', 'admin@demo.invalid')
  await audited(t, s, 'admin-nav-1280')
  const tops = await s.page
    .locator('.main-nav li')
    .evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)))
  t.ok(tops.length >= 8, `${tops.length} admin links`)
  t.equal(new Set(tops).size, 1, `the admin navigation is one line (tops ${[...new Set(tops)].join(', ')})`)
  for (const path of ['/admin/users', '/officer/stats']) {
    await s.page.goto(`${stack.webUrl}${path}`)
    const overflow = await s.page
      .locator('.table-scroll')
      .evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))
    t.ok(overflow.length > 0, `${path} has tables`)
    t.same(
      overflow.filter((x) => x > 1),
      [],
      `${path}: no table scrolls sideways at 1280 px`,
    )
    t.ok(
      (await s.page.evaluate(() => document.documentElement.scrollWidth)) <= 1280,
      `${path}: the page itself does not scroll sideways`,
    )
  }
  const phone = await Session.open(browser, 'de-DE', { width: 375, height: 740 }, 'Europe/Berlin', 'phone')
  sessions.push(phone)
  await phone.page.goto(`${stack.webUrl}/sign-in`)
  await phone.page.fill('#f-email', 'coordinator.dn1@demo.invalid')
  await phone.page.fill('#f-password', PASSWORD)
  await phone.page.locator('main button[type="submit"]').click()
  await phone.page.waitForURL(`${stack.webUrl}/`)
  const header = await phone.page.locator('header.site-header').boundingBox()
  t.ok(
    header && header.height <= 120,
    `the phone header is ${Math.round(header?.height ?? 0)} px high (≤ 120)`,
  )
  const toggle = phone.page.locator('.menu-toggle')
  t.equal(await toggle.getAttribute('aria-expanded'), 'false')
  await toggle.click()
  t.ok(await phone.page.locator('.main-nav a[href="/search"]').isVisible(), 'the menu opens')
  await audited(t, phone, 'phone-menu-open')
})
