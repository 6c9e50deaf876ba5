import { listOfficerPartnerships, myToDos, officerWork } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/work/use-cases/work.js'
import { endpoint } from '../../../http/endpoint.js'

/** What waits for whom: the offices' work lists and the coordinators' to-dos (dashboard counts). */
const workRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, officerWork, ({ query, run }) => run(cases.officerWork, query))
  endpoint(app, listOfficerPartnerships, ({ query, run }) => run(cases.officerPartnerships, query))
  endpoint(app, myToDos, ({ run }) => run(cases.myToDos, {}))
}

export default workRoutes
