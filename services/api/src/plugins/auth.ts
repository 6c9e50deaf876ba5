import type { Role, Side } from '@dj/db'
import jwt from '@fastify/jwt'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Actor } from '../domains/actor.js'
import { Errors } from '../http/errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What an access token carries. `sv` must equal the user's session version to be accepted. */
export interface AccessClaims {
  sub: string
  role: Role
  side: Side | null
  sv: number
  typ: 'access'
}

/** The caller as the domains know them (see src/domains/actor.ts). */
export type Principal = Actor

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: AccessClaims
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>
    signAccessToken(claims: Omit<AccessClaims, 'typ'>): string
  }
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; authentication is required whenever this is set. */
    roles?: readonly Role[] | 'any'
    /** The route also needs a verified email address. */
    verifiedEmail?: boolean
  }
}

/**
 * Access tokens: HS256 only (no `none`, no algorithm confusion), issuer, audience and our own
 * `typ` claim checked, at most 15 minutes. Each request also checks the user's status and
 * session version so logout, password change and disabling take effect at once: from the
 * instance's session-state cache, kept current across instances (src/plugins/session-cache.ts).
 */
export const authPlugin = fp(
  async (app) => {
    const { config } = app
    await app.register(jwt, {
      secret: config.JWT_SECRET,
      sign: {
        algorithm: 'HS256',
        iss: config.JWT_ISSUER,
        aud: config.JWT_AUDIENCE,
        expiresIn: `${config.ACCESS_TOKEN_TTL_SECONDS}s`,
      },
      verify: {
        algorithms: ['HS256'],
        allowedIss: config.JWT_ISSUER,
        allowedAud: config.JWT_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'],
        // Also bounds a token by its issue time: one minted with a far `exp` still dies after the TTL.
        maxAge: `${config.ACCESS_TOKEN_TTL_SECONDS}s`,
      },
    })
    app.decorateRequest('principal', null)
    app.decorate('signAccessToken', (claims: Omit<AccessClaims, 'typ'>) =>
      app.jwt.sign({ ...claims, typ: 'access' }),
    )

    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (!request.headers.authorization) throw new Errors.Unauthenticated()
      let claims: AccessClaims
      try {
        claims = await request.jwtVerify<AccessClaims>()
      } catch {
        throw new Errors.InvalidToken()
      }
      if (claims.typ !== 'access') throw new Errors.InvalidToken()
      // Claims are only as sound as their shape: a non-uuid subject would reach PostgreSQL's uuid cast.
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !Number.isInteger(claims.sv))
        throw new Errors.InvalidToken()
      let user = await app.sessionStates.get(claims.sub)
      // A token newer than the copy proves the copy stale (a new session's token reached this
      // instance before the change did): read again rather than refuse a valid token.
      if (user && user.sv < claims.sv) user = await app.sessionStates.get(claims.sub, { fresh: true })
      if (!user || user.sv !== claims.sv) throw new Errors.InvalidToken()
      if (user.status !== 'active') throw new Errors.AccountDisabled()
      request.principal = {
        userId: claims.sub,
        role: user.role,
        side: user.side,
        emailVerified: user.verified,
        displayName: user.name,
        institutionSides: user.institutionSides,
      }
    })

    // Route-level access rules declared in `config`, so a route cannot forget to check. They run
    // first in onRequest, before the body is read or validated: an anonymous caller learns
    // nothing about a route's schema (401), nor does a caller without the role (403).
    app.addHook('onRoute', (route) => {
      const roles = route.config?.roles
      if (!roles) return
      const check = async (request: FastifyRequest, reply: FastifyReply) => {
        await app.authenticate(request, reply)
        const p = request.principal!
        if (roles !== 'any' && !roles.includes(p.role)) throw new Errors.Forbidden()
        if (route.config?.verifiedEmail && !p.emailVerified) throw new Errors.EmailNotVerified()
      }
      const existing = route.onRequest
      route.onRequest = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check]
      // OpenAPI extensions say who may call the operation (the access test reads them too).
      const access = {
        'x-roles': roles === 'any' ? ['any'] : [...roles],
        ...(route.config?.verifiedEmail ? { 'x-verified-email': true } : {}),
      }
      route.schema = { ...route.schema, security: [{ bearer: [] }], ...access }
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['infrastructure', 'session-cache'] },
)

/** The authenticated principal of a route declared with `config.roles`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Errors.Unauthenticated()
  return request.principal
}
