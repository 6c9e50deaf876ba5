import { CommonEnv, type LoadOptions, loadConfig, Port, ProposalTtlEnv, ShutdownDeadline } from '@dj/config'
import Type, { type Static } from 'typebox'

export const MatcherEnv = Type.Object({
  ...CommonEnv,
  MATCHER_PORT: Port(3013),
  MATCHER_HOST: Type.String({ default: '127.0.0.1' }),
  /**
   * Scoring weights as JSON, e.g. {"topics":0.3,"continuation":0}; criteria left out keep the
   * engine's defaults. Empty: the engine's defaults.
   */
  MATCH_WEIGHTS: Type.String({ default: '' }),
  ...ProposalTtlEnv,
  /** Rounds run one at a time per process: each holds a whole population in memory. */
  MATCH_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 8, default: 1 }),
  /** Hard deadline for a graceful shutdown; after it, running jobs are abandoned (they retry). */
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(100),
})
export type MatcherConfig = Static<typeof MatcherEnv>

export function loadMatcherConfig(options?: LoadOptions): MatcherConfig {
  return loadConfig(MatcherEnv, options)
}
