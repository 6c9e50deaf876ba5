#!/usr/bin/env node
// Guards what reviews miss: pure packages stay free of I/O and frameworks, packages never
// import services, and services never import each other's code.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const PURE = [
  'packages/matching',
  'packages/scheduling',
  'packages/demo-data',
  'packages/vocabulary',
  'packages/intl',
]
const IO =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|worker_threads|cluster)$|^(fastify|@fastify\/.*|drizzle-orm.*|postgres|bullmq|ioredis|nodemailer|@dj\/(db|queue|outbox|config|testkit))$/

function* files(dir) {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|mts|js|mjs)$/.test(name)) yield path
  }
}
const importsOf = (text) =>
  [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2])

const problems = []
for (const pkg of PURE) {
  for (const file of files(join(root, pkg, 'src'))) {
    const rel = relative(root, file)
    if (rel.split(sep).includes('cli')) continue // CLIs are the pure package's I/O edge
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (IO.test(spec)) problems.push(`${rel}: pure package imports ${spec}`)
    }
  }
}
for (const dir of ['packages', 'services']) {
  for (const pkg of readdirSync(join(root, dir))) {
    for (const file of files(join(root, dir, pkg, 'src'))) {
      const rel = relative(root, file)
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (dir === 'packages' && /services\//.test(spec))
          problems.push(`${rel}: package imports a service (${spec})`)
        if (dir === 'services' && spec.startsWith('.') && spec.includes('services/')) {
          problems.push(`${rel}: service imports another service (${spec})`)
        }
        if (/^\.\.\/\.\.\/\.\.\/(packages|services)\//.test(spec))
          problems.push(`${rel}: relative import across packages (${spec})`)
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`import boundaries violated:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log('import boundaries ok')
