import type { MatchedVia } from '@dj/contracts'
import { type Html, html } from '../../html.js'
import type { View } from '../../view.js'

/**
 * "Found via 氢能 (Wasserstoff)" under a search hit the query found only through the glossary, so
 * the reader knows why a text in the other language is among the results.
 */
export function foundVia(v: View, hits: readonly { matchedVia?: MatchedVia | null }[], q: string): Html | '' {
  if (hits.some((h) => h.matchedVia === null)) return ''
  const via = hits.find((h) => h.matchedVia)?.matchedVia
  if (!via) return ''
  return html`<p class="hint" data-found-via>${v.t('glossary.foundVia', { term: via.term, q })}</p>`
}
