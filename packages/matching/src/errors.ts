/** Every error this package throws on purpose carries a stable `MATCH_` code callers can switch on. */
export type MatchErrorCode = 'MATCH_INVALID_INPUT' | 'MATCH_INVALID_WEIGHTS'

export class MatchError extends Error {
  readonly code: MatchErrorCode
  readonly field: string | undefined

  constructor(code: MatchErrorCode, message: string, field?: string) {
    super(`${code}: ${message}`)
    this.name = 'MatchError'
    this.code = code
    this.field = field
  }

  toJSON(): { code: MatchErrorCode; message: string; field?: string } {
    const out: { code: MatchErrorCode; message: string; field?: string } = {
      code: this.code,
      message: this.message,
    }
    if (this.field !== undefined) out.field = this.field
    return out
  }
}

export function invalidInput(field: string, message: string): MatchError {
  return new MatchError('MATCH_INVALID_INPUT', `${field}: ${message}`, field)
}

export function isMatchError(e: unknown): e is MatchError {
  return e instanceof MatchError
}
