import { myToDos, officerWork, type ToDos } from '@dj/contracts'
import { type Html, html } from '../../html.js'
import { formatDateTime, formatNumber, type MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { workCounts } from '../officer/work.js'

/** One of the to-do lists of GET /v1/me/to-dos. */
type ToDoList = ToDos[keyof ToDos]

function group<L extends ToDoList>(
  v: View,
  o: {
    kind: string
    title: MessageKey
    list: L
    href: (id: string) => string
    item: (i: L['items'][number]) => string
  },
): Html {
  if (o.list.total === 0) return html``
  return html`<li data-todo="${o.kind}"><strong>${v.t(o.title, { count: formatNumber(v.locale, o.list.total) })}</strong>
  <ul>${o.list.items.map((i) => html`<li><a href="${o.href(i.id)}">${o.item(i)}</a></li>`)}</ul></li>`
}

/** A coordinator's open to-dos, each linked to the page where it is done. */
function coordinatorToDos(v: View, t: ToDos): Html {
  const none =
    t.proposalsToAnswer.total +
      t.interestsToAnswer.total +
      t.meetingsToPick.total +
      t.visitPlansToConfirm.total ===
    0
  return html`<h2>${v.t('todo.title')}</h2>
${
  none
    ? html`<p>${v.t('todo.none')}</p>`
    : html`<ul class="todo-list">
  ${group(v, {
    kind: 'proposals',
    title: 'todo.proposals',
    list: t.proposalsToAnswer,
    href: (id) => `/proposals/${id}`,
    item: (i) =>
      i.expiresAt
        ? v.t('todo.proposalUntil', {
            partner: i.partner,
            date: formatDateTime(v.locale, v.timeZone, i.expiresAt),
          })
        : i.partner,
  })}
  ${group(v, {
    kind: 'interests',
    title: 'todo.interests',
    list: t.interestsToAnswer,
    href: (id) => `/interest-expressions/${id}`,
    item: (i) => i.partner,
  })}
  ${group(v, {
    kind: 'meetings',
    title: 'todo.meetings',
    list: t.meetingsToPick,
    href: (id) => `/meetings/${id}`,
    item: (i) => v.t('todo.meetingWith', { partner: i.partner }),
  })}
  ${group(v, {
    kind: 'visits',
    title: 'todo.visitPlans',
    list: t.visitPlansToConfirm,
    href: (id) => `/visit-plans/${id}`,
    item: (i) => v.t(i.partnerChose ? 'todo.visitPartnerChose' : 'todo.visitPlan', { partner: i.partner }),
  })}
</ul>`
}`
}

/**
 * The dashboard's "what waits for you": a coordinator's to-dos, or the counts of the office's
 * work list. Nothing (not an error) when the API cannot answer: the dashboard still works.
 */
export async function dashboardWork(v: View): Promise<Html> {
  const me = v.me
  if (!me) return html``
  if (me.role === 'coordinator') {
    const res = await v.call(myToDos)
    return res.ok ? coordinatorToDos(v, res.data) : html``
  }
  const res = await v.call(officerWork)
  if (!res.ok) return html``
  return html`<section aria-labelledby="work-title">
<h2 id="work-title"><a href="/officer/work">${v.t('work.title')}</a></h2>
${res.data.sides.map((w) => workCounts(v, w, 'h3'))}
</section>`
}
