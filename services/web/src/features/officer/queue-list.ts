import type { InstitutionStatus, listOfficerInstitutions, ResponseOf } from '@dj/contracts'
import { type ListState, listForm, pager, readList } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import type { View } from '../../view.js'
import { oneOf, pageOfList } from './list-query.js'

/** Rows per page of the officers' institution lists (each row carries its action forms). */
export const QUEUE_PAGE_SIZE = 50

export interface QueueList {
  state: ListState
  data: ResponseOf<typeof listOfficerInstitutions>
}

const SORTS = ['name', 'created'] as const
export const readQueueList = (query: unknown) => readList(query, { sorts: SORTS })

/** Admins list every side at once; officers get their own (the API decides). */
export const queueQuery = (status: InstitutionStatus, s: ListState) => ({
  ...pageOfList(s, QUEUE_PAGE_SIZE),
  status,
  sort: oneOf(SORTS, s.sort),
})

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
