import {
  exportInstitutions,
  exportPartnerships,
  exportReports,
  listRounds,
  officerOverview,
  officerStats,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { urlOf } from '../../api/call.js'
import { passFile } from '../../components/api-page.js'
import { html } from '../../html.js'
import { send } from '../../http/respond.js'
import { OneOf, Query } from '../../http/schemas.js'
import { page } from '../../layout.js'
import { auditPages } from './audit.js'
import {
  exportLinks,
  failed,
  loadRegions,
  reportNav,
  roundsTable,
  SIDES,
  STAFF,
  sideChoice,
  sideForm,
  sideStats,
  statusList,
} from './report-parts.js'

const SideQuery = Query({ side: OneOf(SIDES) })

/** The offices' reports: overview, statistics, CSV exports, past rounds, the audit log. */
export const officerReportPages: FastifyPluginAsyncTypebox = async (app) => {
  const staff = STAFF
  app.get(
    '/officer/overview',
    { config: { access: staff }, schema: { querystring: SideQuery } },
    async (request, reply) => {
      const v = request.view
      const side = v.me?.role === 'admin' ? sideChoice(v, request.query) : undefined
      const res = await v.call(officerOverview, {
        query: side && side !== 'both' ? { side } : {},
      })
      if (!res.ok) return failed(v, reply, res.problem, res.status)
      const o = res.data
      return send(
        reply,
        page(v, {
          title: v.t('reports.overview'),
          body: html`${reportNav(v)}
${side && sideForm(v, '/officer/overview', side, true)}
<p>${o.side ? v.t(`side.${o.side}`) : v.t('stats.bothSides')}</p>
<div class="cards">
<section class="card" aria-labelledby="ov-inst"><h2 id="ov-inst" class="h3">${v.t('reports.institutions', { n: o.institutions.total })}</h2>${statusList(v, o.institutions.byStatus, 'instStatus')}</section>
<section class="card" aria-labelledby="ov-int"><h2 id="ov-int" class="h3">${v.t('reports.interests', { n: o.interests.total })}</h2>${statusList(v, o.interests.byStatus, 'interestStatus')}</section>
<section class="card" aria-labelledby="ov-queue"><h2 id="ov-queue" class="h3">${v.t('reports.pending', { n: o.pendingVerification })}</h2><p><a href="/officer/queue">${v.t('nav.queue')}</a></p></section>
</div>
<h2>${v.t('reports.latestRounds')}</h2>
${roundsTable(v, o.latestRounds, 'reports.latestRounds')}
<p><a href="/officer/rounds">${v.t('rounds.new')}</a></p>
${exportLinks(v)}`,
        }),
      )
    },
  )

  app.get(
    '/officer/stats',
    { config: { access: staff }, schema: { querystring: SideQuery } },
    async (request, reply) => {
      const v = request.view
      const side = sideChoice(v, request.query)
      const [res, regions] = await Promise.all([v.call(officerStats, { query: { side } }), loadRegions(v)])
      if (!res.ok) return failed(v, reply, res.problem, res.status)
      return send(
        reply,
        page(v, {
          title: v.t('stats.title'),
          body: html`${reportNav(v)}
<p>${v.t('stats.intro')}</p>
${sideForm(v, '/officer/stats', side, true)}
${res.data.sides.map((s) => sideStats(v, s, regions))}
${exportLinks(v)}`,
        }),
      )
    },
  )

  for (const file of ['institutions', 'partnerships', 'reports'] as const) {
    app.get(
      `/officer/export/${file}.csv`,
      { config: { access: staff }, schema: { querystring: SideQuery } },
      async (request, reply) => {
        const v = request.view
        const side = request.query.side
        const sideQuery = { query: side === 'duren' || side === 'jinhua' ? { side } : {} }
        const url =
          file === 'institutions'
            ? urlOf(exportInstitutions, sideQuery)
            : file === 'reports'
              ? urlOf(exportReports, sideQuery)
              : urlOf(exportPartnerships, {})
        return passFile(v, reply, url, `${file}.csv`)
      },
    )
  }

  app.get(
    '/officer/rounds/past',
    {
      config: { access: staff },
      schema: { querystring: Query({ cursor: Type.Optional(Type.String({ format: 'uuid' })) }) },
    },
    async (request, reply) => {
      const v = request.view
      const { cursor } = request.query
      const res = await v.call(listRounds, { query: { limit: 50, ...(cursor ? { cursor } : {}) } })
      if (!res.ok) return failed(v, reply, res.problem, res.status)
      return send(
        reply,
        page(v, {
          title: v.t('pastRounds.title'),
          body: html`${reportNav(v)}
${roundsTable(v, res.data.items, 'pastRounds.caption')}
${res.data.nextCursor && html`<p><a href="/officer/rounds/past?cursor=${res.data.nextCursor}">${v.t('pager.older')}</a></p>`}
<p><a href="/officer/rounds">${v.t('rounds.new')}</a></p>`,
        }),
      )
    },
  )
  await app.register(auditPages)
}
