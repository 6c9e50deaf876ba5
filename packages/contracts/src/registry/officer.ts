import Type from 'typebox'
import { IdParams, Paged, pageQuery, problems, Query } from '../common.js'
import { InstitutionStatus, Side } from '../enums.js'
import { route } from '../route.js'
import { FullInstitution } from './schemas.js'

const tags = ['registry', 'officer'] as const

export const OfficerInstitutionQuery = Type.Object(
  {
    status: Type.Optional(InstitutionStatus),
    side: Type.Optional(Side),
    q: Type.Optional(Query),
    sort: Type.Optional(
      Type.Union([Type.Literal('name'), Type.Literal('created')], {
        description: 'default: created (oldest first) for pending, name otherwise',
      }),
    ),
    ...pageQuery(200),
  },
  { additionalProperties: false },
)

export const listOfficerInstitutions = route({
  method: 'GET',
  path: '/v1/officer/institutions',
  tags,
  summary: "Institutions of the officer's side by status (default pending: the verification queue)",
  access: { roles: ['officer', 'admin'] },
  query: OfficerInstitutionQuery,
  response: { 200: Paged(FullInstitution), ...problems(400, 401, 403) },
})

/** What an officer may do to an institution of their side. */
export const OFFICER_ACTIONS = ['verify', 'reject', 'suspend', 'reinstate'] as const
export type OfficerAction = (typeof OFFICER_ACTIONS)[number]

export const OfficerActionBody = Type.Optional(
  Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
)

const actionRoute = <const A extends OfficerAction>(action: A) =>
  route({
    method: 'POST',
    path: `/v1/officer/institutions/:id/${action}` as `/v1/officer/institutions/:id/${A}`,
    tags,
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} an institution of the officer's side (audited)`,
    access: { roles: ['officer', 'admin'] },
    params: IdParams,
    body: OfficerActionBody,
    response: { 200: FullInstitution, ...problems(400, 401, 403, 404, 409) },
  })

export const verifyInstitution = actionRoute('verify')
export const rejectInstitution = actionRoute('reject')
export const suspendInstitution = actionRoute('suspend')
export const reinstateInstitution = actionRoute('reinstate')
/** The four routes by action. */
export const officerActionRoutes = {
  verify: verifyInstitution,
  reject: rejectInstitution,
  suspend: suspendInstitution,
  reinstate: reinstateInstitution,
} as const
