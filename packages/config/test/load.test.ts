import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import Type from 'typebox'
import { CommonEnv, ConfigError, loadConfig, Port, Secret } from '../src/index.js'

const Schema = Type.Object({ ...CommonEnv, PORT: Port(3000), JWT_SECRET: Secret('signs tokens') })

t.test('applies defaults and converts numbers', async (t) => {
  const c = loadConfig(Schema, { env: { PORT: '4001', JWT_SECRET: 'x'.repeat(40) }, envFile: false })
  t.equal(c.PORT, 4001)
  t.equal(c.NODE_ENV, 'development')
  t.equal(c.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/dj')
})

t.test('one error naming every malformed variable', async (t) => {
  const err = t.throws(() =>
    loadConfig(Schema, {
      env: { PORT: 'abc', REDIS_URL: 'http://nope', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
      envFile: false,
    }),
  ) as ConfigError
  t.type(err, ConfigError)
  t.same(err.problems.map((p) => p.variable).sort(), ['PORT', 'REDIS_URL'])
  t.match(err.message, /PORT/)
})

t.test('a missing secret stops production start', async (t) => {
  const err = t.throws(() =>
    loadConfig(Schema, { env: { NODE_ENV: 'production' }, envFile: false }),
  ) as ConfigError
  t.same(
    err.problems.map((p) => p.variable),
    ['JWT_SECRET'],
  )
})

t.test('development generates a throw-away secret loudly', async (t) => {
  const warnings: string[] = []
  const c = loadConfig(Schema, { env: {}, envFile: false, warn: (m) => warnings.push(m) })
  t.ok(c.JWT_SECRET.length >= 32)
  t.equal(warnings.length, 1)
  t.match(warnings[0], /JWT_SECRET/)
})

t.test('.env file is read, real environment wins', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
  const file = join(dir, '.env')
  writeFileSync(file, 'PORT=5000\nLOG_LEVEL=debug\nJWT_SECRET=' + 'y'.repeat(40) + '\n')
  const c = loadConfig(Schema, { env: { PORT: '6000' }, envFile: file })
  t.equal(c.PORT, 6000)
  t.equal(c.LOG_LEVEL, 'debug')
  t.equal(c.JWT_SECRET, 'y'.repeat(40))
})
