import { type Html, html, type Part } from '../html.js'
import { formatNumber, type MessageKey } from '../i18n/index.js'
import type { View } from '../view.js'

/**
 * Search, sort and keyset paging for every list that can grow. The API pages with an opaque
 * cursor; the page carries it in the link to the next page, with `at` (the first row's number)
 * so it can say "rows 51–100 of 422". Everything is a plain GET form and plain links.
 */
export interface ListState {
  q: string
  sort: string
  dir: '' | 'asc' | 'desc'
  cursor: string
  /** Number of rows before this page (0 on the first page). */
  at: number
  /** Filters of the list (status, kind …), kept across pages. */
  filters: Record<string, string>
}

const CURSOR = /^[A-Za-z0-9_-]{1,600}$/

const one = (raw: unknown): string =>
  typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[0] ?? '') : ''

/** The list's state from the query string; anything not allowed is dropped. */
export function readList(
  query: unknown,
  allowed: { sorts: readonly string[]; filters?: Record<string, readonly string[]> },
): ListState {
  const qs = (query ?? {}) as Record<string, unknown>
  const sort = one(qs['sort'])
  const dir = one(qs['dir'])
  const cursor = one(qs['cursor'])
  const at = Number.parseInt(one(qs['at']), 10)
  const filters: Record<string, string> = {}
  for (const [name, values] of Object.entries(allowed.filters ?? {})) {
    const value = one(qs[name])
    if (values.includes(value)) filters[name] = value
  }
  return {
    q: one(qs['q']).trim().slice(0, 100),
    sort: allowed.sorts.includes(sort) ? sort : '',
    dir: dir === 'asc' || dir === 'desc' ? dir : '',
    cursor: CURSOR.test(cursor) ? cursor : '',
    at: Number.isFinite(at) && at > 0 && at < 10_000_000 ? at : 0,
    filters,
  }
}

/** The API query of a list state (search, sort, filters, cursor) plus the page size. */
export function apiParams(s: ListState, limit: number, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ limit: String(limit), ...extra })
  if (s.q) p.set('q', s.q)
  if (s.sort) p.set('sort', s.sort)
  if (s.dir) p.set('dir', s.dir)
  for (const [k, value] of Object.entries(s.filters)) p.set(k, value)
  if (s.cursor) p.set('cursor', s.cursor)
  return p.toString()
}

/** A link to the same list with some parts changed (a new search starts on the first page). */
export function listHref(path: string, s: ListState, change: Partial<ListState> = {}): string {
  const next = { ...s, ...change }
  const p = new URLSearchParams()
  if (next.q) p.set('q', next.q)
  if (next.sort) p.set('sort', next.sort)
  if (next.dir) p.set('dir', next.dir)
  for (const [k, value] of Object.entries(next.filters)) p.set(k, value)
  if (next.cursor) {
    p.set('cursor', next.cursor)
    p.set('at', String(next.at))
  }
  const q = p.toString()
  return q ? `${path}?${q}` : path
}

export interface ListFormOptions {
  path: string
  /** Unique on the page: ids of the form's fields. */
  id: string
  searchLabel?: MessageKey
  sorts?: [string, MessageKey][]
  /** Extra fields (filters) rendered inside the form. */
  fields?: Part
  /** Filters kept as hidden fields (those not shown as fields). */
  keep?: Record<string, string>
}

/** Search box, sort and direction as one GET form; submitting starts again on the first page. */
export function listForm(v: View, s: ListState, o: ListFormOptions): Html {
  const sorts = o.sorts ?? []
  return html`<form method="get" action="${o.path}" class="list-controls" role="search" aria-label="${v.t('list.controls')}">
  ${Object.entries(o.keep ?? {}).map(([k, value]) => html`<input type="hidden" name="${k}" value="${value}">`)}
  ${
    o.searchLabel &&
    html`<div class="field"><label for="${o.id}-q">${v.t(o.searchLabel)}</label>
    <input id="${o.id}-q" name="q" type="search" value="${s.q}" maxlength="100"></div>`
  }
  ${o.fields}
  ${
    sorts.length > 0 &&
    html`<div class="field"><label for="${o.id}-sort">${v.t('list.sort')}</label>
    <select id="${o.id}-sort" name="sort">${sorts.map(
      ([value, label]) =>
        html`<option value="${value}"${s.sort === value ? html` selected` : ''}>${v.t(label)}</option>`,
    )}</select></div>
  <div class="field"><label for="${o.id}-dir">${v.t('list.dir')}</label>
    <select id="${o.id}-dir" name="dir">
      <option value=""${s.dir === '' ? html` selected` : ''}>${v.t('list.dirDefault')}</option>
      <option value="asc"${s.dir === 'asc' ? html` selected` : ''}>${v.t('list.dirAsc')}</option>
      <option value="desc"${s.dir === 'desc' ? html` selected` : ''}>${v.t('list.dirDesc')}</option>
    </select></div>`
  }
  <button type="submit" class="secondary">${v.t('list.apply')}</button>
</form>`
}

/** A select among a filter's values ("any" first) for inside a list form. */
export function filterField(
  v: View,
  s: ListState,
  o: { id: string; name: string; label: MessageKey; options: [string, string][] },
): Html {
  const current = s.filters[o.name] ?? ''
  return html`<div class="field"><label for="${o.id}-${o.name}">${v.t(o.label)}</label>
  <select id="${o.id}-${o.name}" name="${o.name}"><option value="">${v.t('list.any')}</option>${o.options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === current ? html` selected` : ''}>${text}</option>`,
  )}</select></div>`
}

/**
 * "Rows 51–100 of 422" and the links to the next and the first page. Says so when the filters
 * select nothing, so a list is never cut without a word.
 */
export function pager(
  v: View,
  s: ListState,
  o: { path: string; total: number; shown: number; nextCursor: string | null; label: string },
): Html {
  const from = s.at + 1
  const to = s.at + o.shown
  const n = (x: number) => formatNumber(v.locale, x)
  return html`<nav class="pager" aria-label="${o.label}">
  <p role="status" data-total="${o.total}">${
    o.total === 0
      ? v.t('list.none')
      : o.shown === o.total
        ? v.t('list.all', { total: n(o.total) })
        : v.t('list.range', { from: n(from), to: n(to), total: n(o.total) })
  }</p>
  <ul class="inline-list">
    ${s.cursor && html`<li><a href="${listHref(o.path, s, { cursor: '', at: 0 })}">${v.t('list.first')}</a></li>`}
    ${o.nextCursor && html`<li><a href="${listHref(o.path, s, { cursor: o.nextCursor, at: to })}" rel="next">${v.t('list.next')}</a></li>`}
  </ul>
</nav>`
}

/** The link to the next page again, below a long list. */
export function nextLink(
  v: View,
  s: ListState,
  o: { path: string; shown: number; nextCursor: string | null },
): Html {
  return o.nextCursor
    ? html`<p class="pager-next"><a href="${listHref(o.path, s, { cursor: o.nextCursor, at: s.at + o.shown })}">${v.t('list.next')}</a></p>`
    : html``
}
