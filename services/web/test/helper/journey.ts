import { loadMatcherConfig, type Matcher, PASSWORD, startMatcher } from '@dj/stack'
import type { Browser } from 'playwright-core'
import type { Test } from 'tap'
import { describeViolations, printMetrics, Session, serious } from './browser.js'
import type { Stack } from './stack.js'

export interface JourneyOptions {
  /** Also assert, on every audited page, that the session asked no other host for anything. */
  checkForeignPerPage: boolean
}

/**
 * The browser side of a journey test: the sessions it opened, axe audits, sign-in.
 * `stack` and `browser` are getters because the test file starts them in `t.before`.
 */
export function journey(stack: () => Stack, browser: () => Browser, options: JourneyOptions) {
  const sessions: Session[] = []

  async function open(label: string, locale: string, timezoneId = 'Europe/Berlin') {
    const s = await Session.open(browser(), locale, { width: 1280, height: 900 }, timezoneId, label)
    sessions.push(s)
    return s
  }

  async function audited(t: Test, s: Session, name: string) {
    const { violations } = await s.audit(name)
    const bad = serious(violations)
    t.same(
      bad,
      [],
      `${name}: no serious or critical axe violations`,
      bad.length ? { violations: describeViolations(bad) } : {},
    )
    if (options.checkForeignPerPage)
      t.same(s.foreignRequests, [], `${name}: nothing requested from another host`)
  }

  async function signIn(s: Session, email: string, submit: string) {
    const { webUrl } = stack()
    await s.page.goto(`${webUrl}/sign-in`)
    await s.page.fill('#f-email', email)
    await s.page.fill('#f-password', PASSWORD)
    await s.page.getByRole('button', { name: submit, exact: true }).click()
    await s.page.waitForURL(`${webUrl}/`)
  }

  /** Prints each session's page weights under `title`, then closes it. */
  async function closeSessions(title: string) {
    for (const s of sessions) {
      printMetrics(`${title}: ${s.label}`, s.metrics)
      await s.close()
    }
  }

  return { sessions, open, audited, signIn, closeSessions }
}

/** The real matcher worker on the stack's database and Redis prefix, without its HTTP port. */
export function startStackMatcher(stack: Stack): Promise<Matcher> {
  return startMatcher({
    config: loadMatcherConfig({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: stack.api.db.url,
        REDIS_URL: stack.api.redis.url,
        QUEUE_PREFIX: stack.api.redis.prefix,
        PORT: '0',
      },
      envFile: false,
    }),
    listen: false,
    relayIntervalMs: 100,
  })
}

export interface InstitutionForm {
  side: string
  name: string
  type: string
  municipality: string
}

/** Fills the new-institution form (already open) and submits it; resolves on the created page. */
export async function submitInstitutionForm(s: Session, submit: string, o: InstitutionForm) {
  await s.page.check(`input[name="side"][value="${o.side}"]`)
  await s.page.fill('#f-name', o.name)
  await s.page.selectOption('#f-type', o.type)
  await s.page.selectOption('#f-municipalityId', o.municipality)
  await s.page.getByRole('button', { name: submit }).click()
  await s.page.waitForURL(/\/institutions\/[0-9a-f-]{36}\?notice=institution-created/)
}

/**
 * Fills the new-interest form (already open) with the journeys' hosting interest, without
 * submitting. The ages are parameters so a test can enter them the wrong way round first.
 */
export async function fillInterestForm(s: Session, ages: { min: string; max: string }) {
  await s.page.check('input[name="formats"][value="pupil_exchange_hosting"]')
  await s.page.check('input[name="direction"][value="both"]')
  await s.page.check('input[name="topics"][value="culture"]')
  await s.page.check('input[name="topics"][value="education"]')
  await s.page.fill('#f-ageMin', ages.min)
  await s.page.fill('#f-ageMax', ages.max)
  await s.page.fill('#f-groupMin', '10')
  await s.page.fill('#f-groupMax', '20')
  await s.page.fill('#f-hostingGuests', '20')
  await s.page.selectOption('#f-lang1', 'en')
  await s.page.selectOption('#f-lang2', '')
  await s.page.fill('#f-windowStart', '2027-06-01')
  await s.page.fill('#f-windowEnd', '2027-07-31')
  await s.page.fill('#f-durationMinDays', '7')
  await s.page.fill('#f-durationMaxDays', '14')
}
