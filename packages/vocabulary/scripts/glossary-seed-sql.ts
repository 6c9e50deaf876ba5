// Prints the seed migration's SQL: `pnpm -s tsx packages/vocabulary/scripts/glossary-seed-sql.ts > <migration>.sql`.
import { GLOSSARY, glossarySeedSql } from '../src/index.js'

process.stdout.write(glossarySeedSql(GLOSSARY))
