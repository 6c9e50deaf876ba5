// The domain event union lives in @dj/contracts; re-exported here for the queue's producers and workers.
export type {
  Audience,
  DomainEvent,
  DomainEventType,
  EventOf,
  EventTime,
  InstitutionRef,
  NotifyingEvent,
  Side,
} from '@dj/contracts'
export { createProducerConnection, createWorkerConnection, type RedisConfig } from './connection.js'
export {
  EVENT_SUBSCRIBERS,
  JOB_NAMES,
  type JobContracts,
  type JobData,
  type JobName,
  type OutboxEnvelope,
  QUEUE_NAMES,
  type QueueName,
} from './contracts.js'
export { ProcessorRegistryError, QueueUnavailableError } from './errors.js'
export { isLinkToken, type LinkKind, linkToken } from './link-token.js'
export { createProducers, type Producers } from './producer.js'
export { DEFAULT_JOB_OPTIONS } from './retention.js'
export {
  checkProcessors,
  closeWorkerWithin,
  type Processor,
  type ProcessorEntry,
  type RunningWorker,
  type StartWorkerOptions,
  startWorker,
} from './worker.js'
