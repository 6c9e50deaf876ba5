import type { DbOrTx } from '@dj/db'
import { sql } from 'drizzle-orm'

/**
 * What an audit entry is about, as people name it (an institution's or user's name, the two
 * institutions of a proposal), so the log never shows a bare id. Unknown kinds get null.
 */
export async function withEntityLabels<T extends { entityType: string; entityId: string | null }>(
  db: DbOrTx,
  items: T[],
): Promise<(T & { entityLabel: string | null })[]> {
  const ids = (type: string) => [
    ...new Set(items.filter((i) => i.entityType === type && i.entityId).map((i) => i.entityId!)),
  ]
  const uuids = (list: string[]) => list.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  const labels = new Map<string, string>()
  const read = async (type: string, query: (list: string[]) => ReturnType<typeof sql>) => {
    const list = uuids(ids(type))
    if (list.length === 0) return
    const rows = (await db.execute(query(list))) as unknown as { id: string; label: string }[]
    for (const r of rows) labels.set(`${type}:${r.id}`, r.label)
  }
  const array = (list: string[]) =>
    sql`array[${sql.join(
      list.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]`
  await read(
    'institution',
    (l) => sql`select id::text, name as label from institutions where id = any(${array(l)})`,
  )
  await read(
    'user',
    (l) => sql`select id::text, display_name as label from users where id = any(${array(l)})`,
  )
  await read(
    'interest',
    (l) => sql`select x.id::text, i.name as label from interests x
      join institutions i on i.id = x.institution_id where x.id = any(${array(l)})`,
  )
  await read(
    'proposal',
    (l) => sql`select p.id::text, a.name || ' – ' || b.name as label from proposals p
      join institutions a on a.id = p.institution_a join institutions b on b.id = p.institution_b
      where p.id = any(${array(l)})`,
  )
  return items.map((i) => ({ ...i, entityLabel: labels.get(`${i.entityType}:${i.entityId}`) ?? null }))
}
