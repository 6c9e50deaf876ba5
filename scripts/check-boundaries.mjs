#!/usr/bin/env node
// Guards what reviews miss. Every import of every source, test, bench and script file of every
// workspace package is resolved (relative paths to the package they land in, `@dj/…` names to
// the workspace package of that name) and checked against the layering:
//   - a service never imports another service, in any file (tests included);
//   - a package never imports a service, except @dj/stack, the test fixtures that run services;
//   - @dj/stack is imported only by tests and benchmarks;
//   - a relative import never reaches into another package (use its package name);
//   - a pure package (domain logic, contracts, catalogs) imports no I/O and no impure package;
//   - the web's source never imports @dj/db (it talks to the API);
//   - a workspace package is imported only where package.json declares it.
// `node scripts/check-boundaries.mjs [root]` prints the violations and exits 1 if there are any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Packages that must stay pure: no I/O, no framework, only other pure packages. */
export const PURE = [
  'packages/agreement',
  'packages/contracts',
  'packages/demo-data',
  'packages/exchange',
  'packages/i18n',
  'packages/intl',
  'packages/matching',
  'packages/messages',
  'packages/scheduling',
  'packages/vocabulary',
]
/** The one package allowed to import services: fixtures for tests and benchmarks. */
export const FIXTURES = 'packages/stack'

const NODE_IO =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|worker_threads|cluster|tls|readline)$/
const IO_LIBS = /^(fastify|@fastify\/.*|drizzle-orm(\/.*)?|postgres|bullmq|ioredis|nodemailer|pino|argon2)$/
const FOLDERS = ['src', 'test', 'bench', 'scripts']

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
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield path
  }
}

// Static imports and re-exports (also multi-line and `import type`), side-effect imports and
// dynamic imports with a literal path.
const IMPORT =
  /(?:^|[\n;])\s*(?:import|export)\s[^'"`]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
/** The module specifiers a file imports. */
export const importsOf = (text) => [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])

/** Every workspace package: its folder (relative to root), name, kind and declared dependencies. */
export function workspacePackages(root) {
  const out = []
  for (const kind of ['packages', 'services']) {
    let names = []
    try {
      names = readdirSync(join(root, kind))
    } catch {}
    for (const dir of names) {
      const manifest = join(root, kind, dir, 'package.json')
      if (!existsSync(manifest)) continue
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
      out.push({
        dir: `${kind}/${dir}`,
        kind: kind === 'services' ? 'service' : 'package',
        name: pkg.name,
        declared: new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })),
      })
    }
  }
  return out
}

/** All violations under `root`, as `file: what` lines. */
export function checkBoundaries(root) {
  const pkgs = workspacePackages(root)
  const byName = new Map(pkgs.map((p) => [p.name, p]))
  const owner = (absPath) => {
    const rel = relative(root, absPath).split(sep).join('/')
    return pkgs.find((p) => rel === p.dir || rel.startsWith(`${p.dir}/`))
  }
  const problems = []
  for (const from of pkgs) {
    const pure = PURE.includes(from.dir)
    for (const folder of FOLDERS) {
      for (const file of files(join(root, from.dir, folder))) {
        const rel = relative(root, file).split(sep).join('/')
        const inSource = folder === 'src' || folder === 'scripts'
        // CLIs are a pure package's I/O edge (they read files and print).
        const pureSource = pure && folder === 'src' && !rel.split('/').includes('cli')
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          let target
          if (spec.startsWith('.')) {
            target = owner(resolve(dirname(file), spec))
            if (!target) {
              // A relative import out of the workspace packages (e.g. into scripts/): only tooling.
              if (inSource) problems.push(`${rel}: relative import outside its package (${spec})`)
              continue
            }
            if (target !== from) {
              problems.push(`${rel}: relative import into ${target.dir} (${spec}); import ${target.name}`)
              continue
            }
          } else {
            const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
            target = byName.get(name)
            if (pureSource && (NODE_IO.test(spec) || IO_LIBS.test(spec)))
              problems.push(`${rel}: pure package imports I/O (${spec})`)
            if (!target) continue
            if (target !== from && !from.declared.has(target.name))
              problems.push(`${rel}: imports ${target.name}, which ${from.dir}/package.json does not declare`)
          }
          if (target === from) continue
          if (from.kind === 'service' && target.kind === 'service')
            problems.push(`${rel}: service imports another service (${spec})`)
          if (from.kind === 'package' && target.kind === 'service' && from.dir !== FIXTURES)
            problems.push(`${rel}: package imports a service (${spec})`)
          if (target.dir === FIXTURES && inSource)
            problems.push(`${rel}: source imports the test fixtures (${spec}); only tests and benchmarks may`)
          if (pureSource && !PURE.includes(target.dir))
            problems.push(`${rel}: pure package imports ${target.name}, which is not pure`)
          if (from.dir === 'services/web' && folder === 'src' && target.name === '@dj/db')
            problems.push(`${rel}: the web imports the database (${spec}); it talks to the API`)
        }
      }
    }
  }
  return problems
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)))
  const problems = checkBoundaries(root)
  if (problems.length > 0) {
    console.error(`import boundaries violated:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  console.log('import boundaries ok')
}
