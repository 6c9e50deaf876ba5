import { searchInstitutions, searchInterests } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/search.js'
import { endpoint } from '../../../http/endpoint.js'

const searchRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, searchInstitutions, ({ query, run }) => run(cases.searchInstitutions, query))
  endpoint(app, searchInterests, ({ query, run }) => run(cases.searchInterests, query))
}

export default searchRoutes
