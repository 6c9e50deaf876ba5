import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

/** What the browser carries, sealed: it can neither read nor change it. */
export interface SessionData {
  /** CSRF token echoed by every form (synchronizer token kept in the sealed cookie). */
  csrf: string
  accessToken?: string
  refreshToken?: string
  /** Epoch ms when the access token runs out. */
  accessExpiresAt?: number
}

const VERSION = 'v1'

export class SessionSealer {
  readonly #key: Buffer
  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'dj-web', 'session-cookie-v1', 32))
  }

  seal(data: SessionData): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()])
    return [
      VERSION,
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.')
  }

  /** Undefined when missing, tampered with, or sealed with another key. */
  open(sealed: string | undefined): SessionData | undefined {
    if (!sealed) return undefined
    const [version, iv, body, tag] = sealed.split('.')
    if (version !== VERSION || !iv || !body || !tag) return undefined
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      const text = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
      const data = JSON.parse(text) as SessionData
      return typeof data.csrf === 'string' ? data : undefined
    } catch {
      return undefined
    }
  }
}

export const newCsrfToken = () => randomBytes(24).toString('base64url')

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
