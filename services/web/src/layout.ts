import { type Html, html, type Part } from './html.js'
import { LANG_TAG, LOCALES, type MessageKey } from './i18n/index.js'
import type { Role, View } from './view.js'

/** Query values ?notice=… may show; anything else is ignored so links cannot inject text. */
export const NOTICES = {
  resent: 'notice.resent',
  verified: 'notice.verified',
  'signed-out': 'notice.signedOut',
  'signed-in': 'notice.signedIn',
  'password-reset': 'notice.passwordReset',
  'profile-saved': 'notice.profileSaved',
  'password-changed': 'notice.passwordChanged',
  'institution-created': 'notice.institutionCreated',
  'user-created': 'notice.userCreated',
  'user-updated': 'notice.userUpdated',
  'language-changed': 'notice.languageChanged',
  'sign-in-required': 'notice.signInRequired',
  'interest-created': 'notice.interestCreated',
  'institution-saved': 'notice.institutionSaved',
  'institution-verified': 'notice.institutionVerified',
  'institution-rejected': 'notice.institutionRejected',
  'institution-suspended': 'notice.institutionSuspended',
  'institution-reinstated': 'notice.institutionReinstated',
  'proposal-accepted': 'notice.proposalAccepted',
  'proposal-declined': 'notice.proposalDeclined',
  'proposal-confirmed': 'notice.proposalConfirmed',
  'round-started': 'notice.roundStarted',
  'interest-expressed': 'notice.interestExpressed',
  'interest-already-sent': 'notice.interestAlreadySent',
  'interest-matched': 'notice.interestMatched',
  'account-deleted': 'notice.accountDeleted',
  'prefs-saved': 'notice.prefsSaved',
  'all-read': 'notice.allRead',
  'import-started': 'notice.importStarted',
  'meeting-booked': 'notice.meetingBooked',
  'meeting-rescheduled': 'notice.meetingRescheduled',
  'meeting-cancelled': 'notice.meetingCancelled',
  'visit-plan-created': 'notice.visitPlanCreated',
  'window-confirmed': 'notice.windowConfirmed',
  'visit-booked': 'notice.visitBooked',
  'member-invited': 'notice.memberInvited',
  'member-removed': 'notice.memberRemoved',
  'invitation-accepted': 'notice.invitationAccepted',
  'interest-saved': 'notice.interestSaved',
  'notification-retried': 'notice.notificationRetried',
  'visit-changed': 'notice.visitChanged',
  'visit-cancelled': 'notice.visitCancelled',
  'visit-plan-dropped': 'notice.visitPlanDropped',
  'calendar-entry-added': 'notice.calendarEntryAdded',
  'calendar-entry-deleted': 'notice.calendarEntryDeleted',
  'agreement-drafted': 'notice.agreementDrafted',
  'agreement-saved': 'notice.agreementSaved',
  'agreement-voided': 'notice.agreementVoided',
  'agreement-submitted': 'notice.agreementSubmitted',
  'agreement-signed': 'notice.agreementSigned',
  'exchange-renewed': 'renew.notice.renewed',
  'trip-created': 'trip.notice.created',
  'trip-saved': 'trip.notice.saved',
  'trip-ticked': 'trip.notice.ticked',
  'trip-item-added': 'trip.notice.itemAdded',
  'report-saved': 'notice.reportSaved',
  'report-filed': 'notice.reportFiled',
  'funding-saved': 'funding.notice.saved',
  'glossary-saved': 'glossary.notice.saved',
  'glossary-removed': 'glossary.notice.removed',
  'page-saved': 'public.notice.saved',
  'page-restored': 'public.notice.restored',
  'claim-sent': 'opendata.notice.sent',
  'claim-decided': 'opendata.notice.decided',
} as const satisfies Record<string, MessageKey>
export type Notice = keyof typeof NOTICES

export interface Asset {
  href: string
}
export interface Assets {
  css: string
  js: string
  icon: string
}

let assets: Assets = { css: '/static/app.css', js: '/static/app.js', icon: '/static/favicon.svg' }
/** Versioned asset URLs (content hashes) so they can be cached for a year. */
export const setAssets = (next: Assets) => {
  assets = next
}

interface PageOptions {
  title: string
  /** When the form on the page has errors, the title says so first (screen readers read it on load). */
  hasErrors?: boolean
  notice?: string | undefined
  body: Part
  /** Omit the page's own <h1> (when the body brings its own). */
  bare?: boolean
  /** Extra <head> elements (the public pages' description, canonical and hreflang links). */
  head?: Part
}

/** The main pages of each role, in the order they are used. */
export function roleLinks(role: Role): [string, MessageKey][] {
  if (role === 'coordinator')
    return [
      ['/institutions', 'nav.institutions'],
      ['/proposals', 'nav.proposals'],
      ['/search', 'nav.search'],
    ]
  const staff: [string, MessageKey][] = [
    ['/officer/overview', 'nav.reports'],
    ['/officer/queue', 'nav.queue'],
    ['/officer/rounds', 'nav.rounds'],
    ['/officer/imports', 'nav.imports'],
  ]
  return role === 'admin'
    ? [
        ...staff,
        ['/admin/users', 'nav.adminUsers'],
        ['/admin/notifications', 'nav.adminNotifications'],
        ['/admin/queues', 'nav.adminQueues'],
      ]
    : // The offices keep the funding catalogue and the search glossary; admins read them without a nav link (one line).
      [
        ...staff,
        ['/officer/funding', 'nav.funding'],
        ['/officer/glossary', 'nav.glossary'],
        ['/officer/pages', 'nav.publicPages'],
      ]
}

function linkList(v: View, items: [string, MessageKey][], extra: Part = ''): Html {
  const path = v.here.split('?')[0] ?? '/'
  return html`<ul class="nav-list">${items.map(
    ([href, key]) =>
      html`<li><a href="${href}"${path === href || (href !== '/' && path.startsWith(`${href}/`)) ? html` aria-current="page"` : ''}>${v.t(key)}</a></li>`,
  )}${extra}</ul>`
}

/** The work pages of the role; the account's own pages sit apart (accountNav), so this fits one line. */
function navLinks(v: View): Html {
  const items: [string, MessageKey][] = [['/', 'nav.home']]
  if (!v.me) items.push(['/sign-in', 'nav.signIn'], ['/register', 'nav.register'])
  else items.push(...roleLinks(v.me.role))
  return linkList(v, items)
}

function accountNav(v: View): Html | '' {
  if (!v.me) return ''
  return html`<nav class="account-nav" aria-label="${v.t('nav.account')}">${linkList(
    v,
    [
      ['/inbox', 'nav.inbox'],
      ['/profile', 'nav.profile'],
    ],
    html`<li><form method="post" action="/sign-out" class="sign-out">
      <input type="hidden" name="_csrf" value="${v.csrf}">
      <button type="submit" class="link-button">${v.t('nav.signOut')}</button>
    </form></li>`,
  )}</nav>`
}

function languageMenu(v: View): Html {
  return html`<form method="post" action="/language" class="lang-menu">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <input type="hidden" name="next" value="${v.here}">
  <fieldset>
    <legend>${v.t('lang.menu')}</legend>
    <ul>${LOCALES.map(
      (l) =>
        html`<li><button type="submit" name="locale" value="${l}" lang="${LANG_TAG[l]}"${
          l === v.locale ? html` aria-current="true"` : ''
        }>${v.t(`lang.${l}`)}</button></li>`,
    )}</ul>
  </fieldset>
</form>`
}

export function page(v: View, options: PageOptions): Html {
  const noticeKey =
    options.notice && options.notice in NOTICES ? NOTICES[options.notice as Notice] : undefined
  const title = options.hasErrors ? `${v.t('form.errorPrefix')}: ${options.title}` : options.title
  return html`<!doctype html>
<html lang="${LANG_TAG[v.locale]}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${v.t('site.name')}</title>
<link rel="stylesheet" href="${assets.css}">
<link rel="icon" href="${assets.icon}" type="image/svg+xml">
<script src="${assets.js}" defer></script>
${options.head}
</head>
<body>
<a class="skip-link" href="#main">${v.t('skip.link')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <p class="brand"><a href="/">${v.t('site.name')}</a></p>
    <button type="button" class="menu-toggle" aria-expanded="true" aria-controls="site-tools site-nav" hidden>${v.t('nav.menu')}</button>
    <div class="header-tools" id="site-tools" data-menu>${accountNav(v)}${languageMenu(v)}</div>
  </div>
  <nav class="wrap main-nav" id="site-nav" data-menu aria-label="${v.t('nav.main')}">${navLinks(v)}</nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${noticeKey && html`<div class="notice" role="status"><p>${v.t(noticeKey)}</p></div>`}
${!options.bare && html`<h1>${options.title}</h1>`}
${options.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <nav aria-label="${v.t('nav.footer')}">
      <ul class="nav-list">
        <li><a href="/${v.locale}">${v.t('public.footerLink')}</a></li>
        <li><a href="/barrierefreiheit">${v.t('footer.accessibility')}</a></li>
      </ul>
    </nav>
    ${v.me && html`<p>${v.t('footer.signedInAs', { name: v.me.displayName })}</p>`}
    <p>${v.t('site.tagline')}</p>
  </div>
</footer>
</body>
</html>`
}
