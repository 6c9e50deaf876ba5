import type { FastifyPluginAsync } from 'fastify'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  problemMessage,
  radios,
} from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import type { ExplanationItem, Institution, Page, Side } from './registry-types.js'
import { UUID } from './registry-types.js'
import { percent, whyList } from './render.js'

interface Round {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  progress: number
  policy: 'stable' | 'welfare'
  summary: {
    proposals: number
    interestsMatched: number
    meanScore: number
    tradeOff?: { stableTotal: number; welfareTotal: number; stableGivesUp: number }
  } | null
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

interface RoundProposal {
  id: string
  status: 'open' | 'accepted' | 'confirmed' | 'declined' | 'expired'
  score: number | null
  explanation: ExplanationItem[]
  expiresAt: string | null
  a: { institution: { id: string; name: string; side: Side }; interestId: string }
  b: { institution: { id: string; name: string; side: Side }; interestId: string }
}

const STATUSES = ['pending', 'verified', 'suspended', 'rejected'] as const
type InstitutionStatus = (typeof STATUSES)[number]
const statusOf = (raw: unknown): InstitutionStatus =>
  STATUSES.includes(raw as InstitutionStatus) ? (raw as InstitutionStatus) : 'pending'

/** What an officer may do with an institution in each status (the API enforces the same). */
function actionsFor(v: View, i: Institution, status: InstitutionStatus): Html {
  const reasonForm = (
    action: 'reject' | 'suspend',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}
        <label for="${action}-reason-${i.id}">${v.t('field.reason')}</label>
        <input id="${action}-reason-${i.id}" name="reason" type="text" maxlength="2000">
        <button type="submit" class="small secondary" aria-label="${v.t(label)}: ${i.name}">${v.t(label)}</button>
      </form>`
  const plain = (
    action: 'verify' | 'reinstate',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}
        <button type="submit" class="small" aria-label="${v.t(label)}: ${i.name}">${v.t(label)}</button>
      </form>`
  if (status === 'pending')
    return html`${plain('verify', 'queue.verify')}${reasonForm('reject', 'queue.reject')}`
  if (status === 'verified') return reasonForm('suspend', 'queue.suspend')
  if (status === 'suspended') return plain('reinstate', 'queue.reinstate')
  return html``
}

function queuePage(
  v: View,
  items: Institution[],
  notice?: string,
  error?: MessageKey,
  status: InstitutionStatus = 'pending',
): Html {
  return page(v, {
    title: v.t('queue.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<nav aria-label="${v.t('queue.statusNav')}"><ul class="inline-list">${STATUSES.map(
      (st) =>
        html`<li>${
          st === status
            ? html`<a href="/officer/queue?status=${st}" aria-current="page"><strong>${v.t(`instStatus.${st}`)}</strong></a>`
            : html`<a href="/officer/queue?status=${st}">${v.t(`instStatus.${st}`)}</a>`
        }</li>`,
    )}</ul></nav>
${
  items.length === 0
    ? html`<p>${v.t(status === 'pending' ? 'queue.empty' : 'queue.emptyStatus')}</p>`
    : html`<div class="table-scroll"><table>
  <caption>${status === 'pending' ? v.t('queue.caption') : v.t(`instStatus.${status}`)}</caption>
  <thead><tr><th scope="col">${v.t('col.name')}</th><th scope="col">${v.t('col.side')}</th><th scope="col">${v.t('inst.kind')}</th><th scope="col">${v.t('col.created')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
  <tbody>${items.map(
    (i) => html`<tr>
    <th scope="row"><a href="/institutions/${i.id}">${i.name}</a></th>
    <td>${v.t(`side.${i.side}`)}</td>
    <td>${i.kind ? v.t(`kind.${i.kind}`) : ''}</td>
    <td>${i.createdAt && html`<time datetime="${i.createdAt}">${formatDateTime(v.locale, v.timeZone, i.createdAt)}</time>`}</td>
    <td>${actionsFor(v, i, status)}</td>
  </tr>`,
  )}</tbody></table></div>`
}`,
  })
}

const POLICY_LABELS: Record<string, MessageKey> = { policy: 'field.policy' }

function roundsPage(v: View, state: FormState): Html {
  return page(v, {
    title: v.t('rounds.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, POLICY_LABELS)}
<p>${v.t('rounds.intro')}</p>
<h2>${v.t('rounds.new')}</h2>
<form method="post" action="/officer/rounds" novalidate>
  ${csrfField(v)}
  ${radios(v, state, {
    name: 'policy',
    label: 'field.policy',
    required: true,
    options: [
      { value: 'stable', label: v.t('policy.stable') },
      { value: 'welfare', label: v.t('policy.welfare') },
    ],
  })}
  <button type="submit">${v.t('rounds.submit')}</button>
</form>`,
  })
}

function roundPage(
  v: View,
  round: Round,
  proposals: RoundProposal[],
  notice?: string,
  error?: MessageKey,
): Html {
  const running = round.status === 'queued' || round.status === 'running'
  const side = v.me?.officerSide
  return page(v, {
    title: v.t('round.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<dl class="facts">
  <dt>${v.t('round.status')}</dt><dd data-round-status>${v.t(`roundStatus.${round.status}`)}</dd>
  <dt>${v.t('field.policy')}</dt><dd>${v.t(`policy.${round.policy}`)}</dd>
  <dt>${v.t('round.started')}</dt><dd><time datetime="${round.createdAt}">${formatDateTime(v.locale, v.timeZone, round.createdAt)}</time></dd>
  ${round.finishedAt && html`<dt>${v.t('round.finished')}</dt><dd><time datetime="${round.finishedAt}">${formatDateTime(v.locale, v.timeZone, round.finishedAt)}</time></dd>`}
</dl>
${
  running &&
  html`<div class="round-progress" data-poll="/officer/rounds/${round.id}/status.json">
  <label for="round-progress">${v.t('round.progress')}</label>
  <progress id="round-progress" max="100" value="${round.progress}">${round.progress} %</progress>
  <p aria-live="polite" data-progress-text>${v.t('round.progressText', { progress: round.progress })}</p>
  <p><a href="/officer/rounds/${round.id}">${v.t('round.reload')}</a></p>
</div>`
}
${round.status === 'failed' && html`<div class="error-summary" role="alert"><p>${v.t('round.failed')}</p></div>`}
${
  round.summary &&
  html`<h2>${v.t('round.result')}</h2>
<p>${v.t('round.summary', {
    proposals: round.summary.proposals,
    matched: round.summary.interestsMatched,
    mean: percent(round.summary.meanScore),
  })}</p>
${
  round.summary.tradeOff &&
  html`<h3>${v.t('round.tradeOffTitle')}</h3>
<p>${v.t('round.tradeOff', {
    stable: round.summary.tradeOff.stableTotal.toFixed(2),
    welfare: round.summary.tradeOff.welfareTotal.toFixed(2),
    givesUp: round.summary.tradeOff.stableGivesUp.toFixed(2),
  })}</p>`
}`
}
${
  round.status === 'done' &&
  html`<h2>${v.t('round.proposals')}</h2>
${
  proposals.length === 0
    ? html`<p>${v.t('round.none')}</p>`
    : html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('round.proposals')}</caption>
  <thead><tr><th scope="col">${v.t('side.duren')}</th><th scope="col">${v.t('side.jinhua')}</th><th scope="col">${v.t('col.score')}</th><th scope="col">${v.t('col.status')}</th><th scope="col">${v.t('col.why')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
  <tbody>${proposals.map((p) => {
    const duren = p.a.institution.side === 'duren' ? p.a : p.b
    const jinhua = p.a.institution.side === 'duren' ? p.b : p.a
    return html`<tr>
    <th scope="row"><a href="/institutions/${duren.institution.id}">${duren.institution.name}</a></th>
    <td><a href="/institutions/${jinhua.institution.id}">${jinhua.institution.name}</a></td>
    <td>${p.score === null ? '' : `${percent(p.score)} %`}</td>
    <td>${v.t(`proposalStatus.${p.status}`)}</td>
    <td>${whyList(v, p.explanation)}</td>
    <td>${
      p.status === 'accepted' &&
      side &&
      html`<form method="post" action="/officer/proposals/${p.id}/confirm">${csrfField(v)}
      <input type="hidden" name="round" value="${round.id}">
      <button type="submit" class="small">${v.t('round.confirm')}</button></form>`
    }</td>
  </tr>`
  })}</tbody></table></div>`
}`
}`,
  })
}

export const officerPages: FastifyPluginAsync = async (app) => {
  const staff = ['officer', 'admin'] as const

  app.get<{ Querystring: { status?: string } }>('/officer/queue', async (request, reply) => {
    const me = requireRole(request, reply, [...staff])
    if (!me) return reply
    const v = request.view
    const status = statusOf(request.query.status)
    // Admins see both sides; the API wants them to name one.
    const sides: (Side | undefined)[] = me.role === 'admin' ? ['duren', 'jinhua'] : [undefined]
    const pages = await Promise.all(
      sides.map((s) =>
        v.api<Page<Institution>>(
          'GET',
          `/v1/officer/institutions?status=${status}&limit=200${s ? `&side=${s}` : ''}`,
        ),
      ),
    )
    const failed = pages.find((p) => !p.ok)
    const items = pages.flatMap((p) => (p.ok ? p.data.items : []))
    return send(
      reply,
      queuePage(
        v,
        items,
        noticeOf(request.query),
        failed && !failed.ok ? problemMessage(failed.problem) : undefined,
        status,
      ),
      failed ? 503 : 200,
    )
  })

  const back: Record<string, { status: InstitutionStatus; notice: string }> = {
    verify: { status: 'pending', notice: 'institution-verified' },
    reject: { status: 'pending', notice: 'institution-rejected' },
    suspend: { status: 'verified', notice: 'institution-suspended' },
    reinstate: { status: 'suspended', notice: 'institution-reinstated' },
  }
  for (const action of ['verify', 'reject', 'suspend', 'reinstate'] as const) {
    app.post<{ Params: { id: string } }>(`/officer/queue/:id/${action}`, async (request, reply) => {
      if (!requireRole(request, reply, [...staff])) return reply
      const v = request.view
      if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      const { reason } = formValues(request.body, ['reason'])
      const res = await v.api(
        'POST',
        `/v1/officer/institutions/${request.params.id}/${action}`,
        reason ? { reason } : {},
      )
      if (!res.ok) {
        const list = await v.api<Page<Institution>>(
          'GET',
          `/v1/officer/institutions?status=${back[action]!.status}&limit=200`,
        )
        return send(
          reply,
          queuePage(
            v,
            list.ok ? list.data.items : [],
            undefined,
            problemMessage(res.problem),
            back[action]!.status,
          ),
          res.status,
        )
      }
      return seeOther(reply, `/officer/queue?status=${back[action]!.status}&notice=${back[action]!.notice}`)
    })
  }

  app.get('/officer/rounds', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    return send(reply, roundsPage(request.view, emptyForm({ policy: 'stable' })))
  })

  app.post('/officer/rounds', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    const state = emptyForm(formValues(request.body, ['policy']))
    const policy = state.values['policy']
    if (policy !== 'stable' && policy !== 'welfare') state.errors['policy'] = 'err.required'
    if (hasErrors(state)) return send(reply, roundsPage(v, state), 400)
    const res = await v.api<{ id: string }>('POST', '/v1/officer/rounds', { scope: {}, policy })
    if (!res.ok) {
      applyProblem(state, res.problem, ['policy'])
      return send(reply, roundsPage(v, state), res.status >= 500 ? 503 : 400)
    }
    return seeOther(reply, `/officer/rounds/${res.data.id}?notice=round-started`)
  })

  app.get<{ Params: { id: string } }>('/officer/rounds/:id', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const res = await v.api<Round>('GET', `/v1/officer/rounds/${request.params.id}`)
    if (!res.ok)
      return messagePage(
        v,
        reply,
        res.status === 404 ? 'notFound.title' : 'error.title',
        res.status === 404 ? 'notFound.body' : problemMessage(res.problem),
        res.status,
      )
    const proposals =
      res.data.status === 'done'
        ? await v.api<Page<RoundProposal>>(
            'GET',
            `/v1/officer/rounds/${request.params.id}/proposals?limit=200`,
          )
        : null
    return send(
      reply,
      roundPage(v, res.data, proposals?.ok ? proposals.data.items : [], noticeOf(request.query)),
    )
  })

  /** For the progress bar's script: the round's state in the reader's language. */
  app.get<{ Params: { id: string } }>('/officer/rounds/:id/status.json', async (request, reply) => {
    const v = request.view
    if (!v.me || v.me.role === 'coordinator') return reply.status(403).send({ error: 'forbidden' })
    if (!UUID.test(request.params.id)) return reply.status(404).send({ error: 'not found' })
    const res = await v.api<Round>('GET', `/v1/officer/rounds/${request.params.id}`)
    if (!res.ok) return reply.status(res.status).send({ error: res.problem.code })
    void reply.header('cache-control', 'no-store')
    return {
      status: res.data.status,
      progress: res.data.progress,
      statusText: v.t(`roundStatus.${res.data.status}`),
      progressText: v.t('round.progressText', { progress: res.data.progress }),
    }
  })

  app.post<{ Params: { id: string } }>('/officer/proposals/:id/confirm', async (request, reply) => {
    if (!requireRole(request, reply, ['officer'])) return reply
    const v = request.view
    const { round } = formValues(request.body, ['round'])
    if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const res = await v.api('POST', `/v1/officer/proposals/${request.params.id}/confirm`, {})
    const back = round && UUID.test(round) ? `/officer/rounds/${round}` : '/officer/queue'
    if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
    return seeOther(reply, `${back}?notice=proposal-confirmed`)
  })
}
