import Type, { type Static } from 'typebox'
import { DateTime, Email, IdParams, Items, problems, Uuid } from '../common.js'
import { Locale, MembershipRole } from '../enums.js'
import { route } from '../route.js'

const tags = ['registry', 'institutions'] as const

export const Member = Type.Object({
  userId: Uuid,
  role: MembershipRole,
  displayName: Type.String(),
  email: Type.String(),
  since: DateTime,
})
export type Member = Static<typeof Member>

export const InvitationCreate = Type.Object(
  { email: Email, role: Type.Optional(MembershipRole), locale: Type.Optional(Locale) },
  { additionalProperties: false },
)
export const Invitation = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: MembershipRole,
  expiresAt: DateTime,
})
export type Invitation = Static<typeof Invitation>
export const InvitationToken = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
)
export const AcceptedInvitation = Type.Object({ institutionId: Uuid, role: MembershipRole })
export type AcceptedInvitation = Static<typeof AcceptedInvitation>

export const listMembers = route({
  method: 'GET',
  path: '/v1/institutions/:id/members',
  tags,
  summary: 'Members of an institution (members, officers of its side, admins)',
  access: { roles: 'any' },
  params: IdParams,
  response: { 200: Items(Member), ...problems(401, 403, 404) },
})

export const removeMember = route({
  method: 'DELETE',
  path: '/v1/institutions/:id/members/:userId',
  tags,
  summary: 'Remove a member (owners; members may remove themselves). The last owner stays.',
  access: { roles: ['coordinator', 'admin'] },
  params: Type.Object({ id: Uuid, userId: Uuid }),
  response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
})

export const inviteMember = route({
  method: 'POST',
  path: '/v1/institutions/:id/invitations',
  tags,
  summary: 'Invite a colleague by email (owners); the link expires after 7 days',
  access: { roles: ['coordinator', 'admin'], verifiedEmail: true },
  params: IdParams,
  body: InvitationCreate,
  response: { 201: Invitation, ...problems(400, 401, 403, 404, 429) },
})

export const acceptInvitation = route({
  method: 'POST',
  path: '/v1/invitations/accept',
  tags,
  summary: 'Accept an invitation sent to my email address',
  access: { roles: ['coordinator'], verifiedEmail: true },
  body: InvitationToken,
  response: { 200: AcceptedInvitation, ...problems(400, 401, 403, 409, 429) },
})
