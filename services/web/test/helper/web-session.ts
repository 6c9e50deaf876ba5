import { PASSWORD } from '@dj/stack'
import { SESSION_COOKIE } from '../../src/view.js'
import type { Stack } from './stack.js'

/** A browser's session as the web app sees it: the session cookie and the form token. */
export interface WebSession {
  cookie: string
  csrf: string
}

const sessionCookie = (headers: Record<string, unknown>) =>
  [headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0]
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1]

/** A session nobody signed in to (anonymous), with its form token. */
export async function anonymousSession(stack: Stack): Promise<WebSession> {
  const first = await stack.web.inject('/sign-in')
  return { cookie: sessionCookie(first.headers)!, csrf: csrfOf(first.body)! }
}

/** Signs in through the web's own form, the way a browser does (no API token involved). */
export async function webSignIn(stack: Stack, email: string, password = PASSWORD): Promise<WebSession> {
  const anon = await anonymousSession(stack)
  const res = await stack.web.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: anon.csrf, email, password, next: '/' }).toString(),
  })
  if (res.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${res.statusCode}`)
  const cookie = sessionCookie(res.headers)!
  const page = await stack.web.inject({ url: '/profile', headers: { cookie } })
  return { cookie, csrf: csrfOf(page.body) ?? anon.csrf }
}

export const webGet = (stack: Stack, path: string, s?: WebSession | null) =>
  stack.web.inject({ url: path, headers: s ? { cookie: s.cookie } : {} })

/** Posts a form with the session's form token (no Origin header: like a same-site form post). */
export const webPost = (stack: Stack, path: string, s: WebSession, fields: Record<string, string> = {}) =>
  stack.web.inject({
    method: 'POST',
    url: path,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
  })
