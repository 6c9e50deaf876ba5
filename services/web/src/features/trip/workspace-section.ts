import type { OfficerPartnership, Workspace } from '@dj/contracts'
import { csrfField } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { formatDate } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { tripPath } from './edit-form.js'
import { progressBar } from './view.js'

/**
 * The workspace's trips: each booked visit with its plan's checklist progress, or the button
 * that plans it (for the two institutions' coordinators; the offices see that none exists yet).
 */
export function tripsSection(v: View, w: Workspace): Html {
  const trips = w.trips ?? []
  const id = w.partnership.id
  if (trips.length === 0) return html`<p>${v.t('trip.wsNone')}</p>`
  return html`<ul class="plain">${trips.map(
    (t, i) => html`<li class="card">
  <p>${v.t('trip.wsVisit', { start: formatDate(v.locale, t.startDate), end: formatDate(v.locale, t.endDate) })}</p>
  ${
    t.tripPlanId && t.progress
      ? html`${progressBar(v, { ...t.progress }, `trip-progress-${i}`)}
  <p><a href="${tripPath(id, t.tripPlanId)}">${v.t('trip.wsOpen')}</a></p>`
      : w.viewer.canPost
        ? html`<form method="post" action="/partnerships/${id}/visits/${t.visitId}/trip">${csrfField(v)}
  <button type="submit">${v.t('trip.wsPlan')}</button></form>`
        : html`<p>${v.t('trip.wsNotPlanned')}</p>`
  }
</li>`,
  )}</ul>`
}

/** The officers' list column: the newest plan's checklist, done of total. */
export const checklistCell = (v: View, p: Pick<OfficerPartnership, 'checklist'>) =>
  p.checklist ? v.t('trip.checklistShort', { done: p.checklist.done, total: p.checklist.total }) : '—'
