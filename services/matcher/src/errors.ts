/** Errors the matcher raises on purpose carry a stable `MATCHER_` code. */
export type MatcherErrorCode = 'MATCHER_INVALID_WEIGHTS' | 'MATCHER_ROUND_NOT_FOUND'

export class MatcherError extends Error {
  readonly code: MatcherErrorCode
  constructor(code: MatcherErrorCode, message: string) {
    super(`${code}: ${message}`)
    this.name = 'MatcherError'
    this.code = code
  }
}
