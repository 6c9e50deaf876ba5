import { listRegions } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/regions.js'
import { endpoint } from '../../../http/endpoint.js'

const regionRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listRegions, async ({ reply, run }) => {
    void reply.header('cache-control', 'public, max-age=86400')
    return run(cases.listRegions, {})
  })
}

export default regionRoutes
