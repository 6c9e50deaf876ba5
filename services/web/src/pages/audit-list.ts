import { type Html, html } from '../html.js'
import type { View } from '../view.js'
import { type ListState, listHref, pager } from './paging.js'

const PATH = '/officer/audit'

/** Search the audit log (actions, people, ids), newest or oldest first, with the total. */
export function auditControls(
  v: View,
  s: ListState,
  o: { total: number; shown: number; nextCursor: string | null },
): Html {
  return html`<form method="get" action="${PATH}" class="list-controls" role="search" aria-label="${v.t('list.controls')}">
  <div class="field"><label for="audit-q">${v.t('list.searchAudit')}</label>
    <input id="audit-q" name="q" type="search" value="${s.q}" maxlength="100"></div>
  <div class="field"><label for="audit-dir">${v.t('list.dir')}</label>
    <select id="audit-dir" name="dir">
      <option value="desc"${s.dir !== 'asc' ? html` selected` : ''}>${v.t('list.newestFirst')}</option>
      <option value="asc"${s.dir === 'asc' ? html` selected` : ''}>${v.t('list.oldestFirst')}</option>
    </select></div>
  <button type="submit" class="secondary">${v.t('list.apply')}</button>
</form>
${s.q && html`<p><a href="${listHref(PATH, { ...s, q: '', cursor: '', at: 0 })}">${v.t('list.clear')}</a></p>`}
${pager(v, s, { path: PATH, ...o, label: v.t('audit.title') })}`
}
