import { listExpressions as listExpressionsContract, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { listExpressions, viewExpression } from '../expressions.js'

/** Expressions of interest to (incoming) or from (outgoing) the coordinator's institutions. */
export const listMyExpressions = useCase({
  name: 'matching.listExpressions',
  input: listExpressionsContract.query,
  caller: ['coordinator'],
  transaction: false,
  async run({ input, actor, db }) {
    return listExpressions(db, actor, input)
  },
})

/** One expression, for the members of either institution (404 for everyone else). */
export const viewMyExpression = useCase({
  name: 'matching.viewExpression',
  input: Type.Object({ id: Uuid }),
  caller: ['coordinator'],
  transaction: false,
  async run({ input, actor, db }) {
    return viewExpression(db, actor, input.id)
  },
})
