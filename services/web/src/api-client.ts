import { authRefresh, type BodyOf, type TokenPair } from '@dj/contracts'
/** Server-to-server calls to the API; the browser never sees the tokens. */

export interface Problem {
  status: number
  code: string
  title?: string
  detail?: string
  errors?: { field: string; message: string }[]
  /** Why proposed dates were rejected (scheduling 409s). */
  reasons?: { code: string; date: string; endDate?: string }[]
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem: Problem }

export type { TokenPair }

export interface CallOptions {
  token?: string | undefined
  body?: unknown
  requestId?: string
  clientIp?: string
  /** A body sent as is (e.g. a CSV file) instead of JSON. */
  raw?: { body: Buffer; type: string }
}

export class ApiClient {
  /** Refreshes in flight or just done, by refresh token: parallel requests of one browser must not
   * present the same refresh token twice, or the API treats it as theft and ends every session. */
  readonly #refreshing = new Map<string, Promise<ApiResult<TokenPair>>>()

  /** `proxySecret` (PROXY_SECRET) tells the API that the forwarded browser address is ours. */
  constructor(
    readonly baseUrl: string,
    readonly proxySecret?: string,
  ) {}

  #forwardFor(headers: Record<string, string>, clientIp: string | undefined) {
    if (!clientIp) return
    headers['x-forwarded-for'] = clientIp
    if (this.proxySecret) headers['x-dj-proxy-secret'] = this.proxySecret
  }

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (options.raw) headers['content-type'] = options.raw.type
    else if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.token) headers['authorization'] = `Bearer ${options.token}`
    if (options.requestId) headers['x-request-id'] = options.requestId
    this.#forwardFor(headers, options.clientIp)
    let res: Response
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        ...(options.raw
          ? { body: new Uint8Array(options.raw.body) }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {}),
        signal: AbortSignal.timeout(15_000),
      })
    } catch {
      return { ok: false, status: 503, problem: { status: 503, code: 'SERVICE_UNAVAILABLE' } }
    }
    const text = await res.text()
    let parsed: unknown = null
    if (text) {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = null
      }
    }
    if (res.ok) return { ok: true, status: res.status, data: parsed as T }
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>
    return {
      ok: false,
      status: res.status,
      problem: {
        ...problem,
        status: res.status,
        code: problem.code ?? (res.status >= 500 ? 'INTERNAL' : 'UNKNOWN'),
      },
    }
  }

  /** A file from the API (ICS, CSV) passed through as bytes, with its type and file name. */
  async download(path: string, options: Pick<CallOptions, 'token' | 'requestId' | 'clientIp'> = {}) {
    const headers: Record<string, string> = {}
    if (options.token) headers['authorization'] = `Bearer ${options.token}`
    if (options.requestId) headers['x-request-id'] = options.requestId
    this.#forwardFor(headers, options.clientIp)
    try {
      const res = await fetch(new URL(path, this.baseUrl), { headers, signal: AbortSignal.timeout(30_000) })
      return {
        status: res.status,
        body: Buffer.from(await res.arrayBuffer()),
        type: res.headers.get('content-type') ?? 'application/octet-stream',
        disposition: res.headers.get('content-disposition'),
      }
    } catch {
      return { status: 503, body: Buffer.alloc(0), type: 'text/plain', disposition: null }
    }
  }

  /**
   * A file the API renders from a posted JSON body (the visa letter), passed through as bytes like
   * `download`. The body is sent once and kept nowhere; a refusal's problem+json comes back as bytes.
   */
  async postForFile(
    path: string,
    body: unknown,
    options: Pick<CallOptions, 'token' | 'requestId' | 'clientIp'> = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (options.token) headers['authorization'] = `Bearer ${options.token}`
    if (options.requestId) headers['x-request-id'] = options.requestId
    this.#forwardFor(headers, options.clientIp)
    try {
      const res = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      })
      return {
        status: res.status,
        body: Buffer.from(await res.arrayBuffer()),
        type: res.headers.get('content-type') ?? 'application/octet-stream',
        disposition: res.headers.get('content-disposition'),
      }
    } catch {
      return { status: 503, body: Buffer.alloc(0), type: 'text/plain', disposition: null }
    }
  }

  refresh(
    refreshToken: string,
    options: Omit<CallOptions, 'body' | 'token'> = {},
  ): Promise<ApiResult<TokenPair>> {
    const pending = this.#refreshing.get(refreshToken)
    if (pending) return pending
    const promise = this.call<TokenPair>(authRefresh.method, authRefresh.path, {
      ...options,
      body: { refreshToken } satisfies BodyOf<typeof authRefresh>,
    })
    this.#refreshing.set(refreshToken, promise)
    // Keep the answer a little while so a request that arrives just after still gets the new pair.
    void promise.finally(() => setTimeout(() => this.#refreshing.delete(refreshToken), 30_000).unref())
    return promise
  }
}
