import { CommonEnv, loadConfig } from '@dj/config'
import Type from 'typebox'
import { runMigrations } from '../migrate.js'

// Exits non-zero on any failure so a deploy never runs on a half-migrated schema.
try {
  const config = loadConfig(Type.Object({ DATABASE_URL: CommonEnv.DATABASE_URL }))
  const result = await runMigrations(config.DATABASE_URL)
  console.log(`migrations: ${result.applied} applied, journal ${result.journal}`)
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
