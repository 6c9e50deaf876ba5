import type { Interest, PublicInstitution } from '@dj/contracts'
import { type Db, type DbOrTx, executePrepared, REGIONS, type Side } from '@dj/db'
import type { GlossaryTerm } from '@dj/vocabulary'
import { type SQL, sql } from 'drizzle-orm'
import { termMatch, textOrTermsCondition } from '../glossary/search-terms.js'

export interface SearchFilters {
  side: Side
  q?: string
  kind?: string
  municipalityId?: string
  topic?: string[]
  format?: string[]
  ageMin?: number
  ageMax?: number
  lang?: string[]
  from?: string
  to?: string
  /** Topics and formats the words of `q` name in the reader's language (the web resolves them). */
  qTopic?: string[]
  qFormat?: string[]
  /** A coordinator searching: each hit says which of their interests already expressed interest. */
  viewerId?: string
  /** Glossary terms `q` also finds (translations; see glossary/expansion.ts), OR-ed with it. */
  expansion?: readonly GlossaryTerm[]
  after?: string
  limit: number
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()

/**
 * Places a query names: a municipality or district of the side in any language ("Lanxi", 兰溪,
 * Wucheng). The region's own name (金华) is left to the text: every partner is in the region, so
 * it would filter nothing; names like 金华市第一中学 carry it.
 */
function placeMatch(side: Side, q: string): string[] {
  const n = norm(q)
  if (n.length < 2) return []
  return REGIONS[side].units
    .filter((u) => [u.de, u.en, u.zh].some((name) => norm(name).includes(n)))
    .map((u) => u.id)
}

/**
 * Full-text condition over the normalised name/translation/description document. The bigram
 * containment test is answered by the GIN index on search_grams (works for Chinese, which has no
 * spaces, and for German); strpos then confirms the exact normalised substring.
 */
function textCondition(q: string): SQL {
  return sql`i.search_grams @> dj_bigrams(btrim(dj_search_norm(${q})))
    and strpos(i.search_text, btrim(dj_search_norm(${q}))) > 0`
}

/**
 * A list as ONE bound text[] parameter (postgres.js writes the array literal, quoting every
 * element), so the statement text is the same for one topic or eight: a prepared statement is
 * reused instead of one per list length, and no value is ever spliced into the text.
 */
const textArray = (values: readonly string[]): SQL => sql`${sql.param([...values])}::text[]`

/**
 * What `q` matches: the institution's text, a place of the side, or (for the topic and format
 * words) the interest's topics and formats; `x` is the interest alias, or null to ask whether the
 * institution has any open interest of that kind; or one of the glossary's terms for it.
 */
function queryCondition(f: SearchFilters & { q: string }, x: 'x' | null): SQL {
  if (!f.expansion?.length) return directCondition(f, x)
  return directCondition(f, x, textOrTermsCondition(f.side, f.q, f.expansion))
}

/** What `q` matches by `text` (by default its own text alone, without the glossary's terms). */
function directCondition(f: SearchFilters & { q: string }, x: 'x' | null, text = textCondition(f.q)): SQL {
  const parts: SQL[] = [text]
  const places = placeMatch(f.side, f.q)
  if (places.length > 0) parts.push(sql`i.municipality_id = any(${textArray(places)})`)
  const kinds: SQL[] = []
  if (f.qTopic?.length) kinds.push(sql`y.topics && ${textArray(f.qTopic)}`)
  if (f.qFormat?.length) kinds.push(sql`y.formats && ${textArray(f.qFormat)}`)
  if (kinds.length > 0) {
    const anyKind = sql.join(kinds, sql` or `)
    parts.push(
      x
        ? sql`exists (select 1 from interests y where y.id = x.id and (${anyKind}))`
        : sql`exists (select 1 from interests y where y.institution_id = i.id and y.status = 'open' and (${anyKind}))`,
    )
  }
  return sql`(${sql.join(parts, sql` or `)})`
}

function interestConditions(f: SearchFilters): SQL[] {
  const c: SQL[] = [sql`x.status = 'open'`]
  if (f.topic?.length) c.push(sql`x.topics && ${textArray(f.topic)}`)
  if (f.format?.length) c.push(sql`x.formats && ${textArray(f.format)}`)
  if (f.ageMin !== undefined) c.push(sql`x.age_max >= ${f.ageMin}`)
  if (f.ageMax !== undefined) c.push(sql`x.age_min <= ${f.ageMax}`)
  // Any of the languages: `@> any(...)` is the or of one containment per language (each answerable
  // by the jsonb_path_ops index), written with one array parameter so the text does not vary.
  if (f.lang?.length)
    c.push(sql`x.languages @> any(${textArray(f.lang.map((l) => JSON.stringify([{ lang: l }])))}::jsonb[])`)
  if (f.from || f.to)
    c.push(sql`exists (select 1 from jsonb_array_elements(x.windows) w
      where (w->>'end') >= ${f.from ?? '0000-01-01'} and (w->>'start') <= ${f.to ?? '9999-12-31'})`)
  return c
}

function institutionConditions(f: SearchFilters, x: 'x' | null = null): SQL[] {
  const c: SQL[] = [sql`i.side = ${f.side}`, sql`i.status = 'verified'`]
  if (f.kind) c.push(sql`i.kind = ${f.kind}`)
  if (f.municipalityId) c.push(sql`i.municipality_id = ${f.municipalityId}`)
  if (f.q?.trim()) c.push(queryCondition({ ...f, q: f.q }, x))
  return c
}

const hasInterestFilter = (f: SearchFilters) =>
  Boolean(f.topic?.length || f.format?.length || f.ageMin !== undefined || f.ageMax !== undefined) ||
  Boolean(f.lang?.length || f.from || f.to)

const PUBLIC_COLUMNS = sql`i.id, i.side, i.name, i.name_i18n, i.kind, i.subtype, i.discipline,
  i.municipality_id, i.website, i.size, i.languages, i.description, i.status`

/**
 * Which glossary term found a row: null when `q` itself did, else the index of the first term in
 * `expansion` the row's text contains (the WHERE already made sure one does). Only with an expansion.
 */
function matchedViaColumn(f: SearchFilters, x: 'x' | null): SQL {
  const terms = f.q?.trim() ? (f.expansion ?? []) : []
  if (terms.length === 0) return sql``
  const which = terms.map((t, k) => sql`when ${termMatch('i', t.term)} then ${k}::int`)
  return sql`, case when ${directCondition({ ...f, q: f.q! }, x)} then null
    else (case ${sql.join(which, sql` `)} end) end as matched_via`
}

/** The hit's matchedVia from the row's matched_via index (absent when there was no expansion). */
function matchedViaOf(f: SearchFilters, row: { matched_via?: number | null }) {
  if (row.matched_via === undefined) return {}
  const t = row.matched_via === null ? undefined : f.expansion?.[row.matched_via]
  return { matchedVia: t ? { term: t.term, language: t.language } : null }
}

/** A row of PUBLIC_COLUMNS: the database's json and enum columns hold the contract's values. */
interface PublicRow {
  id: string
  side: Side
  name: string
  name_i18n: Record<string, string>
  kind: PublicInstitution['kind']
  subtype: string | null
  discipline: string | null
  municipality_id: string | null
  website: string | null
  size: number | null
  languages: PublicInstitution['languages']
  description: PublicInstitution['description']
  status: PublicInstitution['status']
}

const publicFromRow = (r: PublicRow): PublicInstitution => ({
  id: r.id,
  side: r.side,
  name: r.name,
  nameI18n: r.name_i18n,
  kind: r.kind,
  subtype: r.subtype,
  discipline: r.discipline,
  municipalityId: r.municipality_id,
  website: r.website,
  size: r.size,
  languages: r.languages,
  description: r.description,
  status: r.status,
})

/**
 * The institution search as one statement: the page's rows plus one more, which tells whether
 * there is a next page (its cursor is the last row's id), so a request costs one round trip.
 */
export function institutionSearchQuery(f: SearchFilters): SQL {
  const where = institutionConditions(f)
  if (hasInterestFilter(f))
    where.push(sql`exists (select 1 from interests x where x.institution_id = i.id
      and ${sql.join(interestConditions(f), sql` and `)})`)
  if (f.after) where.push(sql`i.id > ${f.after}::uuid`)
  return sql`select ${PUBLIC_COLUMNS}${matchedViaColumn(f, null)} from institutions i
    where ${sql.join(where, sql` and `)} order by i.id limit ${f.limit + 1}`
}

/** The interest search as one statement, like institutionSearchQuery; keyset on the interest id. */
export function interestSearchQuery(f: SearchFilters): SQL {
  const where = [...institutionConditions(f, 'x'), ...interestConditions(f)]
  const expressed = f.viewerId
    ? sql`coalesce((select array_agg(e.from_interest_id::text order by e.created_at) from interest_expressions e
        join interests mi on mi.id = e.from_interest_id
        join memberships m on m.institution_id = mi.institution_id and m.user_id = ${f.viewerId}
        where e.to_interest_id = x.id), '{}')`
    : sql`'{}'::text[]`
  if (f.after) where.push(sql`x.id > ${f.after}::uuid`)
  return sql`select ${PUBLIC_COLUMNS}${matchedViaColumn(f, 'x')}, jsonb_build_object(
      'id', x.id, 'institutionId', x.institution_id, 'formats', x.formats, 'topics', x.topics,
      'tags', x.tags, 'ageMin', x.age_min, 'ageMax', x.age_max, 'groupMin', x.group_min,
      'groupMax', x.group_max, 'languages', x.languages, 'windows', x.windows,
      'durationMinDays', x.duration_min_days, 'durationMaxDays', x.duration_max_days,
      'direction', x.direction, 'hostingGuests', x.hosting_guests, 'hostFamilies', x.host_families,
      'maxPartners', x.max_partners, 'status', x.status,
      'lastConfirmedAt', to_char(x.last_confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'expressedFrom', ${expressed}
    ) as interest
    from interests x join institutions i on i.id = x.institution_id
    where ${sql.join(where, sql` and `)} order by x.id limit ${f.limit + 1}`
}

/**
 * Runs a search statement. On the pool it goes as a named prepared statement: drizzle's execute
 * sends it unnamed, which postgres.js answers with two round trips (parse and describe to learn
 * the parameter types, then bind and execute) and PostgreSQL parses it again each time; prepared,
 * the statement text stays the same for a filter combination (values are parameters) and later
 * requests are one round trip. The API's pool plans each execution for its values (createDb's
 * `customPlans`): a generic plan, which PostgreSQL may settle on after five runs, suits one
 * search word and not another. `services/api/bench/search-prepared.ts` measures all three.
 * Inside a transaction the transaction's own handle must run it.
 */
async function runSearch<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  if (isPool(db)) return executePrepared<T>(db, query)
  return (await db.execute(query)) as unknown as T[]
}

/** The pool carries its postgres.js client; a transaction handle does not. */
const isPool = (db: DbOrTx): db is Db => '$client' in db

/** Verified institutions of a side, with keyset pagination on id. Public fields only. */
export async function searchInstitutions(db: DbOrTx, f: SearchFilters) {
  const rows = await runSearch<PublicRow & { matched_via?: number | null } & Record<string, unknown>>(
    db,
    institutionSearchQuery(f),
  )
  const page = rows.slice(0, f.limit)
  return {
    items: page.map((r) => ({ ...publicFromRow(r), ...matchedViaOf(f, r) })),
    nextCursor: rows.length > f.limit ? (page.at(-1)?.id ?? null) : null,
  }
}

interface InterestRow extends PublicRow {
  matched_via?: number | null
  /** Built by jsonb_build_object in interestSearchQuery with the contract's field names. */
  interest: Interest & { expressedFrom: string[] }
}

/** Open interests of verified institutions of a side, each with its institution's public profile. */
export async function searchInterests(db: DbOrTx, f: SearchFilters) {
  const rows = await runSearch<InterestRow & Record<string, unknown>>(db, interestSearchQuery(f))
  const page = rows.slice(0, f.limit)
  return {
    items: page.map((r) => ({ ...r.interest, institution: publicFromRow(r), ...matchedViaOf(f, r) })),
    nextCursor: rows.length > f.limit ? (page.at(-1)?.interest.id ?? null) : null,
  }
}
