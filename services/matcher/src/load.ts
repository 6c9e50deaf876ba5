import {
  type DbOrTx,
  excludedPairs,
  institutions,
  interests,
  type matchRounds,
  partnerships,
  proposals,
} from '@dj/db'
import { and, arrayOverlaps, asc, eq, inArray, type SQL } from 'drizzle-orm'
import type { RoundInput } from './compute.js'
import { type InterestRow, toMatchInterest } from './map.js'

type Round = typeof matchRounds.$inferSelect

/**
 * Open interests of verified institutions in the round's scope (both sides), with what must not be
 * proposed (declined, blocked), what already uses capacity (partnerships, live proposals) and who
 * were partners before. Everything is ordered by id so the same data always gives the same result.
 */
export async function loadRoundInput(db: DbOrTx, round: Pick<Round, 'scope'>): Promise<RoundInput> {
  const filters: SQL[] = [eq(interests.status, 'open'), eq(institutions.status, 'verified')]
  if (round.scope.formats && round.scope.formats.length > 0) {
    filters.push(arrayOverlaps(interests.formats, round.scope.formats))
  }
  if (round.scope.topics && round.scope.topics.length > 0) {
    filters.push(arrayOverlaps(interests.topics, round.scope.topics))
  }
  const rows: InterestRow[] = await db
    .select({
      id: interests.id,
      institutionId: interests.institutionId,
      side: institutions.side,
      kind: institutions.kind,
      subtype: institutions.subtype,
      formats: interests.formats,
      topics: interests.topics,
      tags: interests.tags,
      ageMin: interests.ageMin,
      ageMax: interests.ageMax,
      groupMin: interests.groupMin,
      groupMax: interests.groupMax,
      languages: interests.languages,
      windows: interests.windows,
      durationMinDays: interests.durationMinDays,
      durationMaxDays: interests.durationMaxDays,
      direction: interests.direction,
      hostingGuests: interests.hostingGuests,
      maxPartners: interests.maxPartners,
    })
    .from(interests)
    .innerJoin(institutions, eq(institutions.id, interests.institutionId))
    .where(and(...filters))
    .orderBy(asc(interests.id))

  const excludedRows = await db
    .select({
      institutionA: excludedPairs.institutionA,
      institutionB: excludedPairs.institutionB,
      interestA: excludedPairs.interestA,
      interestB: excludedPairs.interestB,
    })
    .from(excludedPairs)
    .orderBy(asc(excludedPairs.institutionA), asc(excludedPairs.institutionB), asc(excludedPairs.interestA))
  const excluded: [string, string][] = excludedRows.map((r) =>
    r.interestA && r.interestB ? [r.interestA, r.interestB] : [r.institutionA, r.institutionB],
  )

  const partnerRows = await db
    .select({
      interestA: partnerships.interestA,
      interestB: partnerships.interestB,
      institutionA: partnerships.institutionA,
      institutionB: partnerships.institutionB,
    })
    .from(partnerships)
    .orderBy(asc(partnerships.createdAt), asc(partnerships.id))
  const live = await db
    .select({ interestA: proposals.interestA, interestB: proposals.interestB })
    .from(proposals)
    .where(inArray(proposals.status, ['open', 'accepted']))
    // Accepted before open, then oldest first: what is furthest along keeps its capacity.
    .orderBy(asc(proposals.status), asc(proposals.createdAt), asc(proposals.id))

  const prev = new Set<string>()
  const previousPartners: [string, string][] = []
  for (const p of partnerRows) {
    const k = `${p.institutionA}|${p.institutionB}`
    if (prev.has(k)) continue
    prev.add(k)
    previousPartners.push([p.institutionA, p.institutionB])
  }
  return {
    interests: rows.map(toMatchInterest),
    excluded,
    previousPartners,
    committed: [
      ...partnerRows.map((p): [string, string] => [p.interestA, p.interestB]),
      ...live.map((p): [string, string] => [p.interestA, p.interestB]),
    ],
  }
}
