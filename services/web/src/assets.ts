import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface StaticFile {
  body: Buffer
  type: string
  etag: string
  /** URL with a content hash, cacheable for a year. */
  url: string
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
}

/** The few local assets, read once: nothing is ever fetched from another host. */
export function loadAssets(names: string[]): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  for (const name of names) {
    const body = readFileSync(fileURLToPath(new URL(`../public/${name}`, import.meta.url)))
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
    const ext = name.split('.').pop() ?? ''
    files.set(name, {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${hash}"`,
      url: `/static/${name}?v=${hash}`,
    })
  }
  return files
}
