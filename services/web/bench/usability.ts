// Usability pass (issue 16): three main journeys walked the way a person would, on the demo data,
// counting the steps (pages opened and forms submitted) and timing them. It prints figures and
// asserts nothing about time. Run: node --import tsx services/web/bench/usability.ts
import { meetings, partnerships, proposals } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { hashPassword, loadDemoPopulation } from '@dj/stack'
import type { Page } from 'playwright-core'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, Session } from '../test/helper/browser.js'
import { emailedToken, startStack } from '../test/helper/stack.js'

const DE = CATALOGS.de
const DEMO_PASSWORD = 'demo-password-2026'

interface Figures {
  journey: string
  pagesOpened: number
  formsSubmitted: number
  ms: number
  note: string
}

/** Counts the navigations a person starts: GET = a page opened, POST = a form submitted. */
function counter(page: Page) {
  const c = { gets: 0, posts: 0 }
  page.on('request', (r) => {
    if (!r.isNavigationRequest() || r.frame() !== page.mainFrame() || r.redirectedFrom()) return
    if (r.method() === 'POST') c.posts += 1
    else c.gets += 1
  })
  return c
}

async function walk(name: string, page: Page, steps: () => Promise<string>): Promise<Figures> {
  const c = counter(page)
  const started = performance.now()
  const note = await steps()
  const ms = Math.round(performance.now() - started)
  return { journey: name, pagesOpened: c.gets, formsSubmitted: c.posts, ms, note }
}

const stack = await startStack('usability')
const browser = await launch()
const db = stack.api.app.db
const out: Figures[] = []
try {
  const pop = generateDemoPopulation({ seed: 20260101, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  await db.transaction((tx) => loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }))
  const web = stack.webUrl
  const click = async (p: Page, selector: string) => {
    await Promise.all([p.waitForNavigation(), p.locator(selector).first().click()])
  }

  // 1. register → first interest
  const s1 = await Session.open(browser, 'de-DE')
  out.push(
    await walk('register → first interest', s1.page, async () => {
      const p = s1.page
      await p.goto(`${web}/register`)
      await p.fill('#f-name', 'Jana Becker')
      await p.fill('#f-email', 'jana.becker@realschule-linnich.example')
      await p.fill('#f-password', 'Ein langer Satz als Passwort')
      await p.fill('#f-timeZone', 'Europe/Berlin')
      await click(p, 'main button[type="submit"]')
      const token = await emailedToken(
        stack,
        'jana.becker@realschule-linnich.example',
        'auth.email_verification_requested',
      )
      await p.goto(`${web}/verify-email?token=${encodeURIComponent(token)}`)
      await click(p, 'main button[type="submit"]')
      await p.fill('#f-email', 'jana.becker@realschule-linnich.example')
      await p.fill('#f-password', 'Ein langer Satz als Passwort')
      await click(p, 'main button[type="submit"]')
      const direct = await p.locator('main a[href="/institutions/new"]').count()
      if (!direct) await click(p, 'nav a[href="/institutions"]')
      await click(p, 'main a[href="/institutions/new"]')
      await p.check('input[name="side"][value="duren"]')
      await p.fill('#f-name', 'Realschule Linnich')
      await p.selectOption('#f-type', 'school:realschule')
      await p.selectOption('#f-municipalityId', 'dn-linnich')
      await click(p, 'main button[type="submit"]')
      await click(p, 'main a[href$="/interests/new"]')
      await p.check('input[name="formats"][value="pupil_exchange_hosting"]')
      await p.check('input[name="direction"][value="both"]')
      await p.check('input[name="topics"][value="culture"]')
      await p.fill('#f-ageMin', '12')
      await p.fill('#f-ageMax', '16')
      await p.fill('#f-groupMin', '10')
      await p.fill('#f-groupMax', '20')
      await p.fill('#f-hostingGuests', '20')
      await p.selectOption('#f-lang1', 'en')
      await p.fill('#f-windowStart', '2027-06-01')
      await p.fill('#f-windowEnd', '2027-07-31')
      await p.fill('#f-durationMinDays', '7')
      await p.fill('#f-durationMaxDays', '14')
      await click(p, 'main form[action$="/interests/new"] button[type="submit"]')
      return /notice=interest-created/.test(p.url()) ? 'interest saved' : `ended on ${p.url()}`
    }),
  )
  await s1.close()

  // 2. search → express interest (a demo coordinator types a topic word first, as people do)
  const s2 = await Session.open(browser, 'de-DE')
  const signIn = async (p: Page, email: string) => {
    await p.goto(`${web}/sign-in`)
    await p.fill('#f-email', email)
    await p.fill('#f-password', DEMO_PASSWORD)
    await click(p, 'main button[type="submit"]')
  }
  await signIn(s2.page, 'coordinator.dn1@demo.invalid')
  out.push(
    await walk('search → express interest', s2.page, async () => {
      const p = s2.page
      await click(p, 'nav a[href="/search"]')
      await p.fill('#f-q', DE['topic.culture'])
      await click(p, 'form[role="search"] button[type="submit"]')
      let note = `"${DE['topic.culture']}" found ${await p.locator('article.card').count()} cards`
      if ((await p.locator('article.card').count()) === 0) {
        await p.fill('#f-q', '')
        await p.selectOption('#f-topic', 'culture')
        await click(p, 'form[role="search"] button[type="submit"]')
        note += `; topic filter found ${await p.locator('article.card').count()}`
      }
      await click(p, 'article.card form[action$="/express"] button[type="submit"]')
      const main = await p.locator('main').innerText()
      return `${note}; ${main.includes(DE['notice.interestExpressed']) ? 'confirmed on screen' : 'no message'}`
    }),
  )
  await s2.close()

  // 3. pick a meeting slot: a confirmed partnership of dn1's school with a proposed intro meeting
  const dn1 = await stack.api.app.dbHandle.sql<{ institution_id: string }[]>`
    select m.institution_id from memberships m join users u on u.id = m.user_id
    where u.email = 'coordinator.dn1@demo.invalid'`
  const own = dn1[0]!.institution_id
  const [mine] = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from interests where institution_id = ${own} limit 1`
  const [theirs] = await stack.api.app.dbHandle.sql<{ id: string; institution_id: string }[]>`
    select i.id, i.institution_id from interests i join institutions n on n.id = i.institution_id
    where n.side = 'jinhua' and n.status = 'verified' order by n.name limit 1`
  const [prop] = await db
    .insert(proposals)
    .values({
      interestA: mine!.id,
      interestB: theirs!.id,
      institutionA: own,
      institutionB: theirs!.institution_id,
      score: 0.8,
      status: 'confirmed',
      explanation: [{ criterion: 'topics', raw: 1, weight: 0.8, contribution: 0.8 }],
    })
    .returning()
  const [ps] = await db
    .insert(partnerships)
    .values({
      proposalId: prop!.id,
      interestA: mine!.id,
      interestB: theirs!.id,
      institutionA: own,
      institutionB: theirs!.institution_id,
    })
    .returning()
  const meetingId = crypto.randomUUID()
  const start = Date.UTC(new Date().getUTCFullYear() + 1, 0, 12, 8)
  await db.insert(meetings).values({
    id: meetingId,
    partnershipId: ps!.id,
    institutionA: own,
    institutionB: theirs!.institution_id,
    title: 'Kennenlernen',
    status: 'proposed',
    slots: [0, 1, 2].map((d) => ({
      start: new Date(start + d * 86_400_000).toISOString(),
      end: new Date(start + d * 86_400_000 + 3_600_000).toISOString(),
      allInsideWorkingHours: true,
      participants: [],
    })),
    uid: `meeting-${meetingId}@dueren-jinhua.exchange`,
    organizerEmail: 'termine@dueren-jinhua.example',
  })
  const s3 = await Session.open(browser, 'de-DE')
  await signIn(s3.page, 'coordinator.dn1@demo.invalid')
  out.push(
    await walk('pick a meeting slot', s3.page, async () => {
      const p = s3.page
      // The shortest way a person finds: a link on the start page, else via the proposals.
      if ((await p.locator(`main a[href="/meetings/${meetingId}"]`).count()) === 0) {
        await click(p, 'nav a[href="/proposals"]')
        await click(p, `a[href="/partnerships/${ps!.id}/schedule"]`)
      }
      await click(p, `main a[href="/meetings/${meetingId}"]`)
      await p.locator('input[name="slotIndex"]').first().check()
      await click(p, `form[action="/meetings/${meetingId}/choose"] button[type="submit"]`)
      const [m] = await stack.api.app.dbHandle.sql<{ status: string }[]>`
        select status from meetings where id = ${meetingId}`
      return `meeting ${m?.status}`
    }),
  )
  await s3.close()
} finally {
  await browser.close()
  await stack.close()
}
console.log('journey                        pages opened  forms submitted  steps   wall ms  outcome')
for (const f of out)
  console.log(
    `${f.journey.padEnd(30)} ${String(f.pagesOpened).padStart(12)} ${String(f.formsSubmitted).padStart(16)} ${String(f.pagesOpened + f.formsSubmitted).padStart(6)} ${String(f.ms).padStart(9)}  ${f.note}`,
  )
