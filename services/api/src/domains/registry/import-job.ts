import type { Db } from '@dj/db'
import { consumeOutboxJob } from '@dj/outbox'
import type { OutboxEnvelope } from '@dj/queue'
import { processImport } from './import.js'

/**
 * Use case behind the registry queue's `outbox.event` jobs. Runs at most once to completion per
 * outbox row: the import's writes and the outbox row's done mark commit together.
 */
export async function handleRegistryEvent(db: Db, envelope: OutboxEnvelope) {
  return consumeOutboxJob(db, envelope, async (tx) => {
    if (envelope.event.type === 'import.requested') await processImport(db, tx, envelope.event.importId)
  })
}
