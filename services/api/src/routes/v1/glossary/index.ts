import {
  createGlossaryEntry,
  editGlossaryEntry,
  officerGlossary,
  officerGlossaryEntry,
  removeGlossaryEntry,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/glossary/use-cases/glossary.js'
import { answer, endpoint } from '../../../http/endpoint.js'

/** The search glossary: officers keep it, admins read it. */
const glossaryRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, officerGlossary, async ({ run }) => ({ items: await run(cases.listGlossary, {}) }))
  endpoint(app, officerGlossaryEntry, ({ params, run }) => run(cases.viewGlossaryEntry, params))
  endpoint(app, createGlossaryEntry, async ({ body, run }) =>
    answer(201, await run(cases.createGlossaryEntry, body)),
  )
  endpoint(app, editGlossaryEntry, ({ params, body, run }) =>
    run(cases.editGlossaryEntry, { ...params, ...body }),
  )
  endpoint(app, removeGlossaryEntry, async ({ params, query, run }) => {
    await run(cases.removeGlossaryEntry, { ...params, ...query })
    return null
  })
}

export default glossaryRoutes
