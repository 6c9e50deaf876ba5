import { type Html, html, type Part } from '../html.js'

export interface TableOptions {
  /** Unique on the page: the caption's id, which also names the scrolling region. */
  id: string
  caption: Part
  /** The caption for screen readers only (a heading right above says the same). */
  hiddenCaption?: boolean
  columns: Part[]
  /** The rows' markup (`<tr><th scope="row">…</th><td>…</td></tr>`). */
  rows: Part
}

/**
 * Every data table of the site: a caption, column headers, and a scrolling region that the
 * keyboard can reach and a screen reader can name (wide tables on phones scroll sideways).
 */
export function table(o: TableOptions): Html {
  return html`<div class="table-scroll" role="region" aria-labelledby="${o.id}" tabindex="0"><table>
  <caption id="${o.id}"${o.hiddenCaption ? html` class="visually-hidden"` : ''}>${o.caption}</caption>
  <thead><tr>${o.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
  <tbody>${o.rows}</tbody>
</table></div>`
}
