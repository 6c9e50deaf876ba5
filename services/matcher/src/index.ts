export { type App, type BuildOptions, buildApp } from './app.js'
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
