import {
  confirmProposal,
  getRound,
  listRoundProposals,
  ROUND_POLICIES,
  type Round,
  startRound,
} from '@dj/contracts'
import { formatDateTime, formatNumber, formatPercent } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
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
} from '../../components/forms.js'
import type { ListState } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Field, Form, IdParams, ListQuery, OneOf, Uuid } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import {
  ROUND_STATUSES,
  type RoundProposalPage,
  readRoundList,
  roundProposals,
  roundProposalsQuery,
} from './round-proposals.js'

/** From the round, the work list or the proposal's page; `round` from pages of before `back`. */
const ConfirmForm = Type.Object(
  { _csrf: Field, back: Field, round: Type.Optional(Uuid) },
  { additionalProperties: false },
)

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

/** Matching rounds: start one, watch it run, the proposals it made; offices confirm for their side. */
export const roundPages: FastifyPluginAsyncTypebox = async (app) => {
  const staff = ['officer', 'admin'] as const

  app.get('/officer/rounds', { config: { access: staff } }, async (request, reply) => {
    return send(reply, roundsPage(request.view, emptyForm({ policy: 'stable' })))
  })

  app.post(
    '/officer/rounds',
    { config: { access: staff }, schema: { body: Form(['policy']) } },
    async (request, reply) => {
      const v = request.view
      const state = emptyForm(formValues(request.body, ['policy']))
      const policy = ROUND_POLICIES.find((p) => p === state.values['policy'])
      if (!policy) state.errors['policy'] = 'err.required'
      if (!policy || hasErrors(state)) return send(reply, roundsPage(v, state), 400)
      const res = await v.call(startRound, { body: { scope: {}, policy } })
      if (!res.ok) {
        applyProblem(state, res.problem, ['policy'])
        return send(reply, roundsPage(v, state), res.status >= 500 ? 503 : 400)
      }
      return seeOther(reply, `/officer/rounds/${res.data.id}?notice=round-started`)
    },
  )

  app.get(
    '/officer/rounds/:id',
    {
      config: { access: staff },
      schema: { params: IdParams, querystring: ListQuery({ status: OneOf(ROUND_STATUSES) }) },
    },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(getRound, { params: { id: request.params.id } })
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
          ? await v.call(listRoundProposals, {
              params: { id: request.params.id },
              query: roundProposalsQuery(state),
            })
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
    },
  )

  /** For the progress bar's script: the round's state in the reader's language. */
  app.get(
    '/officer/rounds/:id/status.json',
    { config: { access: staff, answers: 'json' }, schema: { params: IdParams } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(getRound, { params: { id: request.params.id } })
      if (!res.ok) return reply.status(res.status).send({ error: res.problem.code })
      void reply.header('cache-control', 'no-store')
      return {
        status: res.data.status,
        progress: res.data.progress,
        statusText: v.t(`roundStatus.${res.data.status}`),
        progressText: v.t('round.progressText', {
          progress: formatPercent(v.locale, res.data.progress / 100),
        }),
      }
    },
  )

  app.post(
    '/officer/proposals/:id/confirm',
    { config: { access: ['officer'] }, schema: { params: IdParams, body: ConfirmForm } },
    async (request, reply) => {
      const v = request.view
      const { back } = formValues(request.body, ['back'])
      const { round } = request.body
      const res = await v.call(confirmProposal, { params: { id: request.params.id }, body: {} })
      // Back to the page the officer confirmed from: the round, the work list or the proposal.
      const target =
        back && /^\/(officer\/(rounds|work)|proposals)\b/.test(back) && !back.startsWith('//')
          ? back.replace(/[?&]notice=[^&]*/g, '')
          : round
            ? `/officer/rounds/${round}`
            : '/officer/work'
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      return seeOther(reply, `${target}${target.includes('?') ? '&' : '?'}notice=proposal-confirmed`)
    },
  )
}
