import type { Side } from '@dj/db'
import { type GlossaryTerm, searchNorm } from '@dj/vocabulary'
import { type SQL, sql } from 'drizzle-orm'

/**
 * A short Latin term ("art", "club", "Chor") would match inside unrelated words as a substring
 * ("Partner" contains "art"), so it must be a whole word of the document; longer terms and Chinese
 * ones (no spaces between words) match as substrings like the query itself.
 */
export const wholeWordOnly = (term: string) => {
  const n = searchNorm(term)
  return !/\p{Script=Han}/u.test(n) && [...n].length < 5
}

/**
 * Whether the institution row `alias` (a fixed alias of the statement, never input) contains the
 * term: the bigram containment answered by the GIN index (not for one character, which has no
 * bigram and is a substring scan), then the exact normalised substring or whole word.
 */
export function termMatch(alias: 'i' | 'j', term: string): SQL {
  const a = sql.raw(alias)
  const norm = sql`btrim(dj_search_norm(${term}))`
  const grams = [...searchNorm(term)].length >= 2 ? sql`${a}.search_grams @> dj_bigrams(${norm}) and ` : sql``
  return wholeWordOnly(term)
    ? sql`${grams}strpos(' ' || ${a}.search_text || ' ', ' ' || ${norm} || ' ') > 0`
    : sql`${grams}strpos(${a}.search_text, ${norm}) > 0`
}

/**
 * The institutions of the side whose text contains the query or one of its glossary terms: a union
 * of one GIN-indexed lookup per text, collected once into an array (an uncorrelated ARRAY(...) is
 * an init plan, run once per statement). OR-ing the terms into the outer WHERE made PostgreSQL test
 * every row's bigram array against every term (70–100 ms on the demo data), and a plain `in (union)`
 * could be planned as a subplan rerun per interest row (a minute on unanalysed demo data);
 * `services/api/bench/glossary.ts` measures it.
 */
export function textOrTermsCondition(side: Side, q: string, terms: readonly GlossaryTerm[]): SQL {
  const norm = sql`btrim(dj_search_norm(${q}))`
  const direct = sql`select j.id from institutions j where j.side = ${side}
    and j.search_grams @> dj_bigrams(${norm}) and strpos(j.search_text, ${norm}) > 0`
  const branches = terms.map(
    (t) => sql`select j.id from institutions j where j.side = ${side} and ${termMatch('j', t.term)}`,
  )
  return sql`i.id = any(array(${sql.join([direct, ...branches], sql` union all `)}))`
}
