import createError from '@fastify/error'

/**
 * Every error the API answers with on purpose has a stable code, an HTTP status and a title.
 * The error handler turns them into RFC 9457 problem+json.
 */
export const Errors = {
  Unauthenticated: createError('AUTH_UNAUTHENTICATED', 'Authentication required', 401),
  InvalidCredentials: createError('AUTH_INVALID_CREDENTIALS', 'Email or password is wrong', 401),
  InvalidToken: createError('AUTH_INVALID_TOKEN', 'The token is invalid or expired', 401),
  RefreshReused: createError(
    'AUTH_REFRESH_REUSED',
    'This refresh token was already used; all sessions of this login were revoked',
    401,
  ),
  AccountDisabled: createError('AUTH_ACCOUNT_DISABLED', 'This account is disabled', 403),
  EmailNotVerified: createError('AUTH_EMAIL_NOT_VERIFIED', 'Verify your email address first', 403),
  Forbidden: createError('ACCESS_FORBIDDEN', 'You may not do this', 403),
  NotFound: createError('NOT_FOUND', '%s not found', 404),
  EmailTaken: createError('ACCOUNT_EMAIL_TAKEN', 'An account with this email already exists', 409),
  Conflict: createError('CONFLICT', '%s', 409),
  WeakPassword: createError('ACCOUNT_WEAK_PASSWORD', '%s', 400),
  Invalid: createError('REQUEST_INVALID', '%s', 400),
  RateLimited: createError('RATE_LIMITED', 'Too many attempts; try again later', 429),
  DependencyDown: createError('SERVICE_UNAVAILABLE', '%s is unavailable; try again shortly', 503),
}

export interface FieldProblem {
  field: string
  message: string
}

/** An error that names the offending fields, answered as 400 with an `errors` array. */
export class FieldsError extends Error {
  readonly statusCode = 400
  readonly code: string
  constructor(
    readonly errors: FieldProblem[],
    code = 'REQUEST_VALIDATION',
  ) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.code = code
  }
}

export interface DateReason {
  code: string
  date: string
  endDate?: string
}

/** Proposed dates that do not fit both calendars: 409 with the finder's reasons as data. */
export class DatesRejectedError extends Error {
  readonly statusCode = 409
  readonly code = 'VISIT_DATES_REJECTED'
  constructor(readonly reasons: DateReason[]) {
    super(`these dates do not work: ${reasons.map((r) => r.code).join(', ') || 'rejected'}`)
  }
}
