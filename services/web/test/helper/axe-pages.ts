import { PASSWORD } from '@dj/stack'
import type { Browser } from 'playwright-core'
import type { Test } from 'tap'
import { describeViolations, Session, serious } from './browser.js'

/** Signs in through the web's own form, as a person does, and waits for the home page. */
export async function browserSignIn(s: Session, webUrl: string, email: string): Promise<void> {
  await s.page.goto(`${webUrl}/sign-in`)
  await s.page.fill('#f-email', email)
  await s.page.fill('#f-password', PASSWORD)
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${webUrl}/`)
}

/** Who reads which page in which locale (null: nobody signed in), and the audit's name. */
export type AuditedPage = readonly [email: string | null, path: string, locale: string, name: string]

/**
 * Each page in a fresh browser session at 1280 px: no serious axe violation, nothing from another
 * host, and no sideways scrolling.
 */
export async function auditPages(
  t: Test,
  browser: Browser,
  webUrl: string,
  pages: readonly AuditedPage[],
): Promise<void> {
  for (const [email, path, locale, name] of pages) {
    const s = await Session.open(browser, locale, { width: 1280, height: 900 }, 'Europe/Berlin', name)
    if (email) await browserSignIn(s, webUrl, email)
    await s.page.goto(`${webUrl}${path}`)
    const audit = await s.audit(name)
    t.same(serious(audit.violations), [], `${name}: ${describeViolations(audit.violations)}`)
    t.same(s.foreignRequests, [], `${name}: nothing from another host`)
    const wide = await s.page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(wide <= 1280, `${name}: fits 1280 px (${wide})`)
    await s.close()
  }
}
