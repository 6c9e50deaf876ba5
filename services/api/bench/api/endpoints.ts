/**
 * The measured endpoints: authenticated reads on the hot paths, each asked by the coordinator who
 * would ask it. Paths come from the route contracts in @dj/contracts, never retyped.
 */
import {
  getInstitution,
  listMyProposals,
  listNotifications,
  searchInstitutions,
  unreadNotifications,
} from '@dj/contracts'
import type { Seeded } from './seed.js'

export interface Endpoint {
  name: string
  /** Who asks: the Düren or the Jinhua demo coordinator. */
  as: 'duren' | 'jinhua'
  path(seeded: Seeded): string
}

const withQuery = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query)}`

export const ENDPOINTS: readonly Endpoint[] = [
  { name: 'unread-count', as: 'duren', path: () => unreadNotifications.path },
  { name: 'proposals', as: 'duren', path: () => listMyProposals.path },
  {
    name: 'institution',
    as: 'duren',
    // A partner's profile as the other side sees it (the demo pairs the two first institutions).
    path: (s) => getInstitution.path.replace(':id', s.jinhua.institutionId),
  },
  // A Jinhua coordinator searching Düren in German, a Düren coordinator searching Jinhua in Chinese.
  {
    name: 'search-de',
    as: 'jinhua',
    path: () => withQuery(searchInstitutions.path, { q: 'Schule', limit: '20' }),
  },
  {
    name: 'search-zh',
    as: 'duren',
    path: () => withQuery(searchInstitutions.path, { q: '中学', limit: '20' }),
  },
  { name: 'notifications', as: 'duren', path: () => withQuery(listNotifications.path, { limit: '20' }) },
]

/**
 * A request that authenticates and then fails validation (limit below its minimum), so it runs
 * exactly the authentication's statements and nothing else: what capture.ts subtracts.
 */
export const AUTH_PROBE = withQuery(listNotifications.path, { limit: '0' })
