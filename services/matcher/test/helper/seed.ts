import { type Db, institutions, interests, type Side } from '@dj/db'
import { matchableInterest } from '@dj/testkit'

export interface SeedInterest {
  topics?: string[]
  formats?: string[]
  ageMin?: number
  ageMax?: number
  status?: 'open' | 'paused' | 'full' | 'closed'
  maxPartners?: number
}

export interface SeedInstitution {
  side: Side
  name: string
  status?: 'pending' | 'verified' | 'rejected' | 'suspended'
  interests: SeedInterest[]
}

export interface Seeded {
  institutionId: string
  name: string
  side: Side
  interestIds: string[]
}

/** Institutions and interests straight into the database: every pair of open ones is feasible. */
export async function seedPopulation(db: Db, spec: SeedInstitution[]): Promise<Seeded[]> {
  const out: Seeded[] = []
  for (const s of spec) {
    const [inst] = await db
      .insert(institutions)
      .values({
        side: s.side,
        name: s.name,
        status: s.status ?? 'verified',
        kind: 'school',
        subtype: s.side === 'duren' ? 'gymnasium' : 'senior_high',
      })
      .returning({ id: institutions.id })
    const ids: string[] = []
    for (const i of s.interests) {
      const [row] = await db
        .insert(interests)
        .values(
          matchableInterest(inst!.id, {
            formats: i.formats ?? ['pupil_exchange_hosting'],
            topics: i.topics ?? ['culture'],
            ageMin: i.ageMin ?? 13,
            ageMax: i.ageMax ?? 16,
            maxPartners: i.maxPartners ?? 1,
            status: i.status ?? 'open',
          }),
        )
        .returning({ id: interests.id })
      ids.push(row!.id)
    }
    out.push({ institutionId: inst!.id, name: s.name, side: s.side, interestIds: ids })
  }
  return out
}

/** Three verified institutions per side with one open interest each, plus ones a round must skip. */
export const SMALL_POPULATION: SeedInstitution[] = [
  { side: 'duren', name: 'Gymnasium Am Wirteltor', interests: [{ topics: ['culture', 'science'] }] },
  { side: 'duren', name: 'Realschule Jülich', interests: [{ topics: ['sport'] }] },
  { side: 'duren', name: 'Berufskolleg Kreis Düren', interests: [{ topics: ['economy', 'culture'] }] },
  { side: 'jinhua', name: 'Jinhua No. 1 Middle School', interests: [{ topics: ['culture', 'science'] }] },
  { side: 'jinhua', name: 'Yiwu Sports School', interests: [{ topics: ['sport', 'culture'] }] },
  { side: 'jinhua', name: 'Dongyang High School', interests: [{ topics: ['economy'] }] },
  // Must never appear in a round: pending institution, paused interest.
  { side: 'jinhua', name: 'Pending School', status: 'pending', interests: [{ topics: ['culture'] }] },
  { side: 'duren', name: 'Paused School', interests: [{ topics: ['culture'], status: 'paused' }] },
]
