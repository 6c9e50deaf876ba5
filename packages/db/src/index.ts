export { createDb, type Db, type DbHandle, type DbOptions, type DbOrTx, type Schema, type Tx } from './client.js'
export { MIGRATIONS_FOLDER, MigrationError, type MigrateResult, runMigrations } from './migrate.js'
export * from './schema/index.js'
