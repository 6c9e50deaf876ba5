import { type FullInstitution, getInstitution, type ResponseOf, type RouteContract } from '@dj/contracts'
import type { FastifyReply } from 'fastify'
import type { CallArgs } from '../api/call.js'
import type { ApiResult } from '../api-client.js'
import { messagePage } from '../http/respond.js'
import type { View } from '../view.js'
import { problemMessage } from './forms.js'

/**
 * The page for an API refusal: 404 (and a 400 about the path) is "not found", 403 "not for you",
 * anything else "try again later" with what the API said.
 */
export function refusalPage(v: View, reply: FastifyReply, res: Extract<ApiResult<unknown>, { ok: false }>) {
  if (res.status === 404 || res.status === 400)
    return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  if (res.status === 403) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
  return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
}

/** Calls a read route by its contract for what a page shows, or answers with the refusal page and returns null. */
export async function loadOrRefuse<C extends RouteContract>(
  v: View,
  reply: FastifyReply,
  contract: C,
  ...args: CallArgs<C>
): Promise<ResponseOf<C> | null> {
  const res = await v.call(contract, ...args)
  if (res.ok) return res.data
  void refusalPage(v, reply, res)
  return null
}

/** Passes a file from the API through to the browser (the browser never holds an API token). */
export async function passFile(v: View, reply: FastifyReply, path: string, fallbackName: string) {
  const res = await v.download(path)
  if (res.status === 404 || res.status === 400)
    return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  if (res.status === 403) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
  if (res.status === 409) return messagePage(v, reply, 'error.title', 'err.conflict', 409)
  if (res.status !== 200) return messagePage(v, reply, 'error.title', 'err.unavailable', 503)
  void reply.header('content-disposition', res.disposition ?? `attachment; filename="${fallbackName}"`)
  void reply.header('cache-control', 'private, no-store')
  return reply.status(200).type(res.type).send(res.body)
}

/** The institutions a page names (those the reader may see), by id. */
export async function institutionsOf(v: View, ids: string[]): Promise<Map<string, FullInstitution>> {
  const found = await Promise.all(ids.map((id) => v.call(getInstitution, { params: { id } })))
  const out = new Map<string, FullInstitution>()
  for (const r of found) if (r.ok) out.set(r.data.id, r.data)
  return out
}
