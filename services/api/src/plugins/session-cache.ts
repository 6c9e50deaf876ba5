import { randomUUID } from 'node:crypto'
import { createProducerConnection } from '@dj/queue'
import fp from 'fastify-plugin'
import { loadSessionState, type SessionState } from '../domains/accounts/session-state.js'

declare module 'fastify' {
  interface FastifyInstance {
    sessionStates: SessionStates
  }
}

export interface SessionStates {
  /** The user's session state: this instance's copy while it can be trusted, else PostgreSQL's. */
  get(userId: string, options?: { fresh?: boolean }): Promise<SessionState | undefined>
  /** Drops the users' copies here and tells every instance; call after the change committed. */
  changed(userIds: readonly string[]): Promise<void>
  /** The channel is subscribed and answered a ping within the last TRUST_MS: copies are used. */
  readonly live: boolean
}

/** A ping's answer vouches for the channel this long after the ping was sent. */
const TRUST_MS = 1_000
const HEARTBEAT_MS = 250
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The session-state cache: each API instance keeps the users' session states (src/domains/
 * accounts/session-state.ts) in memory for at most SESSION_CACHE_MAX_AGE_MS, so an
 * authenticated request costs no database round trip. Safety rules (README, Security):
 *  - Every write that changes a session state reports the user (`sessionChanged` in the use
 *    case's context); the use-case layer calls `changed` once the use case settled, which drops
 *    the copy here and publishes `<sender> <user id>…` on `<QUEUE_PREFIX>:session-changed`;
 *    every other instance drops its copies on receipt (the sender skips its own message).
 *  - Copies are used only while this instance's own subscriber connection is subscribed and
 *    answered a ping sent less than TRUST_MS ago (a ping every HEARTBEAT_MS). A message is
 *    delivered before the answer to any ping sent after it, so a silently dead connection
 *    leaves a revoked copy in use for at most TRUST_MS. On a close, an error or a late answer
 *    the whole cache is dropped and every request reads PostgreSQL, as without the cache, until
 *    the channel is back: Redis down never lets a revoked token through (fails closed) and
 *    reads stay correct.
 *  - A read that raced an invalidation (or a loss of trust) is not stored (the generation).
 *  - A publication that fails (this instance cannot reach Redis while others can) is logged;
 *    the max age bounds how long the others keep their copies.
 */
export const sessionCachePlugin = fp(
  async (app) => {
    const { config } = app
    const channel = `${config.QUEUE_PREFIX}:session-changed`
    const maxAgeMs = config.SESSION_CACHE_MAX_AGE_MS
    /** Names this instance in what it publishes: its own message comes back after it already acted. */
    const self = randomUUID()
    const entries = new Map<string, { state: SessionState; expiresAt: number }>()
    let generation = 0
    let trustedUntil = 0
    let subscribed = false
    /** Bumped on every close, so an answer from before it cannot vouch for the new connection. */
    let connection = 0
    let swept = Date.now()

    const forget = (userIds: readonly string[]) => {
      for (const id of userIds) entries.delete(id)
      generation++
    }
    const forgetAll = () => {
      entries.clear()
      generation++
    }
    const trusted = () => {
      if (Date.now() < trustedUntil) return true
      if (entries.size > 0) forgetAll()
      return false
    }
    const vouch = (sentAt: number, of: number) => {
      if (!subscribed || of !== connection) return
      if (!trusted()) app.log.info('session cache live')
      trustedUntil = Math.max(trustedUntil, sentAt + TRUST_MS)
    }

    const subscriber = createProducerConnection(config.REDIS_URL, {
      autoResubscribe: false,
      commandTimeout: TRUST_MS,
      connectionName: 'dj-api-session-cache',
    })
    subscriber.on('error', () => {}) // each failed reconnect; the close below already acted
    subscriber.on('close', () => {
      if (subscribed) app.log.warn('session cache bypassed: its Redis connection closed')
      subscribed = false
      connection++
      trustedUntil = 0
      forgetAll()
    })
    subscriber.on('ready', () => {
      const of = connection
      const sentAt = Date.now()
      subscriber.subscribe(channel).then(
        () => {
          if (of !== connection) return
          subscribed = true
          vouch(sentAt, of)
        },
        () => subscriber.disconnect(true),
      )
    })
    subscriber.on('message', (_channel: string, message: string) => {
      const [from, ...ids] = message.split(' ')
      if (from === self) return
      // Not ours to read: drop everything rather than keep something that may be stale.
      if (ids.length > 0 && ids.every((id) => UUID.test(id))) forget(ids)
      else forgetAll()
    })

    const heartbeat = setInterval(() => {
      const now = Date.now()
      if (now - swept > maxAgeMs) {
        for (const [id, e] of entries) if (e.expiresAt <= now) entries.delete(id)
        swept = now
      }
      if (!subscribed) return
      const of = connection
      subscriber.ping().then(
        () => vouch(now, of),
        () => {},
      )
    }, HEARTBEAT_MS)
    heartbeat.unref()

    app.decorate('sessionStates', {
      async get(userId, options) {
        if (!options?.fresh && trusted()) {
          const hit = entries.get(userId)
          if (hit && hit.expiresAt > Date.now()) return hit.state
        }
        const readAt = Date.now()
        const before = generation
        const state = await loadSessionState(app.db, userId)
        if (state && maxAgeMs > 0 && generation === before && trusted())
          entries.set(userId, { state, expiresAt: readAt + maxAgeMs })
        return state
      },
      async changed(userIds) {
        if (userIds.length === 0) return
        forget(userIds)
        try {
          await app.producers.connection.publish(channel, [self, ...userIds].join(' '))
        } catch (err) {
          app.log.error(
            { err, users: userIds.length },
            'session change not published: other instances keep their copies up to SESSION_CACHE_MAX_AGE_MS',
          )
        }
      },
      get live() {
        return subscribed && Date.now() < trustedUntil
      },
    } satisfies SessionStates)

    app.addHook('onClose', async () => {
      clearInterval(heartbeat)
      subscriber.disconnect()
    })
  },
  { name: 'session-cache', fastify: '5.x', dependencies: ['infrastructure'] },
)
