import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { ApiResult } from '../api-client.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  intField,
  problemMessage,
  radios,
  smallInput,
} from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import {
  formatDate,
  formatTimeRange,
  LANG_TAG,
  type Locale,
  type MessageKey,
  readerTitle,
  zoneName,
} from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import { type Institution, UUID } from './registry-types.js'
import { instName } from './render.js'

interface Gap {
  start: string
  end: string
}
interface CoverageGap {
  calendarId: string
  role?: string
  gaps: Gap[]
}
interface Slot {
  start: string
  end: string
  allInsideWorkingHours: boolean
  participants: { id: string; timeZone: string; localStart: string; localEnd: string; utcOffset: string }[]
}
export interface Meeting {
  id: string
  partnershipId: string
  institutionIds: string[]
  title: string
  status: 'proposed' | 'scheduled' | 'cancelled'
  slotMinutes: number
  slots: Slot[]
  coverageGaps: CoverageGap[]
  start: string | null
  end: string | null
  sequence: number
  canAct: boolean
}
interface Reason {
  code: string
  severity: string
  date: string
  endDate?: string
  name?: { de?: string; en?: string; zh?: string }
}
interface VisitWindow {
  start: string
  end: string
  days: number
  hostOpenDays: number
  conflictDays: number
  conflicts: Reason[]
}
type Direction = 'duren_to_jinhua' | 'jinhua_to_duren'
export interface VisitPlan {
  id: string
  partnershipId: string
  direction: Direction
  hostInstitutionId: string
  travellerInstitutionId: string
  days: number
  groupSize: number
  range: Gap
  status: 'open' | 'booked' | 'cancelled'
  windows: VisitWindow[]
  rejected: { start: string; end: string; reasons: Reason[] }[]
  coverageGaps: CoverageGap[]
  confirmations: { host: string | null; travellers: string | null }
  visitId: string | null
  canAct: boolean
}
export interface Visit {
  id: string
  visitPlanId: string
  partnershipId: string
  hostInstitutionId: string
  travellerInstitutionId: string
  title: string
  start: string
  end: string
  timeZone: string
  status: 'scheduled' | 'cancelled'
  sequence: number
  canAct: boolean
}
interface Schedule {
  meetings: Meeting[]
  visitPlans: VisitPlan[]
  visits: Visit[]
}

const DIRECTIONS: Direction[] = ['duren_to_jinhua', 'jinhua_to_duren']
const REASONS = [
  'HOST_SCHOOL_HOLIDAY',
  'HOST_PUBLIC_HOLIDAY',
  'HOST_CLOSURE',
  'HOST_BLACKOUT',
  'HOST_EXAM',
  'HOST_MOVABLE_DAY_OFF',
  'TRAVELLER_BLACKOUT',
  'TRAVELLER_EXAM',
  'TRAVELLER_TERM_TIME',
  'TRAVELLER_SCHOOL_HOLIDAY',
  'TRAVEL_PEAK_SPRING_FESTIVAL',
  'TRAVEL_PEAK_GOLDEN_WEEK',
  'TRAVEL_DAY_NOT_ALLOWED',
  'CALENDAR_DATA_MISSING',
] as const

/** A civil date (no zone: a visit day is the same day everywhere), e.g. "Mo., 06.07.2026". */
export const formatDay = (locale: Locale, iso: string): string => formatDate(locale, iso, { weekday: true })

const timeOnly = (locale: Locale, timeZone: string, iso: string) =>
  new Intl.DateTimeFormat(LANG_TAG[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso))

/** "Di., 12.01.2027, 09:00–10:00 MEZ", in the reader's zone, the zone named once. */
function slotText(v: View, s: { start: string; end: string }): string {
  return formatTimeRange(v.locale, v.timeZone, s.start, s.end, { weekday: true })
}

/** The other participants' local times, so both sides see what the slot means for the partner. */
function otherZones(v: View, s: Slot): Html | '' {
  const others = s.participants.filter((p) => p.timeZone !== v.timeZone)
  if (others.length === 0) return ''
  return html` <span class="hint">(${others
    .map((p) =>
      v.t('sched.partnerTime', {
        time: timeOnly(v.locale, p.timeZone, s.start),
        zone: zoneName(v.locale, p.timeZone, s.start),
      }),
    )
    .join('; ')})</span>`
}

const range = (v: View, g: Gap) =>
  g.start === g.end
    ? formatDay(v.locale, g.start)
    : `${formatDay(v.locale, g.start)} – ${formatDay(v.locale, g.end)}`

const CALENDARS = ['de-nw-public', 'de-nw-school', 'cn-public', 'cn-school'] as const

/** A calendar as people call it ("Feiertage in China"), never its id ("cn-public"). */
function calendarName(v: View, id: string): string {
  const builtin = CALENDARS.find((c) => c === id)
  return builtin ? v.t(`calendarName.${builtin}`) : v.t('calendarName.own')
}

function coverageNotice(v: View, gaps: CoverageGap[]): Html | '' {
  const all = gaps.flatMap((g) => g.gaps.map((x) => ({ ...x, calendarId: g.calendarId })))
  if (all.length === 0) return ''
  return html`<div class="callout" role="note"><h2 class="h3">${v.t('sched.coverageTitle')}</h2>
  <p>${v.t('sched.coverageBody')}</p>
  <ul>${all.map((g) => html`<li>${range(v, g)} (${calendarName(v, g.calendarId)})</li>`)}</ul></div>`
}

function reasonText(v: View, r: Reason): Html {
  const known = (REASONS as readonly string[]).includes(r.code)
  const label = known ? v.t(`reason.${r.code as (typeof REASONS)[number]}`) : r.code
  const lang = v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de'
  const name = r.name?.[lang] ?? r.name?.en ?? r.name?.de ?? r.name?.zh
  return html`${label}${name && html` (${name})`}: ${range(v, { start: r.date, end: r.endDate ?? r.date })}`
}

const statusBadge = (v: View, key: MessageKey) => html`<span class="badge">${v.t(key)}</span>`

/** Loads one API resource or answers with the matching error page (returns null then). */
async function load<T>(v: View, reply: FastifyReply, path: string): Promise<T | null> {
  const res: ApiResult<T> = await v.api<T>('GET', path)
  if (res.ok) return res.data
  if (res.status === 404 || res.status === 400)
    void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  else if (res.status === 403) void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
  else void messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
  return null
}

/** Passes a file from the API through to the browser (the browser never holds an API token). */
export async function passFile(v: View, reply: FastifyReply, path: string, fallbackName: string) {
  const res = await v.download(path)
  if (res.status === 404 || res.status === 400)
    return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  if (res.status === 403) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
  if (res.status === 409) return messagePage(v, reply, 'error.title', 'err.conflict', 409)
  if (res.status !== 200) return messagePage(v, reply, 'error.title', 'err.unavailable', 503)
  void reply.header('content-disposition', res.disposition ?? `attachment; filename="${fallbackName}"`)
  void reply.header('cache-control', 'private, no-store')
  return reply.status(200).type(res.type).send(res.body)
}

async function institutionsOf(v: View, ids: string[]): Promise<Map<string, Institution>> {
  const found = await Promise.all(ids.map((id) => v.api<Institution>('GET', `/v1/institutions/${id}`)))
  const out = new Map<string, Institution>()
  for (const r of found) if (r.ok) out.set(r.data.id, r.data)
  return out
}

const nameOf = (v: View, insts: Map<string, Institution>, id: string): Html | string => {
  const i = insts.get(id)
  return i ? instName(v, i) : v.t('sched.unknownInstitution')
}

function schedulePage(v: View, id: string, s: Schedule, insts: Map<string, Institution>, notice?: string) {
  const ids = [...insts.keys()]
  return page(v, {
    title: v.t('sched.title'),
    notice,
    body: html`<p>${ids.map((i, n) => html`${n > 0 && ' · '}<a href="/institutions/${i}">${nameOf(v, insts, i)}</a>`)}</p>
<h2>${v.t('sched.meetings')}</h2>
${
  s.meetings.length === 0
    ? html`<p>${v.t('sched.noMeetings')}</p>`
    : html`<ul class="card-list">${s.meetings.map(
        (m) =>
          html`<li><a href="/meetings/${m.id}">${readerTitle(v.locale, m.title)}</a> ${statusBadge(v, `meetingStatus.${m.status}`)}${
            m.start &&
            m.status === 'scheduled' &&
            html`<br>${slotText(v, { start: m.start, end: m.end ?? m.start })}`
          }</li>`,
      )}</ul>`
}
<h2>${v.t('sched.visits')}</h2>
${
  s.visits.length === 0
    ? html`<p>${v.t('sched.noVisits')}</p>`
    : html`<ul class="card-list">${s.visits.map(
        (x) =>
          html`<li><a href="/visits/${x.id}">${readerTitle(v.locale, x.title)}</a> ${statusBadge(v, `visitStatus.${x.status}`)}<br>${range(v, x)}</li>`,
      )}</ul>`
}
<h2>${v.t('sched.plans')}</h2>
${
  s.visitPlans.length === 0
    ? html`<p>${v.t('sched.noPlans')}</p>`
    : html`<ul class="card-list">${s.visitPlans.map(
        (p) =>
          html`<li><a href="/visit-plans/${p.id}">${v.t(`visitDirection.${p.direction}`)}, ${v.t('sched.daysPeople', { days: p.days, people: p.groupSize })}</a> ${statusBadge(v, `planStatus.${p.status}`)}<br>${range(v, p.range)}</li>`,
      )}</ul>`
}
${v.me?.role === 'coordinator' && html`<p><a class="button" href="/partnerships/${id}/visit-plans/new">${v.t('sched.planVisit')}</a></p>`}`,
  })
}

const PICK_LABELS: Record<string, MessageKey> = { slotIndex: 'field.slot' }

function slotRadios(v: View, m: Meeting, state: FormState, exclude: string | null): Html {
  const options = m.slots
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.start !== exclude)
    .map(({ s, i }) => ({ value: String(i), label: `${slotText(v, s)}` }))
  return radios(v, state, {
    name: 'slotIndex',
    label: 'field.slot',
    hint: 'sched.slotHint',
    required: true,
    options,
  })
}

function meetingPage(v: View, m: Meeting, state: FormState, notice?: string) {
  const booked = m.status === 'scheduled' && m.start
  return page(v, {
    title: readerTitle(v.locale, m.title),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, PICK_LABELS)}
<p><a href="/partnerships/${m.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`meetingStatus.${m.status}`)}</dd>
  <dt>${v.t('sched.length')}</dt><dd>${v.t('sched.minutes', { n: m.slotMinutes })}</dd>
  <dt>${v.t('field.timeZone')}</dt><dd>${zoneName(v.locale, v.timeZone)}</dd>
  ${
    booked &&
    html`<dt>${v.t('sched.when')}</dt><dd><strong>${slotText(v, { start: m.start!, end: m.end ?? m.start! })}</strong></dd>`
  }
</dl>
${m.status !== 'proposed' && html`<p><a class="button secondary" href="/meetings/${m.id}/ics" download>${v.t('sched.ics')}</a></p>`}
${coverageNotice(v, m.coverageGaps)}
${
  m.status === 'proposed' &&
  html`<h2>${v.t('sched.proposedSlots')}</h2>
${
  m.canAct
    ? html`<form method="post" action="/meetings/${m.id}/choose" novalidate>${csrfField(v)}
  ${slotRadios(v, m, state, null)}
  <button type="submit">${v.t('sched.choose')}</button>
</form>`
    : html`<ul>${m.slots.map((s) => html`<li>${slotText(v, s)}${otherZones(v, s)}</li>`)}</ul>`
}`
}
${
  m.status === 'proposed' &&
  m.slots.some((s) => s.participants.length > 0) &&
  html`<details><summary>${v.t('sched.partnerTimes')}</summary><ul>${m.slots.map(
    (s) => html`<li>${slotText(v, s)}${otherZones(v, s)}</li>`,
  )}</ul></details>`
}
${
  booked &&
  m.canAct &&
  html`<h2>${v.t('sched.reschedule')}</h2>
${
  m.slots.filter((s) => s.start !== m.start).length === 0
    ? html`<p>${v.t('sched.noOtherSlots')}</p>`
    : html`<form method="post" action="/meetings/${m.id}/reschedule" novalidate>${csrfField(v)}
  ${slotRadios(v, m, state, m.start)}
  <button type="submit">${v.t('sched.rescheduleSubmit')}</button>
</form>`
}
<h2>${v.t('sched.cancel')}</h2>
<form method="post" action="/meetings/${m.id}/cancel">${csrfField(v)}
  <p>${v.t('sched.cancelHint')}</p>
  <button type="submit" class="danger">${v.t('sched.cancelSubmit')}</button>
</form>`
}`,
  })
}

const PLAN_FIELDS = ['direction', 'days', 'groupSize', 'rangeStart', 'rangeEnd']
const PLAN_LABELS: Record<string, MessageKey> = {
  direction: 'field.visitDirection',
  days: 'field.visitDays',
  groupSize: 'field.groupSize',
  rangeStart: 'field.rangeStart',
  rangeEnd: 'field.rangeEnd',
}

function planFormPage(v: View, partnershipId: string, state: FormState) {
  return page(v, {
    title: v.t('sched.planTitle'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, PLAN_LABELS)}
<p><a href="/partnerships/${partnershipId}/schedule">${v.t('sched.back')}</a></p>
<p>${v.t('sched.planIntro')}</p>
<form method="post" action="/partnerships/${partnershipId}/visit-plans/new" novalidate>${csrfField(v)}
  ${radios(v, state, { name: 'direction', label: 'field.visitDirection', required: true, options: DIRECTIONS.map((d) => ({ value: d, label: v.t(`visitDirection.${d}`) })) })}
  <div class="pair">
    ${smallInput(v, state, { name: 'days', label: 'field.visitDays', required: true })}
    ${smallInput(v, state, { name: 'groupSize', label: 'field.groupSize', required: true })}
  </div>
  <div class="pair">
    ${smallInput(v, state, { name: 'rangeStart', label: 'field.rangeStart', hint: 'sched.rangeHint', type: 'date', required: true })}
    ${smallInput(v, state, { name: 'rangeEnd', label: 'field.rangeEnd', hint: 'sched.rangeHint', type: 'date', required: true })}
  </div>
  <button type="submit">${v.t('sched.planSubmit')}</button>
</form>`,
  })
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function planPage(v: View, p: VisitPlan, insts: Map<string, Institution>, state: FormState, notice?: string) {
  const confirmed = (who: string | null) => (who ? formatDay(v.locale, who) : v.t('sched.notYet'))
  return page(v, {
    title: v.t('sched.planPageTitle'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { start: 'field.window' })}
<p><a href="/partnerships/${p.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`planStatus.${p.status}`)}</dd>
  <dt>${v.t('field.visitDirection')}</dt><dd>${v.t(`visitDirection.${p.direction}`)}</dd>
  <dt>${v.t('sched.host')}</dt><dd>${nameOf(v, insts, p.hostInstitutionId)}</dd>
  <dt>${v.t('sched.travellers')}</dt><dd>${nameOf(v, insts, p.travellerInstitutionId)}</dd>
  <dt>${v.t('field.visitDays')}</dt><dd>${p.days}</dd>
  <dt>${v.t('field.groupSize')}</dt><dd>${p.groupSize}</dd>
  <dt>${v.t('sched.range')}</dt><dd>${range(v, p.range)}</dd>
  <dt>${v.t('sched.confirmHost')}</dt><dd>${confirmed(p.confirmations.host)}</dd>
  <dt>${v.t('sched.confirmTravellers')}</dt><dd>${confirmed(p.confirmations.travellers)}</dd>
</dl>
${p.visitId && html`<p class="notice"><a href="/visits/${p.visitId}">${v.t('sched.toVisit')}</a></p>`}
${coverageNotice(v, p.coverageGaps)}
<h2>${v.t('sched.windows')}</h2>
${
  p.windows.length === 0
    ? html`<p>${v.t('sched.noWindows')}</p>`
    : html`<ol class="card-list">${p.windows.map(
        (w) => html`<li class="card"><h3 class="h3">${range(v, w)}</h3>
  <p>${v.t('sched.windowFacts', { days: w.days, open: w.hostOpenDays, conflicts: w.conflictDays })}</p>
  ${w.conflicts.length > 0 && html`<ul>${w.conflicts.map((r) => html`<li>${reasonText(v, r)}</li>`)}</ul>`}
  ${
    p.canAct &&
    p.status === 'open' &&
    html`<form method="post" action="/visit-plans/${p.id}/confirm" class="inline-form">${csrfField(v)}
    <input type="hidden" name="start" value="${w.start}">
    <button type="submit">${v.t('sched.confirmWindow')}<span class="visually-hidden"> (${range(v, w)})</span></button>
  </form>`
  }</li>`,
      )}</ol>`
}
<h2>${v.t('sched.rejected')}</h2>
${
  p.rejected.length === 0
    ? html`<p>${v.t('sched.noRejected')}</p>`
    : html`<details><summary>${v.t('sched.rejectedCount', { n: p.rejected.length })}</summary><ul>${p.rejected.map(
        (r) =>
          html`<li><strong>${range(v, r)}</strong><ul>${r.reasons.map((x) => html`<li>${reasonText(v, x)}</li>`)}</ul></li>`,
      )}</ul></details>`
}
${
  p.canAct &&
  p.status === 'open' &&
  html`<h2>${v.t('plan.drop')}</h2>
<form method="post" action="/visit-plans/${p.id}/cancel">${csrfField(v)}
  <p>${v.t('plan.dropHint')}</p>
  <button type="submit" class="danger">${v.t('plan.dropSubmit')}</button>
</form>`
}`,
  })
}

const CHANGE_LABELS: Record<string, MessageKey> = { start: 'field.newStart' }

/** The finder's reason codes from the API's 409 problem (`reasons`); unknown codes dropped. */
export function reasonCodes(reasons: { code: string }[] | undefined): (typeof REASONS)[number][] {
  const found = (reasons ?? []).map((r) => r.code)
  return [...new Set(found)].filter((c): c is (typeof REASONS)[number] =>
    (REASONS as readonly string[]).includes(c),
  )
}

function visitPage(
  v: View,
  x: Visit,
  insts: Map<string, Institution>,
  state: FormState,
  rejected: (typeof REASONS)[number][] = [],
  notice?: string,
) {
  const canChange = x.canAct && x.status === 'scheduled'
  return page(v, {
    title: readerTitle(v.locale, x.title),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, CHANGE_LABELS)}
<p><a href="/partnerships/${x.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`visitStatus.${x.status}`)}</dd>
  <dt>${v.t('sched.when')}</dt><dd><strong>${range(v, x)}</strong></dd>
  <dt>${v.t('sched.host')}</dt><dd>${nameOf(v, insts, x.hostInstitutionId)}</dd>
  <dt>${v.t('sched.travellers')}</dt><dd>${nameOf(v, insts, x.travellerInstitutionId)}</dd>
</dl>
<p><a class="button secondary" href="/visits/${x.id}/ics" download>${v.t('sched.ics')}</a></p>
<p><a href="/visit-plans/${x.visitPlanId}">${v.t('sched.toPlan')}</a></p>
${
  canChange &&
  html`<h2>${v.t('visit.change')}</h2>
<form method="post" action="/visits/${x.id}/change" novalidate>${csrfField(v)}
  ${smallInput(v, state, { name: 'start', label: 'field.newStart', hint: 'visit.changeHint', type: 'date', required: true })}
  ${
    rejected.length > 0 &&
    html`<div class="callout" id="change-reasons" role="note"><p>${v.t('visit.changeRejected')}</p>
  <ul>${rejected.map((c) => html`<li>${v.t(`reason.${c}`)}</li>`)}</ul></div>`
  }
  <button type="submit">${v.t('visit.changeSubmit')}</button>
</form>
<h2>${v.t('visit.cancel')}</h2>
<p>${v.t('visit.cancelHint')}</p>
<p><a class="button secondary" href="/visits/${x.id}/cancel">${v.t('visit.cancelLink')}</a></p>`
}`,
  })
}

function cancelVisitPage(v: View, x: Visit, state: FormState) {
  return page(v, {
    title: v.t('visit.cancelConfirmTitle'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p>${v.t('visit.cancelConfirmBody', { title: readerTitle(v.locale, x.title), when: range(v, x) })}</p>
<form method="post" action="/visits/${x.id}/cancel">${csrfField(v)}
  <button type="submit" class="danger">${v.t('visit.cancelSubmit')}</button>
</form>
<p><a href="/visits/${x.id}">${v.t('visit.keep')}</a></p>`,
  })
}

const badId = (v: View, reply: FastifyReply, id: string) => {
  if (UUID.test(id)) return false
  void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  return true
}

const ALL = ['coordinator', 'officer', 'admin'] as const

export const schedulingPages: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/partnerships/:id/schedule', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    const s = await load<Schedule>(v, reply, `/v1/partnerships/${request.params.id}/schedule`)
    if (!s) return reply
    const ids = [
      ...new Set([
        ...s.meetings.flatMap((m) => m.institutionIds),
        ...s.visitPlans.flatMap((p) => [p.hostInstitutionId, p.travellerInstitutionId]),
      ]),
    ]
    const insts = await institutionsOf(v, ids)
    return send(reply, schedulePage(v, request.params.id, s, insts, noticeOf(request.query)))
  })

  app.get<{ Params: { id: string } }>('/meetings/:id', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    const m = await load<Meeting>(v, reply, `/v1/meetings/${request.params.id}`)
    if (!m) return reply
    return send(reply, meetingPage(v, m, emptyForm(), noticeOf(request.query)))
  })

  for (const action of ['choose', 'reschedule'] as const) {
    app.post<{ Params: { id: string } }>(`/meetings/:id/${action}`, async (request, reply) => {
      if (!requireRole(request, reply, ['coordinator'])) return reply
      const v = request.view
      if (badId(v, reply, request.params.id)) return reply
      const state = emptyForm(formValues(request.body, ['slotIndex']))
      const slotIndex = intField(state, 'slotIndex')
      const res =
        slotIndex === undefined
          ? null
          : await v.api<Meeting>('POST', `/v1/meetings/${request.params.id}/${action}`, { slotIndex })
      if (res?.ok) {
        return seeOther(
          reply,
          `/meetings/${request.params.id}?notice=${action === 'choose' ? 'meeting-booked' : 'meeting-rescheduled'}`,
        )
      }
      if (res) applyProblem(state, res.problem, ['slotIndex'], { start: 'slotIndex' })
      const m = await load<Meeting>(v, reply, `/v1/meetings/${request.params.id}`)
      if (!m) return reply
      return send(
        reply,
        meetingPage(v, m, state),
        res && res.status >= 500 ? 503 : res?.status === 409 ? 409 : 400,
      )
    })
  }

  app.post<{ Params: { id: string } }>('/meetings/:id/cancel', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    const res = await v.api('POST', `/v1/meetings/${request.params.id}/cancel`)
    if (res.ok) return seeOther(reply, `/meetings/${request.params.id}?notice=meeting-cancelled`)
    const m = await load<Meeting>(v, reply, `/v1/meetings/${request.params.id}`)
    if (!m) return reply
    const state = emptyForm()
    state.formError = problemMessage(res.problem)
    return send(reply, meetingPage(v, m, state), res.status >= 500 ? 503 : 409)
  })

  app.get<{ Params: { id: string } }>('/meetings/:id/ics', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    return passFile(v, reply, `/v1/meetings/${request.params.id}/ics`, `meeting-${request.params.id}.ics`)
  })

  app.get<{ Params: { id: string } }>('/partnerships/:id/visit-plans/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    return send(reply, planFormPage(v, request.params.id, emptyForm({ days: '7', groupSize: '12' })))
  })

  app.post<{ Params: { id: string } }>('/partnerships/:id/visit-plans/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const id = request.params.id
    if (badId(v, reply, id)) return reply
    const state = emptyForm(formValues(request.body, PLAN_FIELDS))
    const val = state.values
    if (!DIRECTIONS.includes(val['direction'] as Direction)) state.errors['direction'] = 'err.required'
    const days = intField(state, 'days')
    const groupSize = intField(state, 'groupSize')
    for (const f of ['rangeStart', 'rangeEnd']) {
      const d = val[f] ?? ''
      if (!ISO_DATE.test(d)) state.errors[f] = d ? 'err.date' : 'err.required'
    }
    if (!state.errors['rangeStart'] && !state.errors['rangeEnd'] && val['rangeStart']! > val['rangeEnd']!)
      state.errors['rangeEnd'] = 'err.range'
    if (hasErrors(state)) return send(reply, planFormPage(v, id, state), 400)
    const res = await v.api<VisitPlan>('POST', `/v1/partnerships/${id}/visit-plans`, {
      direction: val['direction'],
      days,
      groupSize,
      range: { start: val['rangeStart'], end: val['rangeEnd'] },
    })
    if (!res.ok) {
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      applyProblem(state, res.problem, PLAN_FIELDS, {
        'range.start': 'rangeStart',
        'range.end': 'rangeEnd',
        range: 'rangeEnd',
      })
      return send(reply, planFormPage(v, id, state), res.status >= 500 ? 503 : res.status === 403 ? 403 : 400)
    }
    return seeOther(reply, `/visit-plans/${res.data.id}?notice=visit-plan-created`)
  })

  const showPlan = async (
    v: View,
    reply: FastifyReply,
    id: string,
    state: FormState,
    notice?: string,
    status = 200,
  ) => {
    const p = await load<VisitPlan>(v, reply, `/v1/visit-plans/${id}`)
    if (!p) return reply
    const insts = await institutionsOf(v, [p.hostInstitutionId, p.travellerInstitutionId])
    return send(reply, planPage(v, p, insts, state, notice), status)
  }

  app.get<{ Params: { id: string } }>('/visit-plans/:id', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    return showPlan(v, reply, request.params.id, emptyForm(), noticeOf(request.query))
  })

  app.post<{ Params: { id: string } }>('/visit-plans/:id/confirm', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const id = request.params.id
    if (badId(v, reply, id)) return reply
    const state = emptyForm(formValues(request.body, ['start']))
    const res = await v.api<VisitPlan>('POST', `/v1/visit-plans/${id}/confirm`, {
      start: state.values['start'],
    })
    if (res.ok) {
      return seeOther(
        reply,
        res.data.visitId
          ? `/visits/${res.data.visitId}?notice=visit-booked`
          : `/visit-plans/${id}?notice=window-confirmed`,
      )
    }
    state.formError = problemMessage(res.problem)
    return showPlan(v, reply, id, state, undefined, res.status >= 500 ? 503 : res.status === 409 ? 409 : 400)
  })

  const showVisit = async (
    v: View,
    reply: FastifyReply,
    id: string,
    state: FormState,
    rejected: (typeof REASONS)[number][] = [],
    notice?: string,
    status = 200,
  ) => {
    const x = await load<Visit>(v, reply, `/v1/visits/${id}`)
    if (!x) return reply
    const insts = await institutionsOf(v, [x.hostInstitutionId, x.travellerInstitutionId])
    return send(reply, visitPage(v, x, insts, state, rejected, notice), status)
  }

  app.get<{ Params: { id: string } }>('/visits/:id', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    return showVisit(v, reply, request.params.id, emptyForm(), [], noticeOf(request.query))
  })

  app.post<{ Params: { id: string } }>('/visits/:id/change', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const id = request.params.id
    if (badId(v, reply, id)) return reply
    const state = emptyForm(formValues(request.body, ['start']))
    const start = state.values['start'] ?? ''
    if (!ISO_DATE.test(start)) {
      state.errors['start'] = start ? 'err.date' : 'err.required'
      return showVisit(v, reply, id, state, [], undefined, 400)
    }
    const res = await v.api<Visit>('POST', `/v1/visits/${id}/change`, { start })
    if (res.ok) return seeOther(reply, `/visits/${id}?notice=visit-changed`)
    let rejected: (typeof REASONS)[number][] = []
    if (res.status === 409) {
      rejected = reasonCodes(res.problem.reasons)
      if (rejected.length > 0) state.errors['start'] = 'visit.changeRejected'
      else if (/already starts/.test(res.problem.detail ?? '')) state.errors['start'] = 'visit.sameDate'
      else state.formError = problemMessage(res.problem)
    } else applyProblem(state, res.problem, ['start'])
    const status = res.status >= 500 ? 503 : res.status === 409 ? 409 : res.status === 403 ? 403 : 400
    return showVisit(v, reply, id, state, rejected, undefined, status)
  })

  app.get<{ Params: { id: string } }>('/visits/:id/cancel', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    const x = await load<Visit>(v, reply, `/v1/visits/${request.params.id}`)
    if (!x) return reply
    if (!x.canAct || x.status !== 'scheduled') return seeOther(reply, `/visits/${x.id}`)
    return send(reply, cancelVisitPage(v, x, emptyForm()))
  })

  app.post<{ Params: { id: string } }>('/visits/:id/cancel', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const id = request.params.id
    if (badId(v, reply, id)) return reply
    const res = await v.api<Visit>('POST', `/v1/visits/${id}/cancel`)
    if (res.ok) return seeOther(reply, `/visits/${id}?notice=visit-cancelled`)
    if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const state = emptyForm()
    state.formError = problemMessage(res.problem)
    return showVisit(
      v,
      reply,
      id,
      state,
      [],
      undefined,
      res.status >= 500 ? 503 : res.status === 403 ? 403 : 409,
    )
  })

  app.post<{ Params: { id: string } }>('/visit-plans/:id/cancel', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const id = request.params.id
    if (badId(v, reply, id)) return reply
    const res = await v.api<VisitPlan>('POST', `/v1/visit-plans/${id}/cancel`)
    if (res.ok) return seeOther(reply, `/visit-plans/${id}?notice=visit-plan-dropped`)
    if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const state = emptyForm()
    state.formError = problemMessage(res.problem)
    return showPlan(v, reply, id, state, undefined, res.status >= 500 ? 503 : res.status === 403 ? 403 : 409)
  })

  app.get<{ Params: { id: string } }>('/visits/:id/ics', async (request, reply) => {
    if (!requireRole(request, reply, [...ALL])) return reply
    const v = request.view
    if (badId(v, reply, request.params.id)) return reply
    return passFile(v, reply, `/v1/visits/${request.params.id}/ics`, `visit-${request.params.id}.ics`)
  })
}
