import { type AgreementState, pendingSigners, type SigningConfig } from '@dj/agreement'
import type { OfficerAgreementState } from '@dj/contracts'
import { type AgreementStatus, agreements, type DbOrTx, institutions, partnerships, type Side } from '@dj/db'
import { and, eq, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  afterCursor,
  containsPattern,
  cursorColumns,
  type Dir,
  type Keyset,
  orderOf,
  pageOf,
} from '../keyset.js'

/**
 * The offices' list of partnerships with their agreement's state and who still has to sign
 * (issue 12, item 7). Every partnership pairs a Düren with a Jinhua institution, so both offices
 * (and admins) see all of them; the side only says which office "waiting for my office" means.
 * One statement per page: the filtered rows are a CTE that gives the page and the total.
 */

const duren = alias(institutions, 'inst_duren')
const jinhua = alias(institutions, 'inst_jinhua')

/** The list's status: `none` without an agreement, `completed` once the last signature is in. */
const stateOf = sql<OfficerAgreementState>`case
  when ${agreements.id} is null then 'none'
  when ${agreements.completedAt} is not null or ${agreements.status} = 'countersigned' then 'completed'
  else ${agreements.status} end`

/**
 * Only the partnership's newest agreement edition (the one in signing, or the last signed): one
 * row per partnership however often it was renewed.
 */
const newestEdition = sql`not exists (select 1 from agreements newer
  where newer.partnership_id = ${agreements.partnershipId} and newer.edition > ${agreements.edition})`

/** The current version's signatures that still count (an edit voids them). */
const liveSignature = (slot: SQL) => sql`exists (select 1 from agreement_signatures s
  where s.agreement_id = ${agreements.id} and s.version = ${agreements.version}
    and s.voided_at is null and s.slot = ${slot})`

/** Signed by both institutions, countersigning on, not complete: some office still signs. */
const awaitingOffices = sql`(${agreements.status} = 'signed_by_institutions'
  and ${agreements.completedAt} is null and (${agreements.config}->>'countersign')::boolean)`

/** Waits for that side's office (or, for null, for either office). */
export function waitingForOffice(side: Side | null): SQL {
  if (!side) return awaitingOffices
  return sql`(${awaitingOffices} and not ${liveSignature(sql`${`${side}.officer`}`)})`
}

/** Either script of the name, and its translations. */
const nameMatches = (inst: typeof duren | typeof jinhua, pattern: string) =>
  sql`(${inst.name} ilike ${pattern} or exists (select 1 from jsonb_each_text(${inst.nameI18n}) n
    where n.value ilike ${pattern}))`

export interface PartnershipListQuery {
  /** The office "waiting for my office" means; null: either office (admins without a side). */
  side: Side | null
  status?: OfficerAgreementState | undefined
  waitingForMyOffice?: boolean | undefined
  q?: string | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

export async function listOfficerPartnerships(db: DbOrTx, q: PartnershipListQuery) {
  const pattern = q.q ? containsPattern(q.q) : undefined
  const filtered = db.$with('filtered').as(
    db
      .select({
        id: sql<string>`${partnerships.id}`.as('pid'),
        createdAt: sql<Date>`${partnerships.createdAt}`.as('p_created_at'),
        durenId: sql<string>`${duren.id}`.as('duren_id'),
        durenName: sql<string>`${duren.name}`.as('duren_name'),
        jinhuaId: sql<string>`${jinhua.id}`.as('jinhua_id'),
        jinhuaName: sql<string>`${jinhua.name}`.as('jinhua_name'),
        agreementId: sql<string | null>`${agreements.id}`.as('agreement_id'),
        version: sql<number | null>`${agreements.version}`.as('agreement_version'),
        edition: sql<number | null>`${agreements.edition}`.as('agreement_edition'),
        rawStatus: sql<AgreementStatus | null>`${agreements.status}`.as('agreement_status'),
        config: sql<SigningConfig | null>`${agreements.config}`.as('agreement_config'),
        completedAt: sql<string | null>`${agreements.completedAt}`.as('completed_at'),
        status: stateOf.as('state'),
        lastChange: sql<string>`coalesce(${agreements.updatedAt}, ${partnerships.createdAt})`.as(
          'last_change',
        ),
      })
      .from(partnerships)
      // institution_a is the Düren one, institution_b the Jinhua one (as in proposals).
      .innerJoin(duren, eq(duren.id, partnerships.institutionA))
      .innerJoin(jinhua, eq(jinhua.id, partnerships.institutionB))
      .leftJoin(agreements, and(eq(agreements.partnershipId, partnerships.id), newestEdition))
      .where(
        and(
          q.status ? sql`${stateOf} = ${q.status}` : undefined,
          q.waitingForMyOffice ? waitingForOffice(q.side) : undefined,
          pattern ? sql`(${nameMatches(duren, pattern)} or ${nameMatches(jinhua, pattern)})` : undefined,
        ),
      ),
  )
  const ks: Keyset = {
    name: `lastChange.${q.dir ?? 'desc'}`,
    // Qualified by hand: the cursor columns repeat the bare names, which ORDER BY finds ambiguous.
    key: sql.raw('"filtered"."last_change"'),
    type: 'timestamptz',
    id: sql.raw('"filtered"."pid"'),
    idType: 'uuid',
    dir: q.dir ?? 'desc',
  }
  const rows = await db
    .with(filtered)
    .select({
      id: filtered.id,
      createdAt: filtered.createdAt,
      durenId: filtered.durenId,
      durenName: filtered.durenName,
      jinhuaId: filtered.jinhuaId,
      jinhuaName: filtered.jinhuaName,
      agreementId: filtered.agreementId,
      version: filtered.version,
      edition: filtered.edition,
      rawStatus: filtered.rawStatus,
      config: filtered.config,
      completedAt: filtered.completedAt,
      status: filtered.status,
      lastChange: filtered.lastChange,
      // Only for the page's rows: the slots signed on the current version.
      // Only for the page's rows: the slots signed on the current version. Qualified by hand:
      // a bare "agreement_id" would bind to the signatures' own column.
      signed: sql<string[]>`array(select s.slot from agreement_signatures s
        where s.agreement_id = "filtered"."agreement_id" and s.version = "filtered"."agreement_version"
          and s.voided_at is null)`,
      // The newest trip plan's checklist (issue 13); no row, so null, before a trip is planned.
      checklist: sql<{ done: number; total: number } | null>`(select json_build_object(
          'done', count(c.id) filter (where c.done_at is not null), 'total', count(c.id))
        from (select tp.id from trip_plans tp where tp.partnership_id = "filtered"."pid"
          order by tp.created_at desc limit 1) latest
        left join trip_checklist_items c on c.trip_plan_id = latest.id
        group by latest.id)`,
      total: sql<number>`(select count(*)::int from ${filtered})`,
      ...cursorColumns(ks),
    })
    .from(filtered)
    .where(afterCursor(ks, q.cursor))
    .orderBy(...orderOf(ks))
    .limit(q.limit + 1)
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  return {
    items: page.map(toItem),
    nextCursor,
    // An empty page (past the end) still needs the total: count without the cursor then.
    total: rows[0]?.total ?? (q.cursor ? await countOnly(db, q) : 0),
  }
}

async function countOnly(db: DbOrTx, q: PartnershipListQuery): Promise<number> {
  const res = await listOfficerPartnerships(db, { ...q, cursor: undefined, limit: 1 })
  return res.total
}

type Row = {
  id: string
  createdAt: Date | string
  durenId: string
  durenName: string
  jinhuaId: string
  jinhuaName: string
  agreementId: string | null
  version: number | null
  edition: number | null
  rawStatus: AgreementStatus | null
  config: SigningConfig | null
  completedAt: string | Date | null
  status: OfficerAgreementState
  lastChange: string | Date
  signed: string[]
  checklist: { done: number; total: number } | null
}

const iso = (d: string | Date) => new Date(d).toISOString()

function toItem(r: Row) {
  return {
    id: r.id,
    createdAt: iso(r.createdAt),
    duren: { id: r.durenId, name: r.durenName },
    jinhua: { id: r.jinhuaId, name: r.jinhuaName },
    status: r.status,
    agreement:
      r.agreementId && r.version && r.rawStatus && r.config
        ? {
            id: r.agreementId,
            version: r.version,
            edition: r.edition ?? 1,
            countersign: r.config.countersign,
            pending: pending(r.rawStatus, r.config, r.signed),
            completedAt: r.completedAt ? iso(r.completedAt) : null,
          }
        : null,
    checklist: r.checklist,
    lastChange: iso(r.lastChange),
  }
}

/** Who still signs, by the domain's rule (pendingSigners reads only status, config and slots). */
function pending(status: AgreementStatus, config: SigningConfig, signed: string[]) {
  const state = {
    status,
    config,
    signatures: signed.map((slot) => ({ slot })),
  } as unknown as AgreementState
  return pendingSigners(state).map(({ slot, side, kind }) => ({ slot, side, kind }))
}
