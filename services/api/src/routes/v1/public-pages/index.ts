import {
  officerPublicPage,
  officerPublicPages,
  officerPublicPageVersion,
  previewPublicPage,
  publicImpact,
  publicPage,
  restorePublicPage,
  savePublicPage,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/public-pages/use-cases/public-pages.js'
import { readImpact } from '../../../domains/reporting/impact.js'
import { endpoint } from '../../../http/endpoint.js'

/** The Welcome-Center's public pages: read by anyone, edited by the offices. */
const publicPageRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, publicPage, ({ params, run }) => run(cases.readPublicPage, params))
  endpoint(app, publicImpact, ({ run }) => run(readImpact, {}))
  endpoint(app, officerPublicPages, async ({ run }) => ({ items: await run(cases.listTranslations, {}) }))
  endpoint(app, officerPublicPage, ({ params, run }) => run(cases.viewDraft, params))
  endpoint(app, officerPublicPageVersion, ({ params, run }) => run(cases.viewVersion, params))
  endpoint(app, savePublicPage, ({ params, body, run }) => run(cases.savePage, { ...params, ...body }))
  endpoint(app, restorePublicPage, ({ params, body, run }) => run(cases.restorePage, { ...params, ...body }))
  endpoint(app, previewPublicPage, ({ body, run }) => run(cases.previewMarkdown, body))
}

export default publicPageRoutes
