import { type DbOrTx, type Format, interests, type Topic } from '@dj/db'
import { eq, sql } from 'drizzle-orm'
import { FieldsError } from '../errors.js'
import { type InterestFields, interestProblems } from './validate.js'

export type InterestRow = typeof interests.$inferSelect
export type InterestInput = Partial<InterestFields> & {
  tags?: string[]
  status?: InterestRow['status']
  reconfirm?: boolean
}

const DEFAULTS = { tags: [], windows: [], hostingGuests: 0, hostFamilies: 0, maxPartners: 1, status: 'open' }

export const today = () => new Date().toISOString().slice(0, 10)

export function interestOut(i: InterestRow) {
  return {
    id: i.id,
    institutionId: i.institutionId,
    // text[] columns; the values were validated against FORMATS/TOPICS on the way in.
    formats: i.formats as Format[],
    topics: i.topics as Topic[],
    tags: i.tags,
    ageMin: i.ageMin,
    ageMax: i.ageMax,
    groupMin: i.groupMin,
    groupMax: i.groupMax,
    languages: i.languages,
    windows: i.windows,
    durationMinDays: i.durationMinDays,
    durationMaxDays: i.durationMaxDays,
    direction: i.direction,
    hostingGuests: i.hostingGuests,
    hostFamilies: i.hostFamilies,
    maxPartners: i.maxPartners,
    status: i.status,
    lastConfirmedAt: i.lastConfirmedAt.toISOString(),
  }
}

export async function createInterest(tx: DbOrTx, institutionId: string, input: InterestInput) {
  const merged = { ...DEFAULTS, ...input } as InterestFields & typeof DEFAULTS
  const problems = interestProblems(merged, today())
  if (problems.length > 0) throw new FieldsError(problems)
  const { reconfirm: _ignored, ...values } = merged as typeof merged & { reconfirm?: boolean }
  const [row] = await tx
    .insert(interests)
    .values({ ...(values as unknown as typeof interests.$inferInsert), institutionId })
    .returning()
  return row!
}

export async function updateInterest(tx: DbOrTx, current: InterestRow, input: InterestInput) {
  const { reconfirm, ...changes } = input
  const merged = { ...current, ...changes } as unknown as InterestFields
  const problems = interestProblems(merged, today(), changes.windows !== undefined)
  if (problems.length > 0) throw new FieldsError(problems)
  const [row] = await tx
    .update(interests)
    .set({
      ...(changes as Partial<typeof interests.$inferInsert>),
      // Any edit by the institution counts as confirming the interest is still current.
      ...(reconfirm !== false ? { lastConfirmedAt: sql`now()` } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(interests.id, current.id))
    .returning()
  return row!
}
