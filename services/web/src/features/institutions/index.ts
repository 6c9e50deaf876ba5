import type { FastifyPluginAsync } from 'fastify'
import { colleaguePages } from './colleagues.js'
import { institutionEditPages } from './edit.js'
import { interestPages } from './interests.js'
import { institutionListPages } from './list.js'

/** A coordinator's institutions: register, profile, edit, interests, colleagues. */
export const institutionPages: FastifyPluginAsync = async (app) => {
  await app.register(institutionListPages)
  await app.register(institutionEditPages)
  await app.register(interestPages)
  await app.register(colleaguePages)
}
