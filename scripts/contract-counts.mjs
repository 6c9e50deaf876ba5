#!/usr/bin/env node
// Counts what issue 17 ("one contract") set out to remove, so a change can show before and after:
// `node scripts/contract-counts.mjs [root]` (root defaults to this checkout).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)))

function* files(dir, pattern = /\.ts$/) {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    if (name === 'node_modules') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path, pattern)
    else if (pattern.test(name)) yield path
  }
}
const read = (path) => readFileSync(path, 'utf8')
const rel = (path) => relative(root, path)
const count = (text, re) => [...text.matchAll(re)].length

const webSrc = [...files(join(root, 'services/web/src'))]
const apiSrc = [...files(join(root, 'services/api/src'))]
const apiRoutes = apiSrc.filter((f) => rel(f).startsWith('services/api/src/routes/'))

// Web: answers typed by hand (`v.api<Shape>(…)`, `api.call<Shape>(…)`) and declared shapes, in the
// pages (everything but the API client's own plumbing: api-client.ts, view.ts, api/).
const CLIENT = /^services\/web\/src\/(api-client\.ts|view\.ts|api\/)/
let handTypedCalls = 0
let declaredShapes = 0
for (const f of webSrc) {
  if (CLIENT.test(rel(f))) continue
  const text = read(f)
  handTypedCalls += count(text, /\b(?:api|call|upload)<[^>(]+>\(/g)
  declaredShapes += count(text, /^\s*(?:export\s+)?(?:interface\s+\w+|type\s+\w+\s*=\s*\{)/gm)
}

// Web routes: registrations and whether their options declare a schema.
let webRoutes = 0
let webRoutesWithSchema = 0
let webRoutesTakingInputWithoutSchema = 0
for (const f of webSrc) {
  const text = read(f)
  for (const m of text.matchAll(
    /\b\w+\.(get|post|put|patch|delete)(?:<[^>]*>)?\(\s*(['`])(\/[^'`]*)\2\s*,/g,
  )) {
    webRoutes += 1
    // The options object, if the second argument is one: up to the handler.
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 600)
    const options = rest.trimStart().startsWith('{') ? rest.split(/async\s*\(|\)\s*=>/)[0] : ''
    const hasSchema = /\bschema\s*:/.test(options)
    if (hasSchema) webRoutesWithSchema += 1
    else if (m[1] !== 'get' || m[3].includes(':')) webRoutesTakingInputWithoutSchema += 1
  }
}

const requireRole = webSrc.reduce((n, f) => n + count(read(f), /\brequireRole\(/g), 0)
const handUuidChecks = webSrc.reduce(
  (n, f) => n + count(read(f), /\bisUuid\(|UUID_RE|\[0-9a-f\]\{8\}/gi, 0),
  0,
)

const drizzleRouteFiles = apiRoutes.filter((f) => /from '(drizzle-orm|@dj\/db)'/.test(read(f)))
const routeTransactions = apiRoutes.reduce((n, f) => n + count(read(f), /\.transaction\(/g), 0)
const castResponses = apiRoutes.reduce((n, f) => n + count(read(f), /\bas never\b/g), 0)

const long = [...webSrc, ...apiSrc]
  .map((f) => [rel(f), read(f).split('\n').length])
  .filter(([, n]) => n > 400)

// Security mechanisms written by hand in the web instead of taken from a plugin.
const HAND_ROLLED = [
  ['session cookie encrypted by hand', /createCipheriv|createDecipheriv/],
  ['CSRF tokens made or compared by hand', /timingSafeEqual|randomBytes\([^)]*\)[^\n]*csrf/i],
  [
    'CSP / security headers set by hand',
    /header\(\s*['"](content-security-policy|x-frame-options|strict-transport-security)/i,
  ],
  ['conditional GET (ETag) by hand', /if-none-match|header\(\s*['"]etag/i],
  ['Accept-Language parsed by hand', /;q=|q=\d|accept-language['"]?\]?\s*\.split/i],
]
const handRolled = []
for (const [what, re] of HAND_ROLLED) {
  const where = webSrc.filter((f) => re.test(read(f))).map(rel)
  if (where.length) handRolled.push(`${what}: ${where.join(', ')}`)
}

console.log(`root: ${root}`)
console.log(`web pages: API answers typed by hand at the call (v.api<Shape>): ${handTypedCalls}`)
console.log(
  `web pages: interfaces / object types declared (API shapes and page-own types): ${declaredShapes}`,
)
console.log(
  `web: routes ${webRoutes}, with schema ${webRoutesWithSchema}, taking input without schema ${webRoutesTakingInputWithoutSchema}`,
)
console.log(`web: requireRole calls ${requireRole}, hand UUID checks ${handUuidChecks}`)
console.log(`api: route files ${apiRoutes.length}, importing drizzle/@dj/db ${drizzleRouteFiles.length}`)
for (const f of drizzleRouteFiles) console.log(`  ${rel(f)}`)
console.log(
  `api: transactions opened in route files ${routeTransactions}, responses cast (as never) ${castResponses}`,
)
console.log(`src files over 400 lines (web, api): ${long.length}`)
for (const [f, n] of long) console.log(`  ${f} ${n}`)
console.log(`web: hand-rolled security pieces: ${handRolled.length}`)
for (const line of handRolled) console.log(`  ${line}`)
