// Test fixtures: the real services in process on a fresh database and Redis prefix per test file.
// Tests of one service that need another's behaviour (the web's journeys need the API, the
// matcher and the notifier) use these, never the other service's source.
export {
  type App,
  handleRegistryEvent,
  hashPassword,
  loadDemoPopulation,
} from '@dj/api'
export * from './api.js'
export * from './at-rest.js'
export * from './exchange.js'
export * from './matcher.js'
export * from './matching.js'
export * from './notifier.js'
export * from './registry.js'
export * from './scheduler.js'
export * from './scheduling.js'
