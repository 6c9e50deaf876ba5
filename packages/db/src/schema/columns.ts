import { sql } from 'drizzle-orm'
import { timestamp, uuid } from 'drizzle-orm/pg-core'

/** Every time is stored as timestamptz; the reader's zone is applied only when rendering. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
export const createdAt = () => ts('created_at').notNull().defaultNow()
export const updatedAt = () => ts('updated_at').notNull().defaultNow()
export const pk = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`)
