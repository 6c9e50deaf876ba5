import { createHmac, timingSafeEqual } from 'node:crypto'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import { users } from '@dj/db'
import { QUEUE_NAMES } from '@dj/queue'
import { eq } from 'drizzle-orm'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { Errors } from '../http/errors.js'
import { problemHandler } from '../http/problem.js'

export const BOARD_PATH = '/admin/queues'
const COOKIE = 'dj_board'
const COOKIE_TTL_SECONDS = 15 * 60

/** A signed, short-lived cookie for the board's browser UI (it cannot send bearer tokens). */
function sign(secret: string, payload: string): string {
  return createHmac('sha256', `bull-board:${secret}`).update(payload).digest('base64url')
}

export function boardCookie(
  secret: string,
  userId: string,
  sessionVersion: number,
  now = Date.now(),
): string {
  const payload = `${userId}.${sessionVersion}.${Math.floor(now / 1000) + COOKIE_TTL_SECONDS}`
  return `${payload}.${sign(secret, payload)}`
}

function readCookie(request: FastifyRequest): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return decodeURIComponent(v.join('='))
  }
  return null
}

async function adminFromCookie(app: FastifyInstance, value: string): Promise<boolean> {
  const [userId, sv, exp, mac] = value.split('.')
  if (!userId || !sv || !exp || !mac) return false
  const expected = Buffer.from(sign(app.config.JWT_SECRET, `${userId}.${sv}.${exp}`))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false
  if (Number(exp) * 1000 < Date.now()) return false
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false
  const [u] = await app.db
    .select({ role: users.role, status: users.status, sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
  // Logout, password change or losing the admin role end the cookie at once.
  return !!u && u.role === 'admin' && u.status === 'active' && String(u.sv) === sv
}

/**
 * Bull Board at /admin/queues for admins only: every request (page, assets, its JSON API) must
 * carry an admin bearer token or the signed cookie from POST /v1/admin/queues/session.
 */
export async function bullBoardPlugin(app: FastifyInstance) {
  const serverAdapter = new FastifyAdapter()
  serverAdapter.setBasePath(BOARD_PATH)
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(app.producers.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'DJ queues' } },
  })

  app.post(
    '/v1/admin/queues/session',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: `Sets a 15-minute cookie that opens the queue dashboard at ${BOARD_PATH}`,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const [u] = await app.db
        .select({ sv: users.sessionVersion })
        .from(users)
        .where(eq(users.id, request.principal!.userId))
      const value = boardCookie(app.config.JWT_SECRET, request.principal!.userId, u?.sv ?? 0)
      const secure = app.config.NODE_ENV === 'production' ? '; Secure' : ''
      void reply.header(
        'set-cookie',
        `${COOKIE}=${value}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_TTL_SECONDS}${secure}`,
      )
      return reply.status(204).send()
    },
  )

  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true }
    })
    scope.addHook('onRequest', async (request, reply) => {
      // Bull Board sets its own error handler (it answers with its internals and a stack), so a
      // refusal is answered here, as problem+json like the rest of the API.
      try {
        if (request.headers.authorization) {
          await app.authenticate(request, reply)
          if (request.principal?.role !== 'admin') throw new Errors.Forbidden()
          return
        }
        const cookie = readCookie(request)
        if (!cookie) throw new Errors.Unauthenticated()
        if (!(await adminFromCookie(app, cookie))) throw new Errors.Forbidden()
      } catch (error) {
        problemHandler(error as FastifyError, request, reply)
        return reply
      }
    })
    await scope.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH })
  })
}
