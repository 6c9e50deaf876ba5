import { Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as renew from '../renew.js'

const ById = Type.Object({ id: Uuid })

/** Whether the next one can be planned; the workspace's readers (not admins, as the workspace). */
export const renewStatus = useCase({
  name: 'renew.status',
  input: ById,
  caller: ['coordinator', 'officer'],
  transaction: false,
  run: ({ input, actor, db }) => renew.renewStatus(db, actor, input.id),
})

/** Either institution's coordinator plans the next one; offices and admins do not. */
export const renewExchange = useCase({
  name: 'renew.renew',
  input: ById,
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => renew.renewExchange(db, actor, input.id),
})
