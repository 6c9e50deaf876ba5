/**
 * Domain errors: a stable code (clients and tests tell answers apart by it), a kind that says
 * what went wrong in domain terms, and for `invalid` the fields at fault. The HTTP edge maps the
 * kind to a status (src/http/problem.ts); domain code never names one.
 */
export type ErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  /** Well-formed, but the domain cannot accept it as it stands (an agreement with gaps). */
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_type'
  | 'rate_limited'
  | 'unavailable'

export interface FieldProblem {
  field: string
  message: string
}

/** Why proposed dates do not fit both calendars (scheduling). */
export interface DateReason {
  code: string
  date: string
  endDate?: string
}

export interface ErrorDetails {
  errors?: FieldProblem[]
  reasons?: DateReason[]
  /** The current version when a request named an older one (agreement: stale hash). */
  current?: { version: number; hash: string }
}

export class DomainError extends Error {
  override readonly name = 'DomainError'
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message)
  }
}

type CodedError = new (...args: string[]) => DomainError

/** A class of domain error; `%s` in the message is filled by the constructor's arguments in order. */
export function defineError(code: string, kind: ErrorKind, message: string): CodedError {
  return class extends DomainError {
    constructor(...args: string[]) {
      let i = 0
      super(
        kind,
        code,
        message.replace(/%s/g, () => args[i++] ?? '%s'),
      )
    }
  }
}

/** The errors every domain raises. */
export const Errors = {
  Unauthenticated: defineError('AUTH_UNAUTHENTICATED', 'unauthenticated', 'Authentication required'),
  InvalidCredentials: defineError(
    'AUTH_INVALID_CREDENTIALS',
    'unauthenticated',
    'Email or password is wrong',
  ),
  InvalidToken: defineError('AUTH_INVALID_TOKEN', 'unauthenticated', 'The token is invalid or expired'),
  RefreshReused: defineError(
    'AUTH_REFRESH_REUSED',
    'unauthenticated',
    'This refresh token was already used; all sessions of this login were revoked',
  ),
  AccountDisabled: defineError('AUTH_ACCOUNT_DISABLED', 'forbidden', 'This account is disabled'),
  EmailNotVerified: defineError('AUTH_EMAIL_NOT_VERIFIED', 'forbidden', 'Verify your email address first'),
  Forbidden: defineError('ACCESS_FORBIDDEN', 'forbidden', 'You may not do this'),
  NotFound: defineError('NOT_FOUND', 'not_found', '%s not found'),
  EmailTaken: defineError('ACCOUNT_EMAIL_TAKEN', 'conflict', 'An account with this email already exists'),
  Conflict: defineError('CONFLICT', 'conflict', '%s'),
  WeakPassword: defineError('ACCOUNT_WEAK_PASSWORD', 'invalid', '%s'),
  Invalid: defineError('REQUEST_INVALID', 'invalid', '%s'),
  RateLimited: defineError('RATE_LIMITED', 'rate_limited', 'Too many attempts; try again later'),
  DependencyDown: defineError('SERVICE_UNAVAILABLE', 'unavailable', '%s is unavailable; try again shortly'),
}

/** An error that names the offending fields (`invalid`, with an `errors` array). */
export class FieldsError extends DomainError {
  constructor(errors: FieldProblem[], code = 'REQUEST_VALIDATION') {
    super('invalid', code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors })
  }
  get errors(): FieldProblem[] {
    return this.details.errors ?? []
  }
}

/** Proposed dates that do not fit both calendars: a conflict carrying the finder's reasons. */
export class DatesRejectedError extends DomainError {
  constructor(reasons: DateReason[]) {
    super(
      'conflict',
      'VISIT_DATES_REJECTED',
      `these dates do not work: ${reasons.map((r) => r.code).join(', ') || 'rejected'}`,
      { reasons },
    )
  }
}

export const isDomainError = (e: unknown, kind?: ErrorKind): e is DomainError =>
  e instanceof DomainError && (kind === undefined || e.kind === kind)
