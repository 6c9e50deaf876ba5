import { SearchQuery } from '@dj/contracts'
import type { DbOrTx, Side } from '@dj/db'
import type { Actor } from '../../actor.js'
import { Errors, FieldsError } from '../../errors.js'
import { glossaryExpansion } from '../../glossary/expansion.js'
import { useCase } from '../../use-case.js'
import { coordinatorSides } from '../access.js'
import { searchInstitutions as findInstitutions, searchInterests as findInterests } from '../search.js'

const other = (s: Side): Side => (s === 'duren' ? 'jinhua' : 'duren')

/**
 * Which side an actor searches: coordinators the other side of their institutions (they need one
 * first), officers either side (default: the other), admins must say. A coordinator's sides come
 * with the actor from the auth check's session state (no round trip); read only when absent.
 */
export async function searchSide(db: DbOrTx, actor: Actor, requested: Side | undefined): Promise<Side> {
  if (actor.role === 'admin') {
    if (!requested) throw new FieldsError([{ field: 'side', message: 'required for admins' }])
    return requested
  }
  if (actor.role === 'officer') return requested ?? other(actor.side!)
  const own = actor.institutionSides ?? (await coordinatorSides(db, actor.userId))
  if (own.length === 0) throw new Errors.Forbidden()
  const target = requested ?? other(own[0]!)
  if (own.includes(target)) throw new Errors.Forbidden()
  return target
}

/** Verified institutions of the other side: public fields, full text over names and descriptions. */
export const searchInstitutions = useCase({
  name: 'registry.searchInstitutions',
  input: SearchQuery,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const side = await searchSide(db, actor, input.side)
    const expansion = await glossaryExpansion(db, input.q)
    return findInstitutions(db, { ...input, side, expansion })
  },
})

/** Open interests of verified institutions of the other side; a coordinator's hits say which of theirs expressed interest. */
export const searchInterests = useCase({
  name: 'registry.searchInterests',
  input: SearchQuery,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const side = await searchSide(db, actor, input.side)
    const viewerId = actor.role === 'coordinator' ? actor.userId : undefined
    const expansion = await glossaryExpansion(db, input.q)
    return findInterests(db, { ...input, side, expansion, ...(viewerId ? { viewerId } : {}) })
  },
})
