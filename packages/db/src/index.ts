export {
  createDb,
  type Db,
  type DbHandle,
  type DbOptions,
  type DbOrTx,
  type Schema,
  type Tx,
} from './client.js'
export {
  ERASED_LABEL,
  ERASED_NAME,
  eraseAccountRemains,
  erasedEmail,
  forgetAddressAndName,
} from './erasure.js'
export { MIGRATIONS_FOLDER, type MigrateResult, MigrationError, runMigrations } from './migrate.js'
export { builtOncePerHandle, executePrepared, executePreparedOrInTx } from './prepared.js'
export {
  DUREN_MUNICIPALITY_KEYS,
  REGIONS,
  type RegionSide,
  type RegionUnit,
  regionUnit,
} from './regions.js'
export * from './schema/index.js'
