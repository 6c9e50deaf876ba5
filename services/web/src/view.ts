import { randomUUID } from 'node:crypto'
import { getMe, type ResponseOf, type RouteContract } from '@dj/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type CallArgs, type CallInput, urlOf } from './api/call.js'
import type { ApiClient, ApiResult } from './api-client.js'
import type { WebConfig } from './config.js'
import { isLocale, type Locale, type MessageKey, negotiate, type Params, translate } from './i18n/index.js'
import { REMEMBER_SECONDS, SESSION_COOKIE, type SessionData } from './session.js'

export { SESSION_COOKIE }
export const LANG_COOKIE = 'dj_lang'
const REFRESH_MARGIN_MS = 30_000

export type Role = 'coordinator' | 'officer' | 'admin'
/** The signed-in account, as GET /v1/me answers it. */
export type Me = ResponseOf<typeof getMe>

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
  /** Calls an API route by its contract (@dj/contracts): path, body and answer typed by it. */
  call<C extends RouteContract>(contract: C, ...args: CallArgs<C>): Promise<ApiResult<ResponseOf<C>>>
  /** Sends a file as the request body (CSV uploads). */
  upload<C extends RouteContract>(
    contract: C,
    input: CallInput<C>,
    file: { body: Buffer; type: string },
  ): Promise<ApiResult<ResponseOf<C>>>
  /** Stores tokens after sign-in (and a fresh CSRF token: a new login gets a new one). */
  /** A file from the API as the reader (refreshing once on 401), to pass through to the browser. */
  download(path: string): ReturnType<ApiClient['download']>
  /** A file the API renders from a posted body (refreshing once on 401): the visa letter. */
  postForFile(path: string, body: unknown): ReturnType<ApiClient['postForFile']>
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
  api: ApiClient
}

export async function buildView(request: FastifyRequest, reply: FastifyReply, deps: ViewDeps): Promise<View> {
  const { api, config } = deps
  const requestId = request.id
  const secure = config.PUBLIC_WEB_URL.startsWith('https:') || request.protocol === 'https'
  // The sealed session (@fastify/secure-session, opened in onRequest); written back on send
  // whenever it changed.
  const store = request.session
  let session: SessionData = {
    accessToken: store.get('accessToken'),
    refreshToken: store.get('refreshToken'),
    accessExpiresAt: store.get('accessExpiresAt'),
  }
  let dirty = false
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    ...(session.refreshToken ? { maxAge: REMEMBER_SECONDS } : {}),
  })
  store.options(cookieOptions())
  const save = () => {
    store.options(cookieOptions())
    store.set('accessToken', session.accessToken)
    store.set('refreshToken', session.refreshToken)
    store.set('accessExpiresAt', session.accessExpiresAt)
  }
  /** A new session from scratch (sign-in, sign-out): nothing of the old one, a new CSRF secret. */
  const restart = (next: SessionData) => {
    store.regenerate()
    session = next
    save()
    return reply.generateCsrf()
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
      session = {}
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
    const res = await call<Me>(getMe.method, getMe.path)
    if (res.ok) me = res.data
    else if (res.status === 401 || res.status === 403) {
      session = {}
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
    csrf: reply.generateCsrf(),
    here: request.url,
    requestId,
    t: (key, params) => translate(view.locale, key, params),
    call: (contract, ...[input]) => call(contract.method, urlOf(contract, input), input?.body),
    upload: (contract, input, file) => send(contract.method, urlOf(contract, input), { raw: file }),
    async download(path) {
      const first = await api.download(path, { ...callOpts, token: session.accessToken })
      if (first.status !== 401 || !(await refresh())) return first
      save()
      return api.download(path, { ...callOpts, token: session.accessToken })
    },
    async postForFile(path, body) {
      const first = await api.postForFile(path, body, { ...callOpts, token: session.accessToken })
      if (first.status !== 401 || !(await refresh())) return first
      save()
      return api.postForFile(path, body, { ...callOpts, token: session.accessToken })
    },
    signIn(tokens) {
      view.csrf = restart({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessExpiresAt: Date.now() + tokens.expiresIn * 1000,
      })
    },
    signOut() {
      view.csrf = restart({})
      view.me = null
    },
    setLocale(next) {
      view.locale = next
      void reply.setCookie(LANG_COOKIE, next, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 24 * 3600 })
    },
  }
  return view
}

export const newRequestId = () => randomUUID()
