import { randomBytes } from 'node:crypto'
import { runMigrations } from '@dj/db'
import postgres from 'postgres'

/** Tests only ever talk to the local server, never to a URL that could point at real data. */
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/** A fresh database migrated from empty, unique to this test file's run, dropped afterwards. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `dj_${label.replace(/\W/g, '_').slice(0, 20)}_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  const url = `postgres://postgres@127.0.0.1:5432/${name}`
  await runMigrations(url)
  return {
    name,
    url,
    async drop() {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`)
      } finally {
        await a.end()
      }
    },
  }
}
