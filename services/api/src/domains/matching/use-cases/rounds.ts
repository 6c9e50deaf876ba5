import { listRoundProposals as listRoundProposalsContract, RoundCreate, Uuid } from '@dj/contracts'
import { expireDueProposals } from '@dj/proposals'
import Type from 'typebox'
import { writeAudit } from '../../audit.js'
import { useCase } from '../../use-case.js'
import { getRound, listRoundProposals, requestRound, roundOut } from '../rounds.js'

const STAFF = ['officer', 'admin'] as const

/** An officer starts a round; the row and its `round.requested` event commit together. */
export const startRound = useCase({
  name: 'matching.startRound',
  input: RoundCreate,
  caller: STAFF,
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const round = await requestRound(db, actor, input, requestId)
    return { id: round.id, status: 'queued' as const }
  },
})

/** A round's status, progress and summary. */
export const viewRound = useCase({
  name: 'matching.viewRound',
  input: Type.Object({ id: Uuid }),
  caller: STAFF,
  transaction: false,
  async run({ input, db }) {
    return roundOut(await getRound(db, input.id))
  },
})

/** A round's proposals, best first by default (404 for an unknown round). */
export const listProposalsOfRound = useCase({
  name: 'matching.listRoundProposals',
  input: Type.Object({ id: Uuid, query: listRoundProposalsContract.query }),
  caller: STAFF,
  transaction: false,
  async run({ input, db }) {
    return listRoundProposals(db, input.id, input.query)
  },
})

/** Expires overdue open proposals now (the scheduler does this on a timer); audited when any expired. */
export const expireProposals = useCase({
  name: 'matching.expireProposals',
  input: Type.Object({}),
  caller: STAFF,
  transaction: true,
  async run({ actor, db, requestId }) {
    const result = await expireDueProposals(db, new Date())
    if (result.expired.length > 0) {
      await writeAudit(db, {
        actorId: actor.userId,
        actorLabel: actor.displayName,
        action: 'proposals.expired',
        entityType: 'proposal',
        after: { count: result.expired.length },
        ...(requestId ? { requestId } : {}),
      })
    }
    return { expired: result.expired.length, ids: result.expired }
  },
})
