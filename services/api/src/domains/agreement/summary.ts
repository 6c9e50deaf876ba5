import type { InstitutionSummary, InterestSummary, PartnershipSummary } from '@dj/agreement'
import { type DbOrTx, institutions, interests, memberships, users } from '@dj/db'
import type { Direction, Format, Language, Topic } from '@dj/vocabulary'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Partnership } from '../workspace/access.js'

/**
 * What the platform knows of a partnership for its first draft: both institutions (names in
 * every script they gave, kind), a coordinator each as first contact (the longest-standing
 * member, an adult with an account) and the interests they were matched on.
 */
export async function partnershipSummary(db: DbOrTx, p: Partnership): Promise<PartnershipSummary> {
  const ids = [p.institutionA, p.institutionB]
  const [insts, ints, members] = await Promise.all([
    db.select().from(institutions).where(inArray(institutions.id, ids)),
    db
      .select()
      .from(interests)
      .where(inArray(interests.id, [p.interestA, p.interestB])),
    db
      .select({
        institutionId: memberships.institutionId,
        name: users.displayName,
        email: users.email,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inArray(memberships.institutionId, ids)))
      .orderBy(asc(memberships.createdAt)),
  ])
  const summary = (id: string): InstitutionSummary => {
    const i = insts.find((x) => x.id === id)!
    const first = members.find((m) => m.institutionId === id)
    const own = i.side === 'duren' ? 'de' : 'zh'
    return {
      id,
      kind: i.kind ?? 'school',
      name: { ...i.nameI18n, [own]: i.nameI18n[own] ?? i.name },
      ...(first?.name ? { coordinator: { name: first.name, email: first.email } } : {}),
    }
  }
  const interest = (institutionId: string): InterestSummary | undefined => {
    const r = ints.find((x) => x.institutionId === institutionId)
    if (!r) return undefined
    return {
      formats: r.formats as Format[],
      topics: r.topics as Topic[],
      windows: r.windows,
      ageMin: r.ageMin,
      ageMax: r.ageMax,
      groupMin: r.groupMin,
      groupMax: r.groupMax,
      languages: r.languages.map((l) => l.lang as Language),
      direction: r.direction as Direction,
      hostFamilies: r.hostFamilies,
    }
  }
  return {
    duren: summary(p.institutionA),
    jinhua: summary(p.institutionB),
    interests: {
      ...(interest(p.institutionA) ? { duren: interest(p.institutionA)! } : {}),
      ...(interest(p.institutionB) ? { jinhua: interest(p.institutionB)! } : {}),
    },
  }
}
