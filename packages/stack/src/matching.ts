import type { App } from '@dj/api'
import { institutions, interests, memberships, proposals, type Side } from '@dj/db'
import { matchableInterest } from '@dj/testkit'

export interface SeededInstitution {
  id: string
  name: string
  side: Side
  interestId: string
}

/** A verified institution with one open interest, its coordinator a member; every cross pair is feasible. */
export async function seedInstitution(
  app: App,
  side: Side,
  name: string,
  memberIds: string[],
  opts: { topics?: string[]; status?: 'pending' | 'verified' } = {},
): Promise<SeededInstitution> {
  const [inst] = await app.db
    .insert(institutions)
    .values({
      side,
      name,
      status: opts.status ?? 'verified',
      kind: 'school',
      subtype: side === 'duren' ? 'gymnasium' : 'senior_high',
      contact: { name: `Contact ${name}`, role: 'teacher', email: `contact@${side}.example` },
      contactConsentAt: new Date(),
    })
    .returning({ id: institutions.id })
  for (const userId of memberIds) {
    await app.db.insert(memberships).values({ userId, institutionId: inst!.id, role: 'owner' })
  }
  const [interest] = await app.db
    .insert(interests)
    .values(matchableInterest(inst!.id, opts.topics ? { topics: opts.topics } : {}))
    .returning({ id: interests.id })
  return { id: inst!.id, name, side, interestId: interest!.id }
}

/** An open proposal between two seeded institutions, as a round would write it. */
export async function seedProposal(
  app: App,
  a: SeededInstitution,
  b: SeededInstitution,
  opts: { expiresAt?: Date } = {},
): Promise<string> {
  const [row] = await app.db
    .insert(proposals)
    .values({
      interestA: a.interestId,
      interestB: b.interestId,
      institutionA: a.id,
      institutionB: b.id,
      score: 0.8,
      explanation: [{ criterion: 'topics', raw: 1, weight: 0.8, contribution: 0.8 }],
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 21 * 86_400_000),
    })
    .returning({ id: proposals.id })
  return row!.id
}

/** Outbox rows of one event type about one proposal (notify queue only: one row per message). */
export async function eventsFor(app: App, type: string, proposalId: string) {
  return app.dbHandle.sql<{ payload: Record<string, unknown> & { audience: Record<string, unknown> } }[]>`
    select payload from outbox
    where event_type = ${type} and queue = 'notify' and payload->>'proposalId' = ${proposalId}
    order by created_at`
}
