import { createHmac, hkdfSync } from 'node:crypto'
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Errors } from '../http/errors.js'
import { clientIpPlugin } from './client-ip.js'

/** A counter of failed attempts, read before the attempt and bumped only when it fails. */
export interface FailureLimit {
  /** Throws 429 once the subject has used up its failures in this window. */
  check(request: FastifyRequest): Promise<void>
  /** Counts one failure. */
  fail(request: FastifyRequest): Promise<void>
}

export interface CredentialLimits {
  /** Route limit on attempts per client address. */
  perClient(max: number): RateLimitOptions
  /** Route limit on attempts per signed-in user (the route must declare roles). */
  perUser(max: number): RateLimitOptions
  /** Route-independent attempts per subject (e.g. an address), counted whatever the outcome. */
  attempts(scope: string, max: number, subject: (request: FastifyRequest) => string): FailureLimit['check']
  /** Failures per subject (e.g. account and client), counted only when an attempt fails. */
  failures(scope: string, max: number, subject: (request: FastifyRequest) => string): FailureLimit
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: CredentialLimits
  }
}

/**
 * Rate limits on the credential routes with @fastify/rate-limit and its Redis store, so every API
 * instance shares the counters. They fail closed: when Redis cannot count, the store error
 * reaches the error handler and the caller gets 503 (never an unlimited attempt).
 * Keys are keyed hashes: Redis never holds an address or an email in clear.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    const { config } = app
    await app.register(clientIpPlugin)
    const keyMaterial = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'dj-api', 'rate-limit-keys', 32))
    const digest = (scope: string, subject: string) =>
      `${scope}:${createHmac('sha256', keyMaterial).update(subject.toLowerCase()).digest('base64url').slice(0, 22)}`
    const timeWindow = config.RATE_LIMIT_WINDOW_SECONDS * 1000

    await app.register(rateLimit, {
      global: false,
      redis: app.producers.connection,
      nameSpace: `${config.QUEUE_PREFIX}:ratelimit:`,
      skipOnError: false,
      timeWindow,
      keyGenerator: (request) => digest('ip', request.clientIp),
      errorResponseBuilder: () => new Errors.RateLimited(),
    })

    const counter = (scope: string, max: number, subject: (request: FastifyRequest) => string) =>
      app.createRateLimit({ max, timeWindow, keyGenerator: (request) => digest(scope, subject(request)) })
    // A read reports the failures so far: none left means the next attempt is refused.
    const refuseWhenUsedUp = (outcome: Awaited<ReturnType<ReturnType<typeof counter>>>) => {
      if (!outcome.isAllowed && outcome.remaining <= 0) throw new Errors.RateLimited()
    }

    app.decorate('limits', {
      perClient: (max) => ({ max, timeWindow }),
      perUser: (max) => ({
        max,
        timeWindow,
        keyGenerator: (request) => digest('user', request.principal?.userId ?? `ip:${request.clientIp}`),
      }),
      attempts(scope, max, subject) {
        const count = counter(scope, max, subject)
        return async (request) => {
          const outcome = await count(request)
          if (!outcome.isAllowed && outcome.isExceeded) throw new Errors.RateLimited()
        }
      },
      failures(scope, max, subject) {
        const count = counter(scope, max, subject)
        return {
          async check(request) {
            refuseWhenUsedUp(await count(request, { increment: false }))
          },
          async fail(request) {
            await count(request)
          },
        }
      },
    } satisfies CredentialLimits)
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['infrastructure'] },
)
