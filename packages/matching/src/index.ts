export {
  bruteForceCandidates,
  type CandidateOptions,
  type CandidateSet,
  generateCandidates,
} from './candidates.js'
export {
  type ConstraintCheck,
  checkPair,
  type Feasibility,
  HARD_CONSTRAINTS,
  type HardConstraint,
  PairSet,
} from './compatibility.js'
export { isMatchError, MatchError, type MatchErrorCode } from './errors.js'
export { HOSTED_ROWS, type HostedRow, isTrainingProvider, VIRTUAL_FIT } from './formats.js'
export { compareCodePoints } from './ids.js'
export type { Agent, Edge, Instance, MatchingResult } from './instance.js'
export { compileInstance } from './instance.js'
export type * from './interest.js'
export { FORMATS, LANG_LEVELS, LANGS, TOPICS } from './interest.js'
export { parseInstance } from './parse.js'
export { type PreparedInterest, prepareInterest } from './prepared.js'
export {
  finishRun,
  type MatchRun,
  type Policy,
  type PreparedRun,
  type Proposal,
  prepareRun,
  type RunOptions,
  runBothPolicies,
  runMatching,
} from './run.js'
export {
  CRITERIA,
  type Criterion,
  DEFAULT_WEIGHTS,
  type ExplanationItem,
  normaliseWeights,
  type ScoredPair,
  type ScoreOptions,
  type ScoringWeights,
  scorePair,
} from './score.js'
export { type Proposer, stable } from './stable.js'
export { welfare } from './welfare.js'
