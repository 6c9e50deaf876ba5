/**
 * Loads the demo population (150 institutions in Kreis Düren, 1,500 in Jinhua, their interests)
 * and demo accounts into an empty database; does nothing if any institution exists.
 *
 * Demo accounts (all email-verified, password from DEMO_PASSWORD, default "demo-password-2026",
 * for demo use only): officer.dueren@demo.invalid, officer.jinhua@demo.invalid, admin@demo.invalid,
 * coordinator.dn1..5@demo.invalid and coordinator.jh1..5@demo.invalid (owners of the first five
 * institutions of each side). Env: DATABASE_URL, DEMO_SEED (default 20260101), DEMO_SCALE (default 1).
 */
import { CommonEnv, loadConfig } from '@dj/config'
import { createDb } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import Type from 'typebox'
import { hashPassword } from '../domains/accounts/passwords.js'
import { loadDemoPopulation } from '../domains/registry/demo-load.js'

const Env = Type.Object({
  ...CommonEnv,
  DEMO_PASSWORD: Type.String({ minLength: 12, default: 'demo-password-2026' }),
  DEMO_SEED: Type.Integer({ default: 20260101 }),
  DEMO_SCALE: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 1 }),
})

let config: ReturnType<typeof loadConfig<typeof Env>>
try {
  config = loadConfig(Env)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const handle = createDb(config.DATABASE_URL, { applicationName: 'dj-seed-demo', max: 2 })
try {
  const pop = generateDemoPopulation({
    seed: config.DEMO_SEED,
    scale: config.DEMO_SCALE,
    baseYear: new Date().getUTCFullYear() + 1,
  })
  const passwordHash = await hashPassword(config.DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const result = await handle.db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }),
  )
  if (!result.loaded) console.log('seed:demo: the registry already has institutions; nothing loaded')
  else
    console.log(
      `seed:demo: loaded ${result.institutions} demo institutions, ${result.interests} interests, ${result.accounts.length} accounts`,
    )
} finally {
  await handle.close()
}
