import type { FullInstitution as Institution } from '@dj/contracts'
import {
  type CoverageGaps,
  type FinderReason,
  SCHEDULE_READERS,
  SIDE_CALENDAR_IDS,
  type SlotView,
  VISIT_REASON_CODES,
  type VisitReasonCode,
} from '@dj/contracts'
import { formatDateRange, formatTime, formatTimeRange, zoneName } from '@dj/intl'
import { instName } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

/** One of the finder's reasons a period does not fit, as the API names them. */
const isReason = (code: string): code is VisitReasonCode =>
  (VISIT_REASON_CODES as readonly string[]).includes(code)

/** Civil dates (a visit day is the same day everywhere), e.g. "Mo., 06.07.2026 – Fr., 10.07.2026". */
export const period = (v: View, g: { start: string; end: string }) =>
  formatDateRange(v.locale, g.start, g.end, { weekday: true })

/** "Di., 12.01.2027, 09:00–10:00 MEZ", in the reader's zone, the zone named once. */
export const slotText = (v: View, s: { start: string; end: string }): string =>
  formatTimeRange(v.locale, v.timeZone, s.start, s.end, { weekday: true })

/** The other participants' local times, so both sides see what the slot means for the partner. */
export function otherZones(v: View, s: SlotView): Html | '' {
  const others = s.participants.filter((p) => p.timeZone !== v.timeZone)
  if (others.length === 0) return ''
  return html` <span class="hint">(${others
    .map((p) =>
      v.t('sched.partnerTime', {
        time: formatTime(v.locale, p.timeZone, s.start),
        zone: zoneName(v.locale, p.timeZone, s.start),
      }),
    )
    .join('; ')})</span>`
}

/** A calendar as people call it ("Feiertage in China"), never its id ("cn-public"). */
function calendarName(v: View, id: string): string {
  const builtin = SIDE_CALENDAR_IDS.find((c) => c === id)
  return builtin ? v.t(`calendarName.${builtin}`) : v.t('calendarName.own')
}

export function coverageNotice(v: View, gaps: CoverageGaps): Html | '' {
  const all = gaps.flatMap((g) => g.gaps.map((x) => ({ ...x, calendarId: g.calendarId })))
  if (all.length === 0) return ''
  return html`<div class="callout" role="note"><h2 class="h3">${v.t('sched.coverageTitle')}</h2>
  <p>${v.t('sched.coverageBody')}</p>
  <ul>${all.map((g) => html`<li>${period(v, g)} (${calendarName(v, g.calendarId)})</li>`)}</ul></div>`
}

export function reasonText(v: View, r: FinderReason): Html {
  const label = isReason(r.code) ? v.t(`reason.${r.code}`) : r.code
  const lang = v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de'
  const name = r.name?.[lang] ?? r.name?.en ?? r.name?.de ?? r.name?.zh
  return html`${label}${name && html` (${name})`}: ${period(v, { start: r.date, end: r.endDate ?? r.date })}`
}

/** The finder's reason codes from the API's 409 problem (`reasons`); unknown codes dropped. */
export function reasonCodes(reasons: { code: string }[] | undefined): VisitReasonCode[] {
  const found = (reasons ?? []).map((r) => r.code)
  return [...new Set(found)].filter(isReason)
}

export const statusBadge = (v: View, key: MessageKey) => html`<span class="badge">${v.t(key)}</span>`

export const nameOf = (v: View, insts: Map<string, Institution>, id: string): Html | string => {
  const i = insts.get(id)
  return i ? instName(v, i) : v.t('sched.unknownInstitution')
}

/** Who may see a partnership's schedule: its coordinators act, the offices and admins read. */
export const READERS = SCHEDULE_READERS
