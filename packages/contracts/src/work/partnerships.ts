import Type, { type Static } from 'typebox'
import { DateTime, Literals, Nullable, Paged, pageQuery, problems, Query, Uuid } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

/**
 * The offices' list of partnerships with the state of their exchange agreement (issue 12, item
 * 7). Every partnership pairs one Düren with one Jinhua institution, so both offices see every
 * partnership; "my side" only decides which office "waiting for my office" means (and the web
 * page shows the reader's own side's institution first).
 */

/**
 * The agreement as the list shows it: `none` before anyone drafted one, `completed` once the
 * last required signature is in (both institutions, plus both offices where they countersign).
 */
export const OFFICER_AGREEMENT_STATES = [
  'none',
  'draft',
  'ready_for_signature',
  'signed_by_institutions',
  'completed',
] as const
export type OfficerAgreementState = (typeof OFFICER_AGREEMENT_STATES)[number]

const Party = Type.Object({ id: Uuid, name: Type.String() })

export const PendingSigner = Type.Object({
  slot: Type.String({ description: 'duren.first, jinhua.second, duren.officer, …' }),
  side: Side,
  kind: Literals(['first', 'second', 'officer'] as const),
})

export const OfficerPartnership = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  duren: Party,
  jinhua: Party,
  status: Literals(OFFICER_AGREEMENT_STATES),
  agreement: Nullable(
    Type.Object({
      id: Uuid,
      version: Type.Integer({ minimum: 1 }),
      /** The newest edition (one more for each "plan the next one"); earlier ones are not listed. */
      edition: Type.Integer({ minimum: 1 }),
      countersign: Type.Boolean({ description: 'whether both offices countersign' }),
      pending: Type.Array(PendingSigner, { description: 'who still has to sign the current version' }),
      completedAt: Nullable(DateTime),
    }),
  ),
  /** The checklist of the partnership's newest trip plan (issue 13); null before a trip is planned. */
  checklist: Nullable(
    Type.Object({ done: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) }),
  ),
  lastChange: DateTime,
})
export type OfficerPartnership = Static<typeof OfficerPartnership>

export const listOfficerPartnerships = route({
  method: 'GET',
  path: '/v1/officer/partnerships',
  tags: ['officer'],
  summary: 'Partnerships with the status of their agreement and who still has to sign',
  description:
    'Last change first (keyset paged, with total). Officers and admins see every partnership; ' +
    '`waitingForMyOffice` keeps those whose agreement waits for the officer’s own office to ' +
    'countersign (admins: for the office of `side`, or either office).',
  access: { roles: ['officer', 'admin'] },
  query: Type.Object(
    {
      status: Type.Optional(Literals(OFFICER_AGREEMENT_STATES)),
      waitingForMyOffice: Type.Optional(Type.Boolean()),
      side: Type.Optional(Side),
      q: Type.Optional(Query),
      ...pageQuery(),
    },
    { additionalProperties: false },
  ),
  response: { 200: Paged(OfficerPartnership), ...problems(400, 401, 403) },
})
