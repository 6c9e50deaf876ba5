#!/usr/bin/env node
// Creates the database named in DATABASE_URL when it does not exist yet (local development).
import postgres from '../packages/db/node_modules/postgres/src/index.js'

const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dj')
const name = decodeURIComponent(url.pathname.slice(1))
if (!/^[\w-]+$/.test(name)) {
  console.error(`refusing to create a database with the name "${name}"`)
  process.exit(1)
}
const admin = new URL(url)
admin.pathname = '/postgres'
const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} })
try {
  const rows = await sql`select 1 from pg_database where datname = ${name}`
  if (rows.length === 0) {
    await sql.unsafe(`create database "${name}"`)
    console.log(`created database ${name}`)
  }
} catch (error) {
  console.error(`could not create database ${name}: ${error.message}`)
  process.exitCode = 1
} finally {
  await sql.end()
}
