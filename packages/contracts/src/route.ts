import type { Role } from '@dj/vocabulary'
import type { Static, TSchema } from 'typebox'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call a route. The API enforces it before the body is read (401 for anonymous callers,
 * 403 for the wrong role or an unverified address) and publishes it as `x-roles` in OpenAPI.
 */
export type Access = { public: true } | { roles: readonly Role[] | 'any'; verifiedEmail?: true }

/** One API operation, declared once: the API registers it, the web calls it, OpenAPI shows it. */
export interface RouteContract {
  method: Method
  /** The full path in Fastify's syntax, parameters as `:name` (e.g. `/v1/institutions/:id`). */
  path: string
  summary?: string
  description?: string
  tags: readonly string[]
  access: Access
  params?: TSchema
  query?: TSchema
  body?: TSchema
  /** Answers by status: the success answer(s) and `problems(...)` for the errors. */
  response: { readonly [status: number]: TSchema }
  /** Media types of a success answer that is not JSON (e.g. `text/calendar`). */
  produces?: readonly string[]
}

const PARAM = /:([A-Za-z_]\w*)/g

/** The names of a path's parameters, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]!)
}

/**
 * Declares a route. Returns the object unchanged (its literal type drives the types of the API
 * handler and the web client), after checking that the path's parameters and the params schema
 * name the same fields, so a typo fails when the module loads.
 */
export function route<const C extends RouteContract>(contract: C): C {
  const inPath = pathParams(contract.path).sort()
  const props = (contract.params as { properties?: Record<string, unknown> } | undefined)?.properties
  const inSchema = Object.keys(props ?? {}).sort()
  if (inPath.join() !== inSchema.join())
    throw new Error(
      `route ${contract.method} ${contract.path}: path parameters [${inPath}] and params schema [${inSchema}] differ`,
    )
  if (!contract.path.startsWith('/')) throw new Error(`route ${contract.path}: the path must start with /`)
  return Object.freeze(contract)
}

type StaticOr<S, Otherwise> = S extends TSchema ? Static<S> : Otherwise

/** The path parameters a call fills in. */
export type ParamsOf<C extends RouteContract> = StaticOr<C['params'], Record<string, never>>
/** The query string (after defaults: fields with a default are present in the API handler). */
export type QueryOf<C extends RouteContract> = StaticOr<C['query'], Record<string, never>>
/** The JSON body; `undefined` when the route takes none. */
export type BodyOf<C extends RouteContract> = StaticOr<C['body'], undefined>

type SuccessCode = 200 | 201 | 202 | 204
/** The statuses a route answers with on success. */
export type SuccessStatus<C extends RouteContract> = Extract<keyof C['response'], SuccessCode>
/** The body of one answer (by default the success answer; a union when there are several). */
export type ResponseOf<C extends RouteContract, S extends keyof C['response'] = SuccessStatus<C>> = {
  [K in S]: C['response'][K] extends TSchema ? Static<C['response'][K]> : never
}[S]

/** The path with its parameters filled in (each encoded), e.g. `/v1/institutions/3f…`. */
export function pathOf<C extends RouteContract>(contract: C, params: ParamsOf<C>): string {
  const values = params as Record<string, string | number>
  return contract.path.replace(PARAM, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${contract.path}: parameter ${name} is missing`)
    return encodeURIComponent(String(value))
  })
}

/** `/v1/institutions/:id` as OpenAPI writes it: `/v1/institutions/{id}`. */
export const openApiPath = (path: string) => path.replace(PARAM, '{$1}')
