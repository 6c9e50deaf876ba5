import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'

/** Where the few local assets live: nothing is ever fetched from another host. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url))

export interface Asset {
  name: string
  /** Content hash: the `v` of the versioned URL. */
  hash: string
  /** URL with the content hash, cacheable for a year. */
  url: string
}

/** The assets pages link to, each with a content hash read once at start. */
export function loadAssets(names: string[]): Map<string, Asset> {
  const files = new Map<string, Asset>()
  for (const name of names) {
    const body = readFileSync(`${PUBLIC_DIR}${name}`)
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
    files.set(name, { name, hash, url: `/static/${name}?v=${hash}` })
  }
  return files
}

const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * Helmet's headers that only a document (a page a browser shows or frames) obeys; on a stylesheet,
 * script or icon they are ~300 bytes per answer that do nothing. What protects a subresource stays:
 * nosniff, Cross-Origin-Resource-Policy, Referrer-Policy, and the CSP (the SVG icon could be opened
 * as a document).
 */
const DOCUMENT_ONLY_HEADERS = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  frameguard: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const

/**
 * `/static/:name` served by @fastify/static (ETag, Last-Modified, 304s, ranges): only the listed
 * assets. The versioned URL (`?v=` the current content hash) is immutable for a year; any other
 * (an old page's stale hash, no hash) is cached for five minutes, so a new version shows soon.
 */
export async function staticAssets(app: FastifyInstance, assets: Map<string, Asset>) {
  await app.register(fastifyStatic, { root: PUBLIC_DIR, serve: false, index: false, dotfiles: 'deny' })
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/static/:name',
    {
      config: { access: 'public' },
      helmet: DOCUMENT_ONLY_HEADERS,
      schema: {
        params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9-]+\\.[a-z]+$', maxLength: 64 }) }),
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
    },
    async (request, reply) => {
      const file = assets.get(request.params.name)
      if (!file) return reply.status(404).type('text/plain').send('not found')
      const current = request.query.v === file.hash
      return reply.sendFile(file.name, current ? { maxAge: YEAR_MS, immutable: true } : { maxAge: 300_000 })
    },
  )
}
