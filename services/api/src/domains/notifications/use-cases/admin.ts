import { listFailedDeliveries, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { writeAudit } from '../../audit.js'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { enqueueRetry, listFailed, queueCounts, reopenFailed } from '../admin.js'

/** Deliveries that failed for good, newest first. */
export const listFailedNotifications = useCase({
  name: 'notifications.listFailed',
  input: listFailedDeliveries.query,
  caller: ['admin'],
  transaction: false,
  async run({ input, db }) {
    return listFailed(db, { limit: input.limit, before: input.before })
  },
})

/**
 * An admin sends a failed delivery again: it is re-opened and audited in one transaction, and
 * only after that commits is the job enqueued (`queued` false: the relay picks it up later).
 */
export const retryFailedDelivery = useCase({
  name: 'notifications.retryDelivery',
  input: Type.Object({ deliveryId: Uuid }),
  caller: ['admin'],
  needs: ['producers'],
  transaction: false,
  async run({ input, actor, db, deps, requestId }) {
    const row = await db.transaction(async (tx) => {
      const reopened = await reopenFailed(tx, input.deliveryId)
      await writeAudit(tx, {
        actorId: actor.userId,
        actorLabel: actor.displayName,
        action: 'notification.retried',
        entityType: 'delivery',
        entityId: reopened.id,
        before: { status: 'failed' },
        after: { status: 'pending' },
        ...(requestId ? { requestId } : {}),
      })
      return reopened
    })
    const queued = await enqueueRetry(deps.producers, row)
    return { deliveryId: row.id, status: 'pending' as const, queued }
  },
})

/** Job counts per queue and state; the queue being down is `unavailable`. */
export const countQueueJobs = useCase({
  name: 'notifications.queueCounts',
  input: Type.Object({}),
  caller: ['admin'],
  needs: ['producers'],
  transaction: false,
  async run({ deps }) {
    try {
      return { queues: await queueCounts(deps.producers) }
    } catch {
      throw new Errors.DependencyDown('the job queue')
    }
  },
})
