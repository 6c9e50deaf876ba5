import { InvitationCreate, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { requireOwner, viewInstitution } from '../access.js'
import {
  acceptInvitation as accept,
  invite,
  listMembers as members,
  removeMember as remove,
} from '../members.js'

/** Members of an institution, for those with full access (members, officers of its side, admins). */
export const listMembers = useCase({
  name: 'registry.listMembers',
  input: Type.Object({ id: Uuid }),
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const view = await viewInstitution(db, actor, input.id)
    if (view.access !== 'full') throw new Errors.Forbidden()
    return { items: await members(db, view.inst.id) }
  },
})

/** Owners remove members, members themselves; the last owner stays. */
export const removeMember = useCase({
  name: 'registry.removeMember',
  input: Type.Object({ id: Uuid, userId: Uuid }),
  caller: ['coordinator', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId, sessionChanged }) {
    const self = actor.userId === input.userId
    const view = self ? await viewInstitution(db, actor, input.id) : await requireOwner(db, actor, input.id)
    if (self && !view.memberRole) throw new Errors.NotFound('member')
    await remove(db, actor, view.inst, input.userId, requestId, sessionChanged)
    return null
  },
})

/** Owners (and admins) invite a colleague by email; the mail carries the link. */
export const inviteMember = useCase({
  name: 'registry.inviteMember',
  input: Type.Object({ id: Uuid, invitation: InvitationCreate }),
  caller: ['coordinator', 'admin'],
  needs: ['linkSecret'],
  transaction: true,
  async run({ input, actor, db, deps }) {
    const view = await requireOwner(db, actor, input.id)
    return invite(db, deps.linkSecret, actor, view.inst, {
      ...input.invitation,
      role: input.invitation.role ?? 'member',
    })
  },
})

/** The signed-in coordinator accepts an invitation sent to their address. */
export const acceptInvitation = useCase({
  name: 'registry.acceptInvitation',
  input: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
  caller: ['coordinator'],
  needs: ['linkSecret'],
  transaction: true,
  run: ({ input, actor, db, deps, sessionChanged }) =>
    accept(db, deps.linkSecret, actor, input.token, sessionChanged),
})
