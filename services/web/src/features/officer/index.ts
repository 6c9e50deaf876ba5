import type { FastifyPluginAsync } from 'fastify'
import { officerPartnershipPages } from './partnerships.js'
import { queuePages } from './queue.js'
import { officerReportPages } from './reports.js'
import { roundPages } from './rounds.js'
import { officerWorkPages } from './work.js'

/** The county exchange offices' pages (admins read them too). */
export const officerPages: FastifyPluginAsync = async (app) => {
  await app.register(officerWorkPages)
  await app.register(queuePages)
  await app.register(roundPages)
  await app.register(officerReportPages)
  await app.register(officerPartnershipPages)
}
