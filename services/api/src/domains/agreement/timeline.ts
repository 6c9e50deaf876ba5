import type { TimelineEntry } from '@dj/contracts'
import { agreementSignatures, agreements, agreementVersions } from '@dj/db'
import { asc, eq, inArray } from 'drizzle-orm'
import type { TimelineSource } from '../workspace/timeline.js'

/**
 * The agreement's history in the workspace timeline: each version written, each time one went
 * out for signature, each signature, each void (one entry per edit that voided signatures) and
 * the completion, for every edition ("plan the next one" starts another), each entry labelled
 * with its edition. Who wrote a version is not an institution's act the timeline names.
 */
export const agreementSource: TimelineSource = async (db, p) => {
  const rows = await db
    .select({
      id: agreements.id,
      edition: agreements.edition,
      completedAt: agreements.completedAt,
      version: agreements.version,
    })
    .from(agreements)
    .where(eq(agreements.partnershipId, p.id))
    .orderBy(asc(agreements.edition))
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [versions, sigs] = await Promise.all([
    db
      .select({
        agreementId: agreementVersions.agreementId,
        version: agreementVersions.version,
        createdAt: agreementVersions.createdAt,
        readyAt: agreementVersions.readyAt,
      })
      .from(agreementVersions)
      .where(inArray(agreementVersions.agreementId, ids)),
    db
      .select({
        agreementId: agreementSignatures.agreementId,
        version: agreementSignatures.version,
        side: agreementSignatures.side,
        institutionId: agreementSignatures.institutionId,
        signedAt: agreementSignatures.signedAt,
        voidedAt: agreementSignatures.voidedAt,
      })
      .from(agreementSignatures)
      .where(inArray(agreementSignatures.agreementId, ids)),
  ])
  const at = (d: Date) => d.toISOString()
  const out: TimelineEntry[] = []
  for (const row of rows) {
    const base = { subjectId: row.id, side: null, institutionId: null, edition: row.edition }
    for (const v of versions) {
      if (v.agreementId !== row.id) continue
      out.push({ ...base, kind: 'agreement.version', at: at(v.createdAt), version: v.version })
      if (v.readyAt) out.push({ ...base, kind: 'agreement.ready', at: at(v.readyAt), version: v.version })
    }
    const voids = new Map<string, number>()
    for (const s of sigs) {
      if (s.agreementId !== row.id) continue
      out.push({
        ...base,
        kind: 'agreement.signed',
        at: at(s.signedAt),
        version: s.version,
        side: s.side,
        institutionId: s.institutionId,
      })
      if (s.voidedAt) voids.set(at(s.voidedAt), s.version)
    }
    for (const [when, version] of voids) out.push({ ...base, kind: 'agreement.voided', at: when, version })
    if (row.completedAt)
      out.push({ ...base, kind: 'agreement.completed', at: at(row.completedAt), version: row.version })
  }
  return out
}
