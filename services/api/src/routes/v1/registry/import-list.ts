import { listImports } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/imports.js'
import { endpoint } from '../../../http/endpoint.js'

/** The office's CSV imports, newest first; with `problems` only those that need another look. */
const importListRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listImports, ({ query, run }) => run(cases.listImports, query))
}

export default importListRoutes
