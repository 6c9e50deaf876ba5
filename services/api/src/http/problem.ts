import { QueueUnavailableError } from '@dj/queue'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, type ErrorKind, type FieldProblem } from '../domains/errors.js'

/** The problem+json schema (its `$id` is `Problem`, which routes' error answers refer to). */
export { Problem as ProblemSchema } from '@dj/contracts'

/** The status a domain error's kind is answered with. */
const STATUS_OF: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  unprocessable: 422,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  unavailable: 503,
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const slug = (code: string) => code.toLowerCase().replace(/_/g, '-')

interface AjvError {
  instancePath?: string
  params?: { missingProperty?: string; additionalProperty?: string }
  message?: string
}

function fieldsFromValidation(validation: AjvError[], context: string | undefined): FieldProblem[] {
  return validation.map((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
    const leaf = v.params?.missingProperty ?? v.params?.additionalProperty
    const field = [path, leaf].filter(Boolean).join('.') || context || '(body)'
    return { field, message: v.message ?? 'is invalid' }
  })
}

/** ioredis refuses at once when Redis is down and the offline queue is off (producers fail fast). */
function isRedisDown(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined
  return (
    e?.name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue|Connection is closed|ECONNREFUSED 127\.0\.0\.1:\d+/.test(e?.message ?? '')
  )
}

function isPostgresDown(error: unknown): boolean {
  const code = (error as { code?: string })?.code
  return (
    code === 'ECONNREFUSED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_ENDED' ||
    code === 'CONNECTION_DESTROYED' ||
    code === '57P01' ||
    code === '57P03'
  )
}

interface ProblemParts {
  status: number
  code: string
  detail: string | undefined
  errors?: FieldProblem[] | undefined
  reasons?: unknown[] | undefined
  current?: { version: number; hash: string } | undefined
}

/** What an error is answered with: domain errors by their kind, the framework's and outages by shape. */
function problemOf(error: FastifyError | DomainError): ProblemParts {
  if (error instanceof DomainError)
    return { status: STATUS_OF[error.kind], code: error.code, detail: error.message, ...error.details }
  const status = error.statusCode ?? 500
  const code = error.code ?? 'INTERNAL'
  if (error.validation) {
    const errors = fieldsFromValidation(error.validation as AjvError[], error.validationContext)
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')
    return { status: 400, code: 'REQUEST_VALIDATION', detail, errors }
  }
  if (error instanceof QueueUnavailableError || isRedisDown(error))
    return {
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      detail: 'the job queue is unavailable; try again shortly',
    }
  if (isPostgresDown(error) || isPostgresDown((error as { cause?: unknown }).cause))
    return {
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      detail: 'the database is unavailable; try again shortly',
    }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError')
    return { status: 400, code: 'REQUEST_MALFORMED_JSON', detail: 'the request body is not valid JSON' }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status, code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE', detail: error.message }
  if (code.startsWith('FST_') || code === 'INTERNAL')
    return {
      status,
      code: status >= 500 ? 'INTERNAL' : code.replace(/^FST_ERR_/, 'REQUEST_'),
      detail: error.message,
    }
  return { status, code, detail: error.message }
}

/** One error handler for the whole API: problem+json, stable codes, no internals on 5xx. */
export function problemHandler(
  error: FastifyError | DomainError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const problem = problemOf(error)
  const { status, code, errors, reasons, current } = problem
  let { detail } = problem
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed')
    if (status !== 503) detail = 'an unexpected error occurred; it has been logged'
  }
  const body = {
    type: `/problems/${slug(code)}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request.url,
    requestId: request.id,
    ...(errors ? { errors } : {}),
    ...(reasons ? { reasons } : {}),
    ...(current ? { current } : {}),
  }
  void reply.status(status).type('application/problem+json').send(body)
}
