import type { FastifyPluginAsync } from 'fastify'
import { accountPages } from './account/account.js'
import { adminOpsPages } from './admin/ops.js'
import { adminUserPages } from './admin/users.js'
import { agreementPages } from './agreement/index.js'
import { authPages } from './auth/index.js'
import { fundingPages } from './funding/index.js'
import { glossaryPages } from './glossary/index.js'
import { importPages } from './imports/imports.js'
import { inboxPages } from './inbox/inbox.js'
import { institutionPages } from './institutions/index.js'
import { officerPages } from './officer/index.js'
import { openDataPages } from './opendata/index.js'
import { expressionPages } from './proposals/expressions.js'
import { proposalDetailPages } from './proposals/proposal-detail.js'
import { proposalPages } from './proposals/proposals.js'
import { accessibilityPages } from './public/accessibility.js'
import { publicPageEditor } from './public/editor.js'
import { impactPages } from './public/impact.js'
import { publicPages } from './public/pages.js'
import { seoRoutes } from './public/seo.js'
import { renewPages } from './renew/index.js'
import { reportPages } from './report/index.js'
import { schedulingPages } from './scheduling/index.js'
import { searchPages } from './search/search.js'
import { tripPages } from './trip/index.js'
import { visaPages } from './visa/index.js'
import { workspacePages } from './workspace/workspace.js'

export interface FeatureOptions {
  /** Where people write about barriers (accessibility statement). */
  accessibilityContact: string
  /** PUBLIC_WEB_URL's origin: canonical and hreflang links, the sitemap. */
  publicOrigin: string
}

/** Every page of the site, feature by feature. */
export const features: FastifyPluginAsync<FeatureOptions> = async (app, options) => {
  await app.register(authPages)
  await app.register(accountPages)
  await app.register(institutionPages)
  await app.register(searchPages)
  await app.register(proposalPages)
  await app.register(proposalDetailPages)
  await app.register(expressionPages)
  await app.register(schedulingPages)
  await app.register(workspacePages)
  await app.register(agreementPages)
  await app.register(tripPages)
  await app.register(visaPages)
  await app.register(renewPages)
  await app.register(reportPages)
  await app.register(fundingPages)
  await app.register(glossaryPages)
  await app.register(inboxPages)
  await app.register(officerPages)
  await app.register(importPages)
  await app.register(openDataPages)
  await app.register(adminUserPages)
  await app.register(adminOpsPages)
  await app.register(accessibilityPages, { contactEmail: options.accessibilityContact })
  await app.register(impactPages, { origin: options.publicOrigin })
  await app.register(publicPages, { origin: options.publicOrigin })
  await app.register(publicPageEditor)
  await app.register(seoRoutes, { origin: options.publicOrigin })
}
