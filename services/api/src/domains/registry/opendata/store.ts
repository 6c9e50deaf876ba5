import { type DbOrTx, institutions, type OpenDataSource, type Side } from '@dj/db'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { OpenDataFile, OpenDataSchool, SkippedRow } from './schulgrunddaten.js'

export interface ImportOutcome {
  added: number
  updated: number
  unchanged: number
  changes: { line: number; sourceKey: string; name: string; outcome: 'added' | 'updated' | 'unchanged' }[]
  skipped: (Omit<SkippedRow, 'reason'> & { reason: SkippedRow['reason'] | 'other_side' })[]
}

type Row = typeof institutions.$inferSelect

/** What the source says about a school: the fields it owns until someone claims the entry. */
function sourceFields(s: OpenDataSchool) {
  return {
    name: s.name,
    nameI18n: s.nameI18n,
    kind: s.kind,
    subtype: s.subtype,
    municipalityId: s.municipalityId,
    website: s.website,
    ...locationFields(s),
  }
}
/** Once claimed, the owner keeps name, kind and homepage; address and position still follow the source. */
function locationFields(s: OpenDataSchool) {
  return { address: s.address, lat: s.lat, lon: s.lon, emailDomain: s.emailDomain }
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  )
const same = (a: object, b: object) => canonical(a) === canonical(b)
function storedOf(r: Row, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, r[k as keyof Row] ?? null]))
}
function normalised(v: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x ?? null]))
}

/**
 * Writes the file's schools as unclaimed registry entries of the side, matched by (source,
 * source key): new ones are added, known ones updated when the source changed them. Entries stay
 * `pending` with no members (out of search and matching) until a claim is confirmed.
 */
export async function writeOpenDataSchools(
  tx: DbOrTx,
  side: Side,
  source: OpenDataSource,
  file: OpenDataFile,
): Promise<ImportOutcome> {
  const out: ImportOutcome = { added: 0, updated: 0, unchanged: 0, changes: [], skipped: [...file.skipped] }
  const keys = file.schools.map((s) => s.sourceKey)
  const existing =
    keys.length === 0
      ? []
      : await tx
          .select()
          .from(institutions)
          .where(and(eq(institutions.source, source), inArray(institutions.sourceKey, keys)))
  const byKey = new Map(existing.map((r) => [r.sourceKey!, r]))
  for (const school of file.schools) {
    const current = byKey.get(school.sourceKey)
    const change = (outcome: 'added' | 'updated' | 'unchanged') => {
      out[outcome]++
      out.changes.push({ line: school.line, sourceKey: school.sourceKey, name: school.name, outcome })
    }
    if (!current) {
      await tx.insert(institutions).values({
        ...sourceFields(school),
        side,
        status: 'pending',
        source,
        sourceKey: school.sourceKey,
        claimState: 'unclaimed',
      })
      change('added')
      continue
    }
    if (current.side !== side) {
      out.skipped.push({
        line: school.line,
        sourceKey: school.sourceKey,
        name: school.name,
        reason: 'other_side',
        detail: 'this key belongs to an entry of the other side',
      })
      continue
    }
    const values = normalised(
      current.claimState === 'claimed' ? locationFields(school) : sourceFields(school),
    )
    if (same(storedOf(current, Object.keys(values)), values)) change('unchanged')
    else {
      await tx
        .update(institutions)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(institutions.id, current.id))
      change('updated')
    }
  }
  out.skipped.sort((a, b) => a.line - b.line)
  return out
}
