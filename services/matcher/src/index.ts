export { buildHealthApp, type HealthDeps } from './app.js'
export { type ComputedRound, computeRound, planCommitted, type RoundInput } from './compute.js'
export { loadMatcherConfig, type MatcherConfig, MatcherEnv } from './config.js'
export { MatcherError, type MatcherErrorCode } from './errors.js'
export { loadRoundInput } from './load.js'
export { type InterestRow, toMatchInterest } from './map.js'
export {
  failRound,
  processRound,
  processRoundJob,
  type RoundDeps,
  type RoundJob,
  type RoundOutcome,
} from './round.js'
export { parseWeights } from './weights.js'
export { type Matcher, type StartOptions, startMatcher } from './worker.js'
