import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ApiClient, ApiResult } from './api-client.js'
import type { WebConfig } from './config.js'
import { isLocale, type Locale, type MessageKey, negotiate, type Params, translate } from './i18n/index.js'
import { newCsrfToken, type SessionData, type SessionSealer } from './session.js'

export const SESSION_COOKIE = 'dj_session'
export const LANG_COOKIE = 'dj_lang'
const REFRESH_MARGIN_MS = 30_000
const REMEMBER_SECONDS = 30 * 24 * 3600

export type Role = 'coordinator' | 'officer' | 'admin'
export interface Me {
  id: string
  email: string
  displayName: string
  locale: Locale
  timeZone: string
  role: Role
  officerSide: 'duren' | 'jinhua' | null
  emailVerified: boolean
  status: 'active' | 'disabled' | 'deleted'
  createdAt: string
}

/** Everything a page needs about the reader: language, zone, account, and an API client acting as them. */
export interface View {
  locale: Locale
  timeZone: string
  me: Me | null
  csrf: string
  /** Path and query of this page, for "come back here" links. */
  here: string
  requestId: string
  t(key: MessageKey, params?: Params): string
  api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>>
  /** Sends a file as the request body (CSV uploads). */
  upload<T>(path: string, body: Buffer, type: string): Promise<ApiResult<T>>
  /** Stores tokens after sign-in (and a fresh CSRF token: a new login gets a new one). */
  /** A file from the API as the reader (refreshing once on 401), to pass through to the browser. */
  download(path: string): ReturnType<ApiClient['download']>
  signIn(tokens: { accessToken: string; refreshToken: string; expiresIn: number }): void
  signOut(): void
  setLocale(locale: Locale): void
}

declare module 'fastify' {
  interface FastifyRequest {
    view: View
  }
}

export interface ViewDeps {
  config: WebConfig
  sealer: SessionSealer
  api: ApiClient
}

export async function buildView(request: FastifyRequest, reply: FastifyReply, deps: ViewDeps): Promise<View> {
  const { sealer, api, config } = deps
  const requestId = request.id
  const secure = config.PUBLIC_WEB_URL.startsWith('https:') || request.protocol === 'https'
  let session: SessionData = sealer.open(request.cookies[SESSION_COOKIE]) ?? { csrf: newCsrfToken() }
  let dirty =
    request.cookies[SESSION_COOKIE] === undefined ||
    sealer.open(request.cookies[SESSION_COOKIE]) === undefined

  const save = () => {
    const signedIn = Boolean(session.refreshToken)
    void reply.setCookie(SESSION_COOKIE, sealer.seal(session), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      ...(signedIn ? { maxAge: REMEMBER_SECONDS } : {}),
    })
  }
  const callOpts = { requestId, clientIp: request.ip }

  const refresh = async (): Promise<boolean> => {
    if (!session.refreshToken) return false
    const res = await api.refresh(session.refreshToken, callOpts)
    if (res.ok) {
      session = {
        ...session,
        accessToken: res.data.accessToken,
        refreshToken: res.data.refreshToken,
        accessExpiresAt: Date.now() + res.data.expiresIn * 1000,
      }
    } else if (res.status === 401 || res.status === 403 || res.status === 400) {
      session = { csrf: session.csrf }
    } else {
      return false
    }
    dirty = true
    return res.ok
  }

  if (
    session.refreshToken &&
    (!session.accessToken || (session.accessExpiresAt ?? 0) < Date.now() + REFRESH_MARGIN_MS)
  ) {
    await refresh()
  }

  const send = async <T>(
    method: string,
    path: string,
    extra: { body?: unknown; raw?: { body: Buffer; type: string } },
  ) => {
    const first = await api.call<T>(method, path, { ...callOpts, token: session.accessToken, ...extra })
    if (first.ok || first.status !== 401 || !session.refreshToken) return first
    if (!(await refresh())) {
      if (dirty) save()
      return first
    }
    save()
    return api.call<T>(method, path, { ...callOpts, token: session.accessToken, ...extra })
  }
  const call = <T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> =>
    send<T>(method, path, body === undefined ? {} : { body })

  let me: Me | null = null
  if (session.accessToken) {
    const res = await call<Me>('GET', '/v1/me')
    if (res.ok) me = res.data
    else if (res.status === 401 || res.status === 403) {
      session = { csrf: session.csrf }
      dirty = true
    }
  }
  if (dirty) save()

  const cookieLocale = request.cookies[LANG_COOKIE]
  const locale: Locale =
    me?.locale ?? (isLocale(cookieLocale) ? cookieLocale : negotiate(request.headers['accept-language']))
  const timeZone = me?.timeZone ?? 'Europe/Berlin'

  const view: View = {
    locale,
    timeZone,
    me,
    csrf: session.csrf,
    here: request.url,
    requestId,
    t: (key, params) => translate(view.locale, key, params),
    api: call,
    upload: (path, body, type) => send('POST', path, { raw: { body, type } }),
    async download(path) {
      const first = await api.download(path, { ...callOpts, token: session.accessToken })
      if (first.status !== 401 || !(await refresh())) return first
      save()
      return api.download(path, { ...callOpts, token: session.accessToken })
    },
    signIn(tokens) {
      session = {
        csrf: newCsrfToken(),
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessExpiresAt: Date.now() + tokens.expiresIn * 1000,
      }
      view.csrf = session.csrf
      save()
    },
    signOut() {
      session = { csrf: newCsrfToken() }
      view.csrf = session.csrf
      view.me = null
      save()
    },
    setLocale(next) {
      view.locale = next
      void reply.setCookie(LANG_COOKIE, next, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 24 * 3600 })
    },
  }
  return view
}

export const newRequestId = () => randomUUID()
