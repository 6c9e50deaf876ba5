export { consumeOutboxJob, deferOutbox, markOutboxDone, recordOutboxError } from './consume.js'
export { createRelay, type Relay, type RelayOptions } from './relay.js'
export { type WriteOptions, writeOutbox } from './write.js'
