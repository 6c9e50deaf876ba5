import type { RenewRefusal } from '@dj/exchange'
import { DomainError, defineError } from '../errors.js'

export const RenewErrors = {
  DraftExists: defineError(
    'RENEW_DRAFT_EXISTS',
    'conflict',
    'the next edition of the agreement is being drafted already; open it in the workspace',
  ),
}

const NOT_YET: Record<Exclude<RenewRefusal, 'draft_exists'>, string> = {
  no_agreement: 'the partnership has no agreement to copy yet',
  agreement_incomplete: 'the agreement is not fully signed yet',
  no_visit: 'the partnership has no visit to follow up yet',
  visit_not_ended: 'the visit has not ended yet',
}

/** Why the next one cannot be planned, as problem+json (409: the exchange is not in that state). */
export function renewRefused(reason: RenewRefusal): DomainError {
  if (reason === 'draft_exists') return new RenewErrors.DraftExists()
  return new DomainError('conflict', 'RENEW_NOT_YET', `${NOT_YET[reason]} (${reason})`)
}
