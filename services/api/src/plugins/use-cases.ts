import fp from 'fastify-plugin'
import type { UseCaseEnv } from '../domains/use-case.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** What the use cases run against: the database and their dependencies, from config. */
    useCases: UseCaseEnv
  }
}

/** Builds the use cases' dependencies once from the validated config (after auth: tokens). */
export const useCasesPlugin = fp(
  async (app) => {
    const { config } = app
    app.decorate('useCases', {
      db: app.db,
      deps: {
        linkSecret: config.EMAIL_LINK_SECRET,
        emailTokenTtlHours: config.EMAIL_TOKEN_TTL_HOURS,
        passwords: { memoryKib: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST },
        sessions: {
          signAccessToken: (claims) => app.signAccessToken(claims),
          accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
        },
        autoConfirm: config.AUTO_CONFIRM_PARTNERSHIPS,
        organizerEmail: config.ORGANIZER_EMAIL,
        webUrl: config.PUBLIC_WEB_URL,
        producers: app.producers,
        attachments: {
          maxBytes: config.WORKSPACE_ATTACHMENT_MAX_BYTES,
          mediaTypes: config.WORKSPACE_ATTACHMENT_TYPES.split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        },
      },
      sessionsChanged: (userIds) => app.sessionStates.changed(userIds),
    })
  },
  { name: 'use-cases', fastify: '5.x', dependencies: ['infrastructure', 'auth', 'session-cache'] },
)
