import Type, { type Static } from 'typebox'
import { AGREEMENT_STATUSES, AgreementEdition } from '../agreement/routes.js'
import { IdParams, Literals, Nullable, problems, Uuid } from '../common.js'
import { route } from '../route.js'

/**
 * "Plan the next one" (issue 13, item 5): from a completed exchange (the agreement fully signed,
 * the visit over) either institution's coordinator starts next year's: the agreement's fields as
 * edition n+1, a draft, and the latest trip plan as a new plan without a visit, every date a year
 * later. Both are edited and signed afresh.
 */

const tags = ['renew'] as const

/** Why the next one cannot be planned yet (RenewRefusal of @dj/exchange). */
export const RENEW_REFUSALS = [
  'no_agreement',
  'draft_exists',
  'agreement_incomplete',
  'no_visit',
  'visit_not_ended',
] as const

export const RenewStatus = Type.Object({
  partnershipId: Uuid,
  /** The newest edition of the agreement (null: none yet). */
  edition: Nullable(AgreementEdition),
  /** Whether the exchange is complete enough to plan the next one. */
  allowed: Type.Boolean(),
  reason: Nullable(Literals(RENEW_REFUSALS)),
  /** Whether the caller may press the button: allowed, and a coordinator of one of the two. */
  canRenew: Type.Boolean(),
  /** Next year's trip plan a renewal started, while no visit is booked for it yet. */
  nextTripPlanId: Nullable(Uuid),
})
export type RenewStatus = Static<typeof RenewStatus>

export const renewStatus = route({
  method: 'GET',
  path: '/v1/partnerships/:id/renew',
  tags,
  summary: 'Whether the next exchange can be planned from this one, and why not',
  description: 'For the workspace’s readers: the two institutions’ coordinators and both offices.',
  access: { roles: ['coordinator', 'officer'] },
  params: IdParams,
  response: { 200: RenewStatus, ...problems(401, 403, 404) },
})

export const RenewedExchange = Type.Object({
  partnershipId: Uuid,
  agreement: Type.Object({
    id: Uuid,
    edition: AgreementEdition,
    version: Type.Integer({ minimum: 1 }),
    hash: Type.String(),
    status: Literals(AGREEMENT_STATUSES),
  }),
  /** The new trip plan (null when the exchange had none). */
  tripPlanId: Nullable(Uuid),
  /** The plan it was copied from. */
  renewedFromId: Nullable(Uuid),
})
export type RenewedExchange = Static<typeof RenewedExchange>

export const renewExchange = route({
  method: 'POST',
  path: '/v1/partnerships/:id/renew',
  tags,
  summary: 'Plan the next one: next year’s agreement draft and trip plan, dates moved a year',
  description:
    'Allowed when the newest agreement is complete and its visit has ended. 409 problem+json ' +
    '(`RENEW_DRAFT_EXISTS`) when a newer edition is already being drafted, `RENEW_NOT_YET` with ' +
    'the reason otherwise. Only the two institutions’ coordinators.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  response: { 201: RenewedExchange, ...problems(401, 403, 404, 409) },
})
