import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract, SuccessStatus } from '@dj/contracts'
import type { RateLimitOptions } from '@fastify/rate-limit'
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  preValidationAsyncHookHandler,
} from 'fastify'
import type { Actor } from '../domains/actor.js'
import { Errors } from '../domains/errors.js'
import type { Deps, UseCase } from '../domains/use-case.js'

/** A success answer with its status, for routes that answer with more than one (200 or 201). */
export class Answer<S extends number, B> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}
export const answer = <S extends number, B>(status: S, body: B) => new Answer(status, body)

type Success<C extends RouteContract> = {
  [S in SuccessStatus<C>]: ResponseOf<C, S> | Answer<S, ResponseOf<C, S>>
}[SuccessStatus<C>]

/** What a handler gets: the parsed request, the caller, and `run` to call its use case. */
export interface Call<C extends RouteContract> {
  params: ParamsOf<C>
  query: QueryOf<C>
  body: BodyOf<C>
  /** The signed-in caller; always there on routes that declare roles (checked before parsing). */
  actor: C['access'] extends { roles: unknown } ? Actor : Actor | null
  run<I, O>(useCase: UseCase<I, keyof Deps, O>, input: I): Promise<O>
  request: FastifyRequest
  /** For headers of non-JSON answers (content type, disposition, caching). */
  reply: FastifyReply
}

/** What only the API knows about a route: limits and body parsing. */
export interface EdgeOptions {
  rateLimit?: RateLimitOptions
  bodyLimit?: number
  preValidation?: preValidationAsyncHookHandler
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

function configOf(contract: RouteContract, options: EdgeOptions) {
  const { access } = contract
  const rules =
    'public' in access
      ? { public: true }
      : { roles: access.roles, ...(access.verifiedEmail ? { verifiedEmail: true } : {}) }
  return { ...rules, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) }
}

/**
 * Registers a route from its contract: the schemas validate the request and serialise the answer
 * (and make the OpenAPI document), the access rules go to the auth check, and the handler's
 * answer must have the type of the contract's success response. The contract's path is absolute;
 * the scope's prefix (`/v1`, `/v1/auth`) is taken off.
 */
export function endpoint<C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: (call: Call<C>) => Promise<Success<C>>,
  options: EdgeOptions = {},
): void {
  if (!contract.path.startsWith(app.prefix))
    throw new Error(`${contract.path} cannot be registered under the prefix ${app.prefix}`)
  const successes = Object.keys(contract.response)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort()
  const status = successes[0]
  if (status === undefined) throw new Error(`${contract.path} declares no success answer`)
  const schema: FastifySchema = defined({
    tags: [...contract.tags],
    summary: contract.summary,
    description: contract.description,
    params: contract.params,
    querystring: contract.query,
    body: contract.body,
    response: contract.response,
    produces: contract.produces ? [...contract.produces] : undefined,
  })
  app.route({
    method: contract.method,
    url: contract.path.slice(app.prefix.length),
    schema,
    config: configOf(contract, options),
    ...defined({ bodyLimit: options.bodyLimit, preValidation: options.preValidation }),
    handler: async (request, reply) => {
      const actor = request.principal
      const out = await handler({
        params: request.params as ParamsOf<C>,
        query: request.query as QueryOf<C>,
        body: request.body as BodyOf<C>,
        actor: actor as Call<C>['actor'],
        run: (useCase, input) => {
          if (useCase.caller !== 'anyone' && !actor) throw new Errors.Unauthenticated()
          return useCase.execute(app.useCases, { actor, input, requestId: request.id })
        },
        request,
        reply,
      })
      if (out instanceof Answer) return reply.status(out.status).send(out.body)
      return reply.status(status).send(out)
    },
  })
}
