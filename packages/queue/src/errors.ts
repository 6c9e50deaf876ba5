/** Redis refused or was unreachable when a producer tried to enqueue: the API answers 503. */
export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE_UNAVAILABLE'
  constructor(cause: unknown) {
    super('the job queue is unavailable', { cause })
    this.name = 'QueueUnavailableError'
  }
}

/** The worker's processors do not cover its queue's job names exactly once. */
export class ProcessorRegistryError extends Error {
  readonly code = 'QUEUE_PROCESSOR_REGISTRY'
}
