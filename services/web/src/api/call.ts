import { type BodyOf, type ParamsOf, pathOf, type QueryOf, type RouteContract } from '@dj/contracts'
import type { TSchema } from 'typebox'

/**
 * What a page passes to call an API route by its contract: path parameters and body exactly as
 * the contract types them, query fields optional (the API fills defaults).
 */
export type CallInput<C extends RouteContract> = (C['params'] extends TSchema
  ? { params: ParamsOf<C> }
  : { params?: undefined }) &
  (C['body'] extends TSchema ? { body: BodyOf<C> } : { body?: undefined }) & {
    query?: C['query'] extends TSchema ? Partial<QueryOf<C>> : undefined
  }

/** `[input]` when the contract needs params or a body, `[input?]` otherwise. */
export type CallArgs<C extends RouteContract> = C['params'] extends TSchema
  ? [CallInput<C>]
  : C['body'] extends TSchema
    ? [CallInput<C>]
    : [CallInput<C>?]

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[]

/** The query string of a call: arrays as repeated keys, empty values left out. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const qs = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const v of value) qs.append(key, String(v))
    else qs.append(key, String(value))
  }
  const s = qs.toString()
  return s ? `?${s}` : ''
}

/** The URL path and query of one call. */
export function urlOf<C extends RouteContract>(contract: C, input: CallInput<C> | undefined): string {
  const path = pathOf(contract, (input?.params ?? {}) as ParamsOf<C>)
  return path + queryString(input?.query as Record<string, QueryValue> | undefined)
}
