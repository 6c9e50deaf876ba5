import type { DomainEvent } from '@dj/queue'
import { type DeliverDeps, type PlanItem, type Planned, planMany } from './deliver.js'

interface Waiting extends PlanItem {
  resolve: (planned: Planned | null) => void
  reject: (error: unknown) => void
}

export interface PlanBatcherOptions {
  /** Most outbox rows planned in one statement (see planBatching in worker.ts). */
  maxBatch: number
  /** Batches in flight at once: the next one gathers while the previous commits. */
  maxInFlight?: number
}

/**
 * Gathers the plans of the notify jobs running at the same time and does them together (see
 * planMany): the database work per notification is then a share of one statement and its
 * commit instead of a statement and a commit of its own. Each job still gets its own plan
 * and settles on its own; a batch that fails is retried one job at a time, so one bad event
 * fails only its own job.
 */
export function createPlanBatcher(deps: DeliverDeps, options: PlanBatcherOptions) {
  const maxInFlight = options.maxInFlight ?? 2
  let waiting: Waiting[] = []
  let inFlight = 0
  let scheduled = false

  const single = async (w: Waiting) => {
    try {
      const r = (await planMany(deps, [w])).get(w.outboxId)
      if (!r) w.resolve(null)
      else if (r.ok) w.resolve(r.planned)
      else w.reject(r.error)
    } catch (error) {
      w.reject(error)
    }
  }

  async function run(batch: Waiting[]) {
    let results: Awaited<ReturnType<typeof planMany>>
    try {
      results = await planMany(deps, batch)
    } catch {
      await Promise.all(batch.map(single))
      return
    }
    for (const w of batch) {
      const r = results.get(w.outboxId)
      if (!r) w.resolve(null)
      else if (r.ok) w.resolve(r.planned)
      else w.reject(r.error)
    }
  }

  function take(): Waiting[] {
    // Distinct outbox ids per batch; a duplicate (a redispatched row) waits for the next one.
    const batch: Waiting[] = []
    const rest: Waiting[] = []
    const ids = new Set<string>()
    for (const w of waiting) {
      if (batch.length < options.maxBatch && !ids.has(w.outboxId)) {
        ids.add(w.outboxId)
        batch.push(w)
      } else rest.push(w)
    }
    waiting = rest
    return batch
  }

  function flush() {
    scheduled = false
    if (inFlight >= maxInFlight || waiting.length === 0) return
    const batch = take()
    inFlight += 1
    void run(batch).finally(() => {
      inFlight -= 1
      schedule()
    })
    schedule()
  }

  function schedule() {
    if (scheduled || inFlight >= maxInFlight || waiting.length === 0) return
    scheduled = true
    // Jobs started in the same turn of the event loop join the same batch.
    setImmediate(flush)
  }

  return {
    plan(outboxId: string, event: DomainEvent): Promise<Planned | null> {
      return new Promise((resolve, reject) => {
        waiting.push({ outboxId, event, resolve, reject })
        schedule()
      })
    },
  }
}

export type PlanBatcher = ReturnType<typeof createPlanBatcher>
