#!/usr/bin/env node
// `pnpm start`: makes sure PostgreSQL and Redis run, creates and migrates the database, loads the
// demo data once, then starts every service of the platform and says where to look.
// It is for local work and demos; production runs each service on its own (infra/).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { platformEnv } from './platform-env.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const env = platformEnv(process.env, join(root, '.demo'))

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, env, ...opts })
}

const pkg = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
const hasScript = (dir, script) =>
  existsSync(join(root, dir, 'package.json')) && Boolean(pkg(dir).scripts?.[script])

run('bash', ['infra/scripts/ensure-services.sh'])
run('node', ['scripts/create-database.mjs'])
run('pnpm', ['--silent', '--filter', '@dj/db', 'migrate'])
if (hasScript('services/api', 'seed:demo')) run('pnpm', ['--silent', '--filter', '@dj/api', 'seed:demo'])

/** [label, package dir, script] for every process of the platform that exists in this checkout. */
const processes = [
  ['mail', 'services/notifier', 'sink'],
  ['api', 'services/api', 'start'],
  ['registry', 'services/api', 'worker:registry'],
  ['notifier', 'services/notifier', 'start'],
  ['matcher', 'services/matcher', 'start'],
  ['scheduler', 'services/scheduler', 'start'],
  ['web', 'services/web', 'start'],
].filter(([, dir, script]) => hasScript(dir, script))

const children = []
const colors = [36, 32, 35, 33, 34, 31, 90]
processes.forEach(([label, dir, script], i) => {
  // Each service in its own process group, so stopping it reaches the node process under pnpm.
  const child = spawn('pnpm', ['--silent', 'run', script], {
    cwd: join(root, dir),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const tag = `\x1b[${colors[i % colors.length]}m${label.padEnd(9)}\x1b[0m│ `
  const pipe = (stream, out) => {
    let buffer = ''
    stream.on('data', (d) => {
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) out.write(tag + line + '\n')
    })
  }
  pipe(child.stdout, process.stdout)
  pipe(child.stderr, process.stderr)
  child.on('exit', (code, signal) => {
    if (!shuttingDown) console.error(`${tag}exited (${signal ?? code}); stopping the platform`)
    shutdown(code ?? 1)
  })
  children.push(child)
})

let shuttingDown = false
function shutdown(code = 0) {
  if (shuttingDown) return
  shuttingDown = true
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 12_000).unref()
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(
    () => process.exit(code),
  )
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))
// pnpm does not pass a SIGTERM on to this script (a process manager or `timeout` stopping
// `pnpm start`): when the parent is gone, stop the platform instead of leaving it running.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) shutdown(0)
}, 1000).unref()

const port = env.PORT ?? 3000
const names = processes.map(([label]) => label)
setTimeout(() => {
  console.log(`
  Düren–Jinhua exchange platform is starting (${names.join(', ')}):
    API            http://localhost:${port}        (OpenAPI: /openapi.json, Swagger UI: /docs, /ready)
${names.includes('web') ? '    Web            http://localhost:8080\n' : ''}${names.includes('mail') ? '    Caught emails  http://localhost:8025        (local SMTP sink on port 1025)\n' : ''}    Stop with Ctrl-C.
`)
}, 1500)
