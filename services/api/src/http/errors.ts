/**
 * The HTTP edge raises the same coded errors as the domains (src/domains/errors.ts); the problem
 * handler answers them all as RFC 9457 problem+json.
 */
export {
  type DateReason,
  DatesRejectedError,
  DomainError,
  Errors,
  type FieldProblem,
  FieldsError,
} from '../domains/errors.js'
