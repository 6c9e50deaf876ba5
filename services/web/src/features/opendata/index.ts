import type { FastifyPluginAsync } from 'fastify'
import { openDataOfficerPages } from './officer.js'
import { openDataSchoolPages } from './schools.js'

/** Schools from open data: the office's import and claims, the coordinators' list with the claim button. */
export const openDataPages: FastifyPluginAsync = async (app) => {
  await app.register(openDataOfficerPages)
  await app.register(openDataSchoolPages)
}
