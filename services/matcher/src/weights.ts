import { CRITERIA, DEFAULT_WEIGHTS, normaliseWeights, type ScoringWeights } from '@dj/matching'
import { MatcherError } from './errors.js'

/** Parses MATCH_WEIGHTS (JSON, partial) into full weights; empty means the engine's defaults. */
export function parseWeights(raw: string): ScoringWeights {
  if (raw.trim() === '') return { ...DEFAULT_WEIGHTS }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new MatcherError('MATCHER_INVALID_WEIGHTS', 'MATCH_WEIGHTS is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MatcherError('MATCHER_INVALID_WEIGHTS', 'MATCH_WEIGHTS must be a JSON object')
  }
  const unknown = Object.keys(parsed).filter((k) => !(CRITERIA as readonly string[]).includes(k))
  if (unknown.length > 0) {
    throw new MatcherError(
      'MATCHER_INVALID_WEIGHTS',
      `unknown criteria in MATCH_WEIGHTS: ${unknown.join(', ')}`,
    )
  }
  const merged = { ...DEFAULT_WEIGHTS, ...(parsed as Partial<ScoringWeights>) }
  try {
    normaliseWeights(merged)
  } catch (error) {
    throw new MatcherError('MATCHER_INVALID_WEIGHTS', (error as Error).message)
  }
  return merged
}
