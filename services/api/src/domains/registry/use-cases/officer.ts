import { Literals, OFFICER_ACTIONS, OfficerInstitutionQuery, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { FieldsError } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { institutionFor } from '../institutions.js'
import { listOfficerInstitutions as listRows } from '../officer-list.js'
import { officerAction } from '../verification.js'

/** Institutions of the officer's side in one status (default pending: the verification queue). */
export const listOfficerInstitutions = useCase({
  name: 'registry.listOfficerInstitutions',
  input: OfficerInstitutionQuery,
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const { status = 'pending', ...rest } = input
    if (actor.role === 'officer' && input.side && input.side !== actor.side)
      throw new FieldsError([{ field: 'side', message: 'officers see the queue of their own side' }])
    const side = actor.role === 'officer' ? actor.side! : (input.side ?? null)
    return listRows(db, { ...rest, status, side })
  },
})

/** Verify, reject, suspend or reinstate an institution of the officer's side (audited, notified). */
export const actOnInstitution = useCase({
  name: 'registry.actOnInstitution',
  input: Type.Object({
    id: Uuid,
    action: Literals(OFFICER_ACTIONS),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  caller: ['officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const inst = await officerAction(db, actor, input.id, input.action, input.reason, requestId)
    return institutionFor({ inst, access: 'full', memberRole: null }, true)
  },
})
