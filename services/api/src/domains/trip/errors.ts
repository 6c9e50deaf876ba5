import type { TripFieldError } from '@dj/exchange'
import { DomainError, defineError } from '../errors.js'

export const TripErrors = {
  Exists: defineError('TRIP_PLAN_EXISTS', 'conflict', 'this visit already has a trip plan'),
  VisitCancelled: defineError('TRIP_VISIT_CANCELLED', 'conflict', 'the visit is cancelled'),
}

/** An edit made on another version than the current one: 409 naming the current version. */
export const staleVersion = (current: { version: number; hash: string }) =>
  new DomainError(
    'conflict',
    'TRIP_PLAN_STALE_VERSION',
    'the plan has changed since you opened it; reload it and try again',
    { current },
  )

/** Fields the schema or the visit refuse: 422 with every failing field. */
export const invalidFields = (errors: readonly TripFieldError[]) =>
  new DomainError('unprocessable', 'TRIP_PLAN_INVALID_FIELDS', 'the plan’s fields are not valid', {
    errors: errors.map((e) => ({ field: e.path, message: `${e.code}: ${e.message}` })),
  })
