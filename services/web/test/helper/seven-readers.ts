import { type SevenActors, sevenActors } from '@dj/stack'
import type { Stack } from './stack.js'
import { anonymousSession, type WebSession, webSignIn } from './web-session.js'

/** The seven kinds of reader every page of a partnership is checked for. */
export const READERS = ['anon', 'du', 'jh', 'stranger', 'officerDu', 'officerJh', 'admin'] as const
export type Reader = (typeof READERS)[number]
export type Sessions = Record<Reader, WebSession>

/**
 * The seven actors of @dj/stack (the two parties' coordinators, a stranger coordinator, both
 * offices, an admin) with a web session each, signed in through the web's own form.
 */
export async function sevenReaders(
  stack: Stack,
  prefix = 'x',
): Promise<{ actors: SevenActors; sessions: Sessions }> {
  const actors = await sevenActors(stack.api.app, prefix)
  const emailOf = async (id: string) => {
    const [u] = await stack.api.app.dbHandle.sql<
      { email: string }[]
    >`select email from users where id = ${id}`
    return u!.email
  }
  const sessions = { anon: await anonymousSession(stack) } as Sessions
  for (const r of READERS) {
    if (r === 'anon') continue
    sessions[r] = await webSignIn(stack, await emailOf(actors[r].id))
  }
  return { actors, sessions }
}

/**
 * What each reader gets, in READERS order: the status code, or 'sign-in' for the redirect an
 * anonymous reader gets, so a test states the whole access table in one line.
 */
export async function accessMatrix(
  sessions: Sessions,
  request: (s: WebSession) => Promise<{ statusCode: number; headers: Record<string, unknown> }>,
): Promise<(number | string)[]> {
  const out: (number | string)[] = []
  for (const r of READERS) {
    const res = await request(sessions[r])
    const location = String(res.headers.location ?? '')
    out.push(res.statusCode === 303 && location.startsWith('/sign-in') ? 'sign-in' : res.statusCode)
  }
  return out
}
