import type { FastifyPluginAsync } from 'fastify'
import { registerPages } from './register.js'
import { signInPages } from './sign-in.js'

/** Everything before and around signing in; all of it public. */
export const authPages: FastifyPluginAsync = async (app) => {
  await app.register(registerPages)
  await app.register(signInPages)
}
