// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes
import type { Browser } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS, LANG_TAG, LOCALES } from '../src/i18n/index.js'
import { describeViolations, launch, printMetrics, Session, serious } from './helper/browser.js'
import { emailedToken, type Stack, startStack } from './helper/stack.js'

let stack: Stack
let browser: Browser
let s: Session
t.before(async () => {
  stack = await startStack('auth-journey')
  browser = await launch()
  s = await Session.open(browser)
})
t.teardown(async () => {
  printMetrics('coordinator journey', s.metrics)
  await s.close()
  await browser.close()
  await stack.close()
})

const EMAIL = 'anna.schmidt@gymnasium-dueren.example'
const PASSWORD = 'Ein langer Satz als Passwort'
const NEW_PASSWORD = 'Noch ein langer neuer Satz'

const go = (path: string) => s.page.goto(stack.webUrl + path)

async function audited(t: Test, name: string) {
  const { violations } = await s.audit(name)
  const bad = serious(violations)
  t.same(
    bad,
    [],
    `${name}: no serious or critical axe violations`,
    bad.length ? { violations: describeViolations(bad) } : {},
  )
}

const h1 = () => s.page.locator('h1').first().innerText()
const htmlLang = () => s.page.locator('html').getAttribute('lang')

t.test('home page for visitors', async (t) => {
  await go('/')
  t.equal(await htmlLang(), 'de', 'German for a de-DE browser')
  t.equal(await h1(), CATALOGS.de['home.title'])
  await audited(t, 'home')
  // Keyboard: the first Tab stop is the skip link, and it leads to the main content.
  await s.page.keyboard.press('Tab')
  t.equal(await s.page.evaluate(() => document.activeElement?.className), 'skip-link')
  await s.page.keyboard.press('Enter')
  t.equal(await s.page.evaluate(() => document.activeElement?.id), 'main', 'skip link moves focus to <main>')
})

t.test('register: errors are summarised and tied to their fields, then it works', async (t) => {
  await go('/register')
  await audited(t, 'register')
  await s.page.getByRole('button', { name: CATALOGS.de['register.submit'] }).click()
  await s.page.waitForLoadState('load')
  const summary = s.page.locator('.error-summary')
  t.ok(await summary.isVisible(), 'error summary shown')
  t.equal(
    await s.page.evaluate(() => document.activeElement?.classList.contains('error-summary')),
    true,
    'focus on summary',
  )
  t.match(await s.page.title(), /^Fehler: /, 'title says there is an error')
  const email = s.page.locator('#f-email')
  t.equal(await email.getAttribute('aria-invalid'), 'true')
  t.match(await email.getAttribute('aria-describedby'), /f-email-error/)
  t.equal(await summary.locator('a[href="#f-email"]').count(), 1, 'summary links to the field')
  await audited(t, 'register-errors')

  // A password the API rejects: its problem+json errors[].field lands on the password field.
  await s.page.fill('#f-name', 'Anna Schmidt')
  await s.page.fill('#f-email', EMAIL)
  await s.page.fill('#f-password', 'kurz')
  await s.page.fill('#f-timeZone', 'Europe/Berlin')
  await s.page.getByRole('button', { name: CATALOGS.de['register.submit'] }).click()
  await s.page.waitForLoadState('load')
  t.equal(await s.page.locator('#f-password').getAttribute('aria-invalid'), 'true')
  t.equal(
    await s.page.locator('#f-password-error').textContent(),
    `${CATALOGS.de['form.errorPrefix']}: ${CATALOGS.de['err.passwordShort']}`,
  )
  t.equal(await s.page.locator('#f-email').inputValue(), EMAIL, 'typed values are kept')
  t.equal(await s.page.locator('#f-password').inputValue(), '', 'passwords are never echoed back')

  await s.page.fill('#f-password', PASSWORD)
  await s.page.getByRole('button', { name: CATALOGS.de['register.submit'] }).click()
  await s.page.waitForURL(/\/register\/done/)
  t.equal(await h1(), CATALOGS.de['registered.title'])
  await audited(t, 'registered')
})

t.test('verify email with the emailed link, then sign in', async (t) => {
  const token = await emailedToken(stack, EMAIL, 'auth.email_verification_requested')
  await go(`/verify-email?token=${encodeURIComponent(token)}`)
  await audited(t, 'verify-email')
  await s.page.getByRole('button', { name: CATALOGS.de['verify.submit'] }).click()
  await s.page.waitForURL(/\/sign-in\?notice=verified/)
  t.equal(await s.page.locator('.notice').innerText(), CATALOGS.de['notice.verified'])
  await audited(t, 'sign-in')

  await s.page.fill('#f-email', EMAIL)
  await s.page.fill('#f-password', 'wrong password entirely')
  await s.page.getByRole('button', { name: CATALOGS.de['signIn.submit'] }).click()
  await s.page.waitForLoadState('load')
  t.match(await s.page.locator('.error-summary').innerText(), CATALOGS.de['err.invalidCredentials'])

  await s.page.fill('#f-password', PASSWORD)
  await s.page.getByRole('button', { name: CATALOGS.de['signIn.submit'] }).click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  t.equal(await h1(), CATALOGS.de['dash.title'])
  const cookie = (await s.context.cookies()).find((c) => c.name === 'dj_session')
  t.ok(cookie?.httpOnly, 'session cookie is httpOnly')
  t.equal(cookie?.sameSite, 'Lax')
  t.notMatch(cookie?.value ?? '', /eyJ/, 'the cookie does not expose the JWT')
  await audited(t, 'dashboard')
})

t.test('profile: dates in the reader zone, edits saved', async (t) => {
  await go('/profile')
  t.equal(await h1(), CATALOGS.de['profile.title'])
  t.match(await s.page.locator('dd time').innerText(), /^\d\d\.\d\d\.\d{4}, \d\d:\d\d (MEZ|MESZ)$/)
  await audited(t, 'profile')
  await s.page.fill('#f-displayName', 'Anna S.')
  await s.page.fill('#f-timeZone', 'Asia/Shanghai')
  await s.page.getByRole('button', { name: CATALOGS.de['profile.save'] }).click()
  await s.page.waitForURL(/notice=profile-saved/)
  t.equal(await s.page.locator('.notice').innerText(), CATALOGS.de['notice.profileSaved'])
  t.match(await s.page.locator('dd time').innerText(), /\d\d:\d\d Chinesische Normalzeit$/)
  await s.page.fill('#f-timeZone', 'Mars/Olympus')
  await s.page.getByRole('button', { name: CATALOGS.de['profile.save'] }).click()
  await s.page.waitForLoadState('load')
  t.equal(
    await s.page.locator('#f-timeZone').getAttribute('aria-invalid'),
    'true',
    'unknown zone is flagged on the field',
  )
  await audited(t, 'profile-errors')
})

t.test('language menu: all four languages, remembered on the account', async (t) => {
  await go('/profile')
  for (const locale of ['en', 'zh', 'de-simple', 'de'] as const) {
    await s.page.locator(`.lang-menu button[value="${locale}"]`).click()
    await s.page.waitForLoadState('load')
    t.equal(await htmlLang(), LANG_TAG[locale], `${locale}: <html lang>`)
    t.equal(await h1(), CATALOGS[locale]['profile.title'], `${locale}: heading translated`)
    t.equal(new URL(s.page.url()).pathname, '/profile', 'stays on the page')
    t.equal(await s.page.locator('.lang-menu button[aria-current="true"]').getAttribute('value'), locale)
    await audited(t, `profile-${locale}`)
  }
  await s.page.locator('.lang-menu button[value="zh"]').click()
  await s.page.waitForLoadState('load')
  const me = await stack.api.app.dbHandle.sql<
    { locale: string }[]
  >`select locale from users where email = ${EMAIL}`
  t.equal(me[0]?.locale, 'zh', 'PATCH /v1/me stored the choice')
})

t.test('accessibility statement in every language', async (t) => {
  for (const locale of LOCALES) {
    await s.page.locator(`.lang-menu button[value="${locale}"]`).click()
    await go('/barrierefreiheit')
    t.equal(await h1(), CATALOGS[locale]['a11y.title'], `${locale}: title`)
    const text = await s.page.locator('main').innerText()
    t.match(text, /WCAG 2\.1/)
    t.match(text, /BITV 2\.0/)
    t.match(text, /Ombudsstelle/)
    await audited(t, `accessibility-${locale}`)
  }
})

t.test('sign out; the language stays (cookie)', async (t) => {
  await s.page.locator('.lang-menu button[value="en"]').click()
  await s.page.waitForLoadState('load')
  await s.page.getByRole('button', { name: CATALOGS.en['nav.signOut'] }).click()
  await s.page.waitForURL(/\/sign-in\?notice=signed-out/)
  t.equal(await s.page.locator('.notice').innerText(), CATALOGS.en['notice.signedOut'])
  t.equal(await htmlLang(), 'en')
  await go('/profile')
  t.match(
    s.page.url(),
    /\/sign-in\?notice=sign-in-required&next=%2Fprofile/,
    'protected page asks to sign in',
  )
})

t.test('password reset', async (t) => {
  await go('/forgot-password')
  await audited(t, 'forgot-password')
  await s.page.fill('#f-email', EMAIL)
  await s.page.getByRole('button', { name: CATALOGS.en['forgot.submit'] }).click()
  await s.page.waitForURL(/sent=1/)
  t.equal(await s.page.locator('.notice').innerText(), CATALOGS.en['forgot.sent'])

  await go('/reset-password?token=not-a-real-token-123456')
  await s.page.fill('#f-newPassword', NEW_PASSWORD)
  await s.page.getByRole('button', { name: CATALOGS.en['reset.submit'] }).click()
  await s.page.waitForLoadState('load')
  t.match(await s.page.locator('.error-summary').innerText(), CATALOGS.en['err.invalidToken'])

  const token = await emailedToken(stack, EMAIL, 'auth.password_reset_requested')
  await go(`/reset-password?token=${encodeURIComponent(token)}`)
  await audited(t, 'reset-password')
  await s.page.fill('#f-newPassword', NEW_PASSWORD)
  await s.page.getByRole('button', { name: CATALOGS.en['reset.submit'] }).click()
  await s.page.waitForURL(/notice=password-reset/)
  // Signed out, a language choice only sets the cookie; it does not change the account.
  await s.page.locator('.lang-menu button[value="de"]').click()
  await s.page.waitForLoadState('load')
  t.equal(await htmlLang(), 'de')
  await s.page.fill('#f-email', EMAIL)
  await s.page.fill('#f-password', NEW_PASSWORD)
  await s.page.getByRole('button', { name: CATALOGS.de['signIn.submit'] }).click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  // Signed in again, the account's own language (en, chosen last while signed in) takes over.
  t.equal(await htmlLang(), 'en')
  t.equal(await h1(), CATALOGS.en['dash.title'])
})

t.test('phone-sized screen', async (t) => {
  await s.page.setViewportSize({ width: 360, height: 740 })
  await go('/profile')
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  t.ok(overflow <= 0, 'no horizontal scrolling on a phone')
  await audited(t, 'profile-phone')
  await s.page.setViewportSize({ width: 1280, height: 900 })
})

t.test('no request ever left localhost', async (t) => {
  t.same(s.foreignRequests, [])
})
