export { consumeOutboxJob, markOutboxDone, recordOutboxError } from './consume.js'
export { createRelay, type Relay, type RelayOptions } from './relay.js'
export { writeOutbox, type WriteOptions } from './write.js'
