import { QueueUnavailableError } from '@dj/queue'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { DatesRejectedError, type FieldProblem, FieldsError } from './errors.js'

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    reasons: Type.Optional(
      Type.Array(
        Type.Object({ code: Type.String(), date: Type.String(), endDate: Type.Optional(Type.String()) }),
        { description: 'why proposed dates were rejected (scheduling)' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
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

/** One error handler for the whole API: problem+json, stable codes, no internals on 5xx. */
export function problemHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = error.statusCode ?? 500
  let code = error.code ?? 'INTERNAL'
  let detail: string | undefined = error.message
  let errors: FieldProblem[] | undefined

  if (error.validation) {
    status = 400
    code = 'REQUEST_VALIDATION'
    errors = fieldsFromValidation(error.validation as AjvError[], error.validationContext)
    detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')
  } else if (error instanceof FieldsError) {
    errors = error.errors
  } else if (error instanceof QueueUnavailableError || isRedisDown(error)) {
    status = 503
    code = 'SERVICE_UNAVAILABLE'
    detail = 'the job queue is unavailable; try again shortly'
  } else if (isPostgresDown(error) || isPostgresDown((error as { cause?: unknown }).cause)) {
    status = 503
    code = 'SERVICE_UNAVAILABLE'
    detail = 'the database is unavailable; try again shortly'
  } else if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
    status = 400
    code = 'REQUEST_MALFORMED_JSON'
    detail = 'the request body is not valid JSON'
  } else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    code = 'REQUEST_UNSUPPORTED_MEDIA_TYPE'
  } else if (code.startsWith('FST_') || code === 'INTERNAL') {
    code = status >= 500 ? 'INTERNAL' : code.replace(/^FST_ERR_/, 'REQUEST_')
  }

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
    ...(error instanceof DatesRejectedError ? { reasons: error.reasons } : {}),
  }
  void reply.status(status).type('application/problem+json').send(body)
}
