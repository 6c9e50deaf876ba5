import type { TestContext } from './api.js'

/**
 * Every text, JSON and array value stored in any table of the test database (one string per row and
 * column), and every whole row as JSON, so a test can show a secret or a traveller's data is nowhere.
 */
export async function everythingInPostgres(ctx: TestContext): Promise<string[]> {
  const columns = await ctx.app.dbHandle.sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`
  const values: string[] = []
  for (const c of columns) {
    const rows = await ctx.app.dbHandle.sql.unsafe<{ v: string }[]>(
      `select "${c.column_name}"::text as v from "${c.table_name}" where "${c.column_name}" is not null`,
    )
    for (const r of rows) values.push(`${c.table_name}.${c.column_name}: ${r.v}`)
  }
  // Whole rows as well (to_jsonb of every table), so no column type is missed.
  const tables = await ctx.app.dbHandle.sql<{ table_name: string }[]>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
  for (const { table_name } of tables) {
    const rows = await ctx.app.dbHandle.sql.unsafe<{ v: string }[]>(
      `select to_jsonb(t)::text as v from "${table_name}" t`,
    )
    for (const r of rows) values.push(`${table_name}: ${r.v}`)
  }
  return values
}

/** Every key of this run's Redis prefix with its whole content, whatever its type. */
export async function everythingInRedis(ctx: TestContext): Promise<string[]> {
  const redis = ctx.app.producers.connection
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${ctx.redis.prefix}*`, 'COUNT', 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  const out: string[] = []
  for (const key of keys) {
    const type = await redis.type(key)
    const content =
      type === 'hash'
        ? await redis.hgetall(key)
        : type === 'string'
          ? await redis.get(key)
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1')
                : type === 'stream'
                  ? await redis.xrange(key, '-', '+')
                  : null
    out.push(`${key}: ${JSON.stringify(content)}`)
  }
  return out
}
