import {
  authChangePassword,
  authConfirmPasswordReset,
  authLogin,
  authLogout,
  authRefresh,
  authRegister,
  authRequestPasswordReset,
  authResendVerification,
  authVerifyEmail,
} from '@dj/contracts'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { RESET_ANSWER_FLOOR_MS } from '../../domains/accounts/password-reset.js'
import * as cases from '../../domains/accounts/use-cases/auth.js'
import { Errors } from '../../domains/errors.js'
import { endpoint } from '../../http/endpoint.js'
import { noSoonerThan } from '../../http/time-floor.js'

const authRoutes: FastifyPluginAsync = async (app) => {
  const { config, limits } = app
  // Rate limits (README, Security): attempts per client address on every credential route;
  // failed logins per (account, client) and a much higher ceiling per account, so an attacker
  // elsewhere cannot lock the owner out; requests that send mail, per address.
  const perClient = limits.perClient(config.RATE_LIMIT_LOGIN_PER_IP)
  const perToken = limits.perClient(config.RATE_LIMIT_TOKEN_PER_IP)
  const perUser = limits.perUser(config.RATE_LIMIT_PER_USER)
  const emailOf = (request: FastifyRequest) => (request.body as { email: string }).email.trim()
  const perAddress = config.RATE_LIMIT_LOGIN_PER_ACCOUNT
  const registerRequests = limits.attempts('register:address', perAddress, emailOf)
  const resetRequests = limits.attempts('reset:address', perAddress, emailOf)
  const loginFailures = [
    limits.failures('login:account-client', perAddress, (r) => `${emailOf(r)}|${r.clientIp}`),
    limits.failures('login:account', config.RATE_LIMIT_ACCOUNT_CEILING, emailOf),
  ]

  endpoint(
    app,
    authRegister,
    async ({ body, run, request }) => {
      await registerRequests(request)
      return run(cases.register, body)
    },
    { rateLimit: perClient },
  )

  endpoint(app, authVerifyEmail, ({ body, run }) => run(cases.verifyEmail, body), { rateLimit: perToken })

  endpoint(app, authResendVerification, ({ run }) => run(cases.resendVerification, {}), {
    rateLimit: perUser,
  })

  endpoint(
    app,
    authLogin,
    async ({ body, run, request }) => {
      await Promise.all(loginFailures.map((f) => f.check(request)))
      try {
        return await run(cases.login, body)
      } catch (error) {
        // Only a refused sign-in counts as a failure (not an outage or a rate limit).
        if (error instanceof Errors.InvalidCredentials)
          await Promise.all(loginFailures.map((f) => f.fail(request)))
        throw error
      }
    },
    { rateLimit: perClient },
  )

  endpoint(app, authRefresh, ({ body, run }) => run(cases.refreshSession, body), { rateLimit: perToken })

  endpoint(app, authLogout, ({ run }) => run(cases.logout, {}))

  endpoint(app, authChangePassword, ({ body, run }) => run(cases.changePassword, body), {
    rateLimit: perUser,
  })

  endpoint(
    app,
    authRequestPasswordReset,
    async ({ body, run, request }) => {
      await resetRequests(request)
      // Never a faster answer for a known or an unknown address (no enumeration by timing;
      // README, Security): the use case does the same work for both, the floor hides the rest.
      return noSoonerThan(RESET_ANSWER_FLOOR_MS, () => run(cases.requestPasswordReset, body))
    },
    { rateLimit: perClient },
  )

  endpoint(app, authConfirmPasswordReset, ({ body, run }) => run(cases.confirmPasswordReset, body), {
    rateLimit: perToken,
  })
}

export default authRoutes
