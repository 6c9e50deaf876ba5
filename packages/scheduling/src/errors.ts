/** Every error this package throws on purpose carries a stable `SCHED_` code callers can switch on. */
export type SchedErrorCode =
  | 'SCHED_INVALID_INPUT'
  | 'SCHED_PARSE_CSV'
  | 'SCHED_PARSE_HOLIDAY_CN'
  | 'SCHED_PARSE_ICS'

export interface SchedErrorDetails {
  /** Input field (dotted path) that was wrong, for SCHED_INVALID_INPUT. */
  field?: string
  /** 1-based line of the offending input, for parse errors. */
  line?: number
  /** The offending value, when it helps to show it. */
  value?: unknown
}

export class SchedulingError extends Error {
  readonly code: SchedErrorCode
  readonly field: string | undefined
  readonly line: number | undefined
  readonly value: unknown

  constructor(code: SchedErrorCode, message: string, details: SchedErrorDetails = {}) {
    const where = details.line !== undefined ? ` (line ${details.line})` : ''
    super(`${code}: ${message}${where}`)
    this.name = 'SchedulingError'
    this.code = code
    this.field = details.field
    this.line = details.line
    this.value = details.value
  }

  toJSON(): { code: SchedErrorCode; message: string; field?: string; line?: number } {
    const out: { code: SchedErrorCode; message: string; field?: string; line?: number } = {
      code: this.code,
      message: this.message,
    }
    if (this.field !== undefined) out.field = this.field
    if (this.line !== undefined) out.line = this.line
    return out
  }
}

export function invalidInput(field: string, message: string, value?: unknown): SchedulingError {
  return new SchedulingError('SCHED_INVALID_INPUT', `${field}: ${message}`, { field, value })
}

export function isSchedulingError(e: unknown): e is SchedulingError {
  return e instanceof SchedulingError
}
