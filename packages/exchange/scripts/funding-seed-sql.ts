// Prints the seed migration's SQL: `pnpm -s tsx packages/exchange/scripts/funding-seed-sql.ts > <migration>.sql`.
import { FUNDING_SEED, fundingSeedSql } from '../src/index.js'

process.stdout.write(fundingSeedSql(FUNDING_SEED))
