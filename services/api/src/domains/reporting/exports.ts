import { INSTITUTION_COLUMNS, PARTNERSHIP_COLUMNS } from '@dj/contracts'
import { type DbOrTx, institutions, interests, partnerships, proposals, regionUnit, type Side } from '@dj/db'
import { asc, eq, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.js'
import { type CsvCell, toCsv } from './csv.js'

/** Column orders of the files (declared with the routes, which document them). */
export { INSTITUTION_COLUMNS, PARTNERSHIP_COLUMNS }

// Qualified by hand: drizzle drops the table name of columns in single-table selects, and
// inside these correlated subqueries a bare "id" would bind to the inner table.
const inst = sql.raw('"institutions"."id"')
const count = (query: SQL) => sql<number>`(${query})::int`

/**
 * The side's institutions (every side for an admin without `side`), ordered by side and name.
 * The contact person is only written for readers of the institution's own side (or admins);
 * nobody else's personal data is in the file.
 */
export async function institutionsCsv(db: DbOrTx, p: Actor, side: Side | null): Promise<string> {
  const rows = await db
    .select({
      i: institutions,
      interests: count(sql`select count(*) from interests x where x.institution_id = ${inst}`),
      interestsOpen: count(
        sql`select count(*) from interests x where x.institution_id = ${inst} and x.status = 'open'`,
      ),
      proposals: count(
        sql`select count(*) from proposals x where x.institution_a = ${inst} or x.institution_b = ${inst}`,
      ),
      partnerships: count(
        sql`select count(*) from partnerships x where x.institution_a = ${inst} or x.institution_b = ${inst}`,
      ),
    })
    .from(institutions)
    .where(side ? eq(institutions.side, side) : undefined)
    .orderBy(asc(institutions.side), asc(institutions.name), asc(institutions.id))
  const lines: CsvCell[][] = rows.map(({ i, ...n }) => {
    const unit = i.municipalityId ? regionUnit(i.side, i.municipalityId) : undefined
    const contact = p.role === 'admin' || p.side === i.side ? i.contact : null
    return [
      i.id,
      i.side,
      i.name,
      i.nameI18n.de,
      i.nameI18n.en,
      i.nameI18n.zh,
      i.status,
      i.kind,
      i.subtype,
      i.discipline,
      i.municipalityId,
      unit?.de,
      unit?.zh,
      i.website,
      i.size,
      i.languages.map((l) => `${l.lang}:${l.level}:${l.use}`).join(';'),
      n.interests,
      n.interestsOpen,
      n.proposals,
      n.partnerships,
      i.createdAt.toISOString(),
      i.statusChangedAt?.toISOString(),
      contact?.name,
      contact?.role,
      contact?.email,
    ]
  })
  return toCsv(INSTITUTION_COLUMNS, lines)
}

const instA = alias(institutions, 'inst_a')
const instB = alias(institutions, 'inst_b')
const intA = alias(interests, 'int_a')
const intB = alias(interests, 'int_b')

/**
 * Every partnership (each one joins a Düren and a Jinhua institution, so both offices share the
 * list). Topics and formats are those both interests have in common. No contact data.
 */
export async function partnershipsCsv(db: DbOrTx): Promise<string> {
  const ps = sql.raw('"partnerships"."id"')
  const rows = await db
    .select({
      ps: partnerships,
      origin: proposals.origin,
      score: proposals.score,
      a: { id: instA.id, name: instA.name, municipalityId: instA.municipalityId },
      b: { id: instB.id, name: instB.name, municipalityId: instB.municipalityId },
      topicsA: intA.topics,
      topicsB: intB.topics,
      formatsA: intA.formats,
      formatsB: intB.formats,
      visitsScheduled: count(
        sql`select count(*) from visits v where v.partnership_id = ${ps} and v.status <> 'cancelled'`,
      ),
      visitsDone: count(sql`select count(*) from visits v where v.partnership_id = ${ps}
        and v.status <> 'cancelled' and v.end_date < (now() at time zone v.time_zone)::date`),
    })
    .from(partnerships)
    .innerJoin(instA, eq(instA.id, partnerships.institutionA))
    .innerJoin(instB, eq(instB.id, partnerships.institutionB))
    .innerJoin(intA, eq(intA.id, partnerships.interestA))
    .innerJoin(intB, eq(intB.id, partnerships.interestB))
    .leftJoin(proposals, eq(proposals.id, partnerships.proposalId))
    .orderBy(asc(partnerships.createdAt), asc(partnerships.id))
  const common = (x: string[], y: string[]) => x.filter((v) => y.includes(v)).join(';')
  return toCsv(
    PARTNERSHIP_COLUMNS,
    rows.map((r) => [
      r.ps.id,
      r.ps.createdAt.toISOString(),
      r.ps.proposalId,
      r.origin,
      r.score,
      r.a.id,
      r.a.name,
      r.a.municipalityId,
      r.b.id,
      r.b.name,
      r.b.municipalityId,
      common(r.topicsA, r.topicsB),
      common(r.formatsA, r.formatsB),
      r.visitsScheduled,
      r.visitsDone,
    ]),
  )
}
