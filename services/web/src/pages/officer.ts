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
import { formatDateTime, formatNumber, formatPercent, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import type { ListState } from './paging.js'
import { emptyQueue, type QueueList, queueApiPath, queueControls, readQueueList } from './queue-list.js'
import type { Institution } from './registry-types.js'
import { UUID } from './registry-types.js'
import { limitHint } from './render.js'
import {
  type RoundProposalPage,
  readRoundList,
  roundProposals,
  roundProposalsPath,
} from './round-proposals.js'

/** The API's limit on a rejection or suspension reason (routes/v1/registry/officer.ts). */
const REASON_MAX = 2000

interface Round {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  progress: number
  policy: 'stable' | 'welfare'
  summary: {
    proposals: number
    interestsMatched: number
    meanScore: number
    /** Pairs the round kept because they already are live proposals or partnerships. */
    lockedPairs?: number
    tradeOff?: { stableTotal: number; welfareTotal: number; stableGivesUp: number }
  } | null
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

const STATUSES = ['pending', 'verified', 'suspended', 'rejected'] as const
export type InstitutionStatus = (typeof STATUSES)[number]
const statusOf = (raw: unknown): InstitutionStatus =>
  STATUSES.includes(raw as InstitutionStatus) ? (raw as InstitutionStatus) : 'pending'

/**
 * What an officer may do with an institution in each status (the API enforces the same). From
 * the work list the forms lead back there (`back`).
 */
export function actionsFor(v: View, i: Institution, status: InstitutionStatus, back?: '/officer/work'): Html {
  const backField = back ? html`<input type="hidden" name="back" value="${back}">` : ''
  const reasonForm = (
    action: 'reject' | 'suspend',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}${backField}
        <label for="${action}-reason-${i.id}">${v.t('field.reason')}</label>
        ${limitHint(v, `${action}-reason-${i.id}`, REASON_MAX)}
        <input id="${action}-reason-${i.id}" name="reason" type="text" maxlength="${REASON_MAX}" aria-describedby="${action}-reason-${i.id}-limit" data-limit="${REASON_MAX}">
        <button type="submit" class="small secondary" aria-label="${v.t(label)}: ${i.name}">${v.t(label)}</button>
      </form>`
  const plain = (
    action: 'verify' | 'reinstate',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}${backField}
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
  list: QueueList,
  notice?: string,
  error?: MessageKey,
  status: InstitutionStatus = 'pending',
): Html {
  const items = list.data.items
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
${queueControls(v, status, list)}
${
  items.length === 0
    ? html`<p>${v.t(status === 'pending' && !list.state.q ? 'queue.empty' : 'queue.emptyStatus')}</p>`
    : html`<div class="table-scroll"><table>
  <caption>${status === 'pending' ? v.t('queue.caption') : v.t(`instStatus.${status}`)}</caption>
  <thead><tr><th scope="col">${v.t('col.instName')}</th><th scope="col">${v.t('col.side')}</th><th scope="col">${v.t('inst.kind')}</th><th scope="col">${v.t('col.created')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
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

/**
 * What a finished round found. With no new proposals it says why (every best pair exists
 * already, or nothing fits) instead of "0 proposals, mean fit 0 %" beside a total score.
 */
function roundSummary(v: View, s: NonNullable<Round['summary']>): Html {
  const locked = s.lockedPairs ?? 0
  const points = (x: number) => formatNumber(v.locale, x, 2)
  return html`${
    s.proposals > 0
      ? html`<p>${v.t('round.summary', {
          proposals: formatNumber(v.locale, s.proposals),
          matched: formatNumber(v.locale, s.interestsMatched),
          mean: formatPercent(v.locale, s.meanScore),
        })}</p>`
      : html`<p class="callout" data-round-none>${
          locked > 0 ? v.t('round.allLocked', { locked: formatNumber(v.locale, locked) }) : v.t('round.noFit')
        }</p>`
  }
${
  s.tradeOff &&
  html`<h3>${v.t('round.tradeOffTitle')}</h3>
<p>${v.t('round.tradeOff', {
    stable: points(s.tradeOff.stableTotal),
    welfare: points(s.tradeOff.welfareTotal),
    givesUp: points(s.tradeOff.stableGivesUp),
  })}${locked > 0 ? html` ${v.t('round.tradeOffLocked', { locked: formatNumber(v.locale, locked) })}` : ''}</p>`
}`
}

function roundPage(
  v: View,
  round: Round,
  list: { state: ListState; data: RoundProposalPage } | null,
  notice?: string,
  error?: MessageKey,
): Html {
  const running = round.status === 'queued' || round.status === 'running'
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
  <progress id="round-progress" max="100" value="${round.progress}">${formatPercent(v.locale, round.progress / 100)}</progress>
  <p aria-live="polite" data-progress-text>${v.t('round.progressText', { progress: formatPercent(v.locale, round.progress / 100) })}</p>
  <p><a href="/officer/rounds/${round.id}">${v.t('round.reload')}</a></p>
</div>`
}
${round.status === 'failed' && html`<div class="error-summary" role="alert"><p>${v.t('round.failed')}</p></div>`}
${
  round.summary &&
  html`<h2>${v.t('round.result')}</h2>
${roundSummary(v, round.summary)}`
}
${round.status === 'done' && list && roundProposals(v, round.id, list.state, list.data)}
`,
  })
}

export const officerPages: FastifyPluginAsync = async (app) => {
  const staff = ['officer', 'admin'] as const

  app.get<{ Querystring: { status?: string } }>('/officer/queue', async (request, reply) => {
    const me = requireRole(request, reply, [...staff])
    if (!me) return reply
    const v = request.view
    const status = statusOf(request.query.status)
    const state = readQueueList(request.query)
    const res = await v.api<QueueList['data']>('GET', queueApiPath(status, state))
    if (!res.ok && res.status === 400) return seeOther(reply, `/officer/queue?status=${status}`)
    return send(
      reply,
      queuePage(
        v,
        res.ok ? { state, data: res.data } : emptyQueue(state),
        noticeOf(request.query),
        res.ok ? undefined : problemMessage(res.problem),
        status,
      ),
      res.ok ? 200 : 503,
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
      const { reason, back: from } = formValues(request.body, ['reason', 'back'])
      const res = await v.api(
        'POST',
        `/v1/officer/institutions/${request.params.id}/${action}`,
        reason ? { reason } : {},
      )
      if (!res.ok) {
        const state = readQueueList({})
        const list = await v.api<QueueList['data']>('GET', queueApiPath(back[action]!.status, state))
        return send(
          reply,
          queuePage(
            v,
            list.ok ? { state, data: list.data } : emptyQueue(state),
            undefined,
            problemMessage(res.problem),
            back[action]!.status,
          ),
          res.status,
        )
      }
      if (from === '/officer/work') return seeOther(reply, `/officer/work?notice=${back[action]!.notice}`)
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
    const state = readRoundList(request.query)
    const proposals =
      res.data.status === 'done'
        ? await v.api<RoundProposalPage>('GET', roundProposalsPath(request.params.id, state))
        : null
    if (proposals && !proposals.ok && proposals.status === 400) {
      // A stale or edited cursor: start the list again from the top.
      return seeOther(reply, `/officer/rounds/${request.params.id}`)
    }
    return send(
      reply,
      roundPage(
        v,
        res.data,
        proposals?.ok ? { state, data: proposals.data } : null,
        noticeOf(request.query),
        proposals && !proposals.ok ? problemMessage(proposals.problem) : undefined,
      ),
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
      progressText: v.t('round.progressText', { progress: formatPercent(v.locale, res.data.progress / 100) }),
    }
  })

  app.post<{ Params: { id: string } }>('/officer/proposals/:id/confirm', async (request, reply) => {
    if (!requireRole(request, reply, ['officer'])) return reply
    const v = request.view
    const { round, back } = formValues(request.body, ['round', 'back'])
    if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const res = await v.api('POST', `/v1/officer/proposals/${request.params.id}/confirm`, {})
    // Back to the page the officer confirmed from: the round, the work list or the proposal.
    const target =
      back && /^\/(officer\/(rounds|work)|proposals)\b/.test(back) && !back.startsWith('//')
        ? back.replace(/[?&]notice=[^&]*/g, '')
        : round && UUID.test(round)
          ? `/officer/rounds/${round}`
          : '/officer/work'
    if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
    return seeOther(reply, `${target}${target.includes('?') ? '&' : '?'}notice=proposal-confirmed`)
  })
}
