import { type Html, html } from '../html.js'
import type { View } from '../view.js'
import { apiParams, type ListState, listForm, pager, readList } from './paging.js'
import type { Institution } from './registry-types.js'

/** Rows per page of the officers' institution lists (each row carries its action forms). */
export const QUEUE_PAGE_SIZE = 50

export interface QueueList {
  state: ListState
  data: { items: Institution[]; nextCursor: string | null; total: number }
}

export const readQueueList = (query: unknown) => readList(query, { sorts: ['name', 'created'] })

/** Admins list every side at once; officers get their own (the API decides). */
export const queueApiPath = (status: string, s: ListState) =>
  `/v1/officer/institutions?${apiParams(s, QUEUE_PAGE_SIZE, { status })}`

export const emptyQueue = (s: ListState): QueueList => ({
  state: s,
  data: { items: [], nextCursor: null, total: 0 },
})

/** Search by name, sort by name or registration date, and the pager with the total. */
export function queueControls(v: View, status: string, list: QueueList): Html {
  const path = '/officer/queue'
  const s = { ...list.state, filters: { status } }
  return html`${listForm(v, s, {
    path,
    id: 'queue',
    searchLabel: 'list.searchInstitution',
    sorts: [
      ['name', 'list.sortName'],
      ['created', 'list.sortCreated'],
    ],
    keep: { status },
  })}
${pager(v, s, {
  path,
  total: list.data.total,
  shown: list.data.items.length,
  nextCursor: list.data.nextCursor,
  label: v.t('queue.title'),
})}`
}
