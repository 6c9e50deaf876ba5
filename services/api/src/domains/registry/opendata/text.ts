import { CsvFormatError } from '../csv.js'

/**
 * Windows-1252's characters for bytes 0x80–0x9F (€, „, “, –, …): Node's TextDecoder treats
 * "windows-1252" as Latin-1 there, so they are mapped here; the rest of the range is Latin-1.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'
function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)
  return out
}

/**
 * The file's text. The ministry publishes UTF-8 (some downloads with a BOM); a file opened and
 * saved again in German Excel is Windows-1252, so that is the fallback when the bytes are not UTF-8.
 */
export function decodeOpenDataFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  let text: string
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8'
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = decodeWindows1252(bytes)
    encoding = 'windows-1252'
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw new CsvFormatError('the file is empty')
  return { text, encoding }
}

/** Drops Excel's `sep=;` hint line (the NRW file starts with it); the separator is detected anyway. */
export function withoutSeparatorHint(text: string): { text: string; skippedLines: number } {
  const m = /^sep=.?\r?\n/i.exec(text)
  return m ? { text: text.slice(m[0].length), skippedLines: 1 } : { text, skippedLines: 0 }
}

/** Host of a homepage or domain of an email, lower-cased, without "www."; null when there is none. */
export function domainOf(value: string): string | null {
  const v = value.trim().toLowerCase()
  if (!v) return null
  if (v.includes('@') && !v.includes('/')) {
    const d = v.split('@').pop()!
    return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d) ? d : null
  }
  try {
    const url = new URL(/^https?:\/\//.test(v) ? v : `http://${v}`)
    const host = url.hostname.replace(/^www\./, '')
    return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : null
  } catch {
    return null
  }
}

/**
 * Addresses every school has from its provider (NRW gives each school <number>@schule.nrw.de):
 * they say nothing about who may speak for the school, so they are no match hint.
 */
const GENERIC_DOMAINS = [
  'schule.nrw.de',
  'gmail.com',
  'web.de',
  'gmx.de',
  't-online.de',
  'qq.com',
  '163.com',
  '126.com',
]

/** The domain a claimant's email is compared with: the school's own email domain, else its homepage's. */
export function schoolDomain(email: string, homepage: string): string | null {
  const fromEmail = domainOf(email)
  if (fromEmail && !GENERIC_DOMAINS.includes(fromEmail)) return fromEmail
  return domainOf(homepage)
}

/** Whether a claimant's email address belongs to the school's domain (or a subdomain of it). */
export function emailMatchesDomain(email: string, domain: string | null): boolean {
  if (!domain) return false
  const d = domainOf(email)
  return d !== null && (d === domain || d.endsWith(`.${domain}`))
}

/** A homepage as a link target: http(s) only; a bare "www.x.de" gets "https://". */
export function homepageUrl(value: string): string | null {
  const v = value.trim()
  if (!v) return null
  const withScheme = /^https?:\/\//i.test(v) ? v : `https://${v}`
  return /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(withScheme) ? withScheme : null
}
