import type { Params } from '@dj/i18n'
import { formatDate, formatNumber, formatPercent, readerTitle } from '@dj/intl'
import type { MessageType, RenderHelpers, TemplateEvent } from './types.js'

/**
 * What each event's texts are filled with and where its button leads: the same for every
 * language (the texts themselves are in catalogs/<locale>/<area>.json, keys `<type>.subject`,
 * `<type>.body` (paragraphs separated by a line break) and `<type>.action`).
 */
export interface Filled {
  params: Params
  url: string
}
type Fill<T extends MessageType> = (e: TemplateEvent<T>, h: RenderHelpers) => Filled

/** A list of times, one bullet line each (a message body splits on line breaks). */
const bullets = (items: string[]) => items.map((i) => `• ${i}`).join('\n')
const token = (e: { token: string }) => encodeURIComponent(e.token)
const institution = (
  e: { institution: { id: string; name: string } },
  h: RenderHelpers,
  extra: Params = {},
) => ({
  params: { institution: e.institution.name, ...extra },
  url: h.link(`/institutions/${e.institution.id}`),
})
const proposal = (
  e: { proposalId: string; own: { name: string }; partner: { name: string } },
  h: RenderHelpers,
) => ({
  partner: e.partner.name,
  own: e.own.name,
  url: h.link(`/proposals/${e.proposalId}`),
})
const titled = (
  e: { title: string; time: { start: string; end: string; allDay?: boolean } },
  h: RenderHelpers,
) => ({
  title: readerTitle(h.locale, e.title),
  time: h.eventTime(e.time),
})

/** The agreement in the partnership's workspace. */
const agreementLink = (e: { partnershipId: string }, h: RenderHelpers) =>
  h.link(`/partnerships/${e.partnershipId}/workspace#agreement`)

/** A calendar day (YYYY-MM-DD) with its weekday: the same day for every reader, so no zone. */
const day = (isoDate: string, h: RenderHelpers) => formatDate(h.locale, isoDate, { weekday: true })

/**
 * A checklist item's kind, for the catalogs' select: fixed items by their key, funding items
 * (`funding:<slug>`) and the partnership's own (`custom:<n>`) by a generic wording.
 */
const CHECKLIST_KINDS = new Set(['visa_f', 'visa_schengen', 'insurance', 'parental_consent', 'report'])
const checklistKind = (itemKey: string): string => {
  if (itemKey.startsWith('funding:')) return 'funding'
  return CHECKLIST_KINDS.has(itemKey) ? itemKey : 'custom'
}

const tripLink = (e: { partnershipId: string; tripPlanId: string }, h: RenderHelpers) =>
  h.link(`/partnerships/${e.partnershipId}/trips/${e.tripPlanId}`)
const reportLink = (e: { partnershipId: string; reportId: string }, h: RenderHelpers) =>
  h.link(`/partnerships/${e.partnershipId}/reports/${e.reportId}`)
const lastStep = (step: 1 | 2) => (step === 2 ? 'yes' : 'no')

export const FILL: { [T in MessageType]: Fill<T> } = {
  'auth.email_verification_requested': (e, h) => ({
    params: { expires: h.when(e.expiresAt) },
    url: h.link(`/verify-email?token=${token(e)}`),
  }),
  'auth.password_reset_requested': (e, h) => ({
    params: { expires: h.when(e.expiresAt) },
    url: h.link(`/reset-password?token=${token(e)}`),
  }),
  'auth.password_changed': (_e, h) => ({ params: {}, url: h.link('/profile') }),
  'auth.registration_attempted': (_e, h) => ({ params: {}, url: h.link('/forgot-password') }),
  'membership.invited': (e, h) => ({
    params: { invitedBy: e.invitedByName, institution: e.institution.name, expires: h.when(e.expiresAt) },
    url: h.link(`/invitations/accept?token=${token(e)}`),
  }),
  'institution.verified': (e, h) => institution(e, h),
  'institution.rejected': (e, h) => institution(e, h, { reason: e.reason }),
  'institution.suspended': (e, h) => institution(e, h, { reason: e.reason }),
  'institution.reinstated': (e, h) => institution(e, h),
  'institution.claim_requested': (e, h) => ({
    params: { institution: e.institution.name, match: e.domainMatch ? 'yes' : 'no' },
    url: h.link(`/officer/open-data/claims/${e.claimId}`),
  }),
  // A refused claimant has no access to the school's page: they are sent back to the list.
  'institution.claim_decided': (e, h) => ({
    params: { institution: e.institution.name, decision: e.decision, reason: e.reason ?? '' },
    url: h.link(e.decision === 'confirmed' ? `/institutions/${e.institution.id}` : '/open-data/schools'),
  }),
  'interest.reconfirm_requested': (e, h) => ({
    params: { institution: e.institution.name, deadline: h.when(e.deadline) },
    url: h.link(`/interests/${e.interestId}/edit`),
  }),
  'import.finished': (e, h) => ({
    params: {
      status: e.status,
      fileName: e.fileName ?? '',
      failed: formatNumber(h.locale, e.failed),
      total: formatNumber(h.locale, e.total),
    },
    url: h.link(`/officer/imports/${e.importId}`),
  }),
  'round.finished': (e, h) => ({
    params: { status: e.status, proposals: formatNumber(h.locale, e.proposals) },
    url: h.link(`/officer/rounds/${e.roundId}`),
  }),
  'proposal.created': (e, h) => {
    const { url, ...names } = proposal(e, h)
    const expiry = e.expiresAt
      ? { hasExpiry: 'yes', expires: h.when(e.expiresAt) }
      : { hasExpiry: 'no', expires: '' }
    return { params: { ...names, score: formatPercent(h.locale, e.score), ...expiry }, url }
  },
  'proposal.accepted': (e, h) => {
    const { url, ...names } = proposal(e, h)
    return { params: names, url }
  },
  'proposal.declined': (e, h) => {
    const { url, ...names } = proposal(e, h)
    return { params: { ...names, reason: e.reason }, url }
  },
  'proposal.expiring': (e, h) => {
    const { url, ...names } = proposal(e, h)
    return { params: { ...names, expires: h.when(e.expiresAt) }, url }
  },
  'proposal.expired': (e, h) => {
    const { url, ...names } = proposal(e, h)
    return { params: names, url }
  },
  'proposal.officer_confirmed': (e, h) => {
    const { url, ...names } = proposal(e, h)
    return { params: { ...names, side: e.side }, url }
  },
  'interest.expressed': (e, h) => ({
    params: { from: e.from.name, to: e.to.name },
    url: h.link(`/interest-expressions/${e.expressionId}`),
  }),
  'partnership.confirmed': (e, h) => ({
    params: { a: e.a.name, b: e.b.name },
    url: h.link(`/partnerships/${e.partnershipId}/schedule`),
  }),
  'meeting.slots_proposed': (e, h) => ({
    params: { slots: bullets(e.slots.map((s) => h.eventTime(s))) },
    url: h.link(`/meetings/${e.meetingId}`),
  }),
  'visit_plan.proposed': (e, h) => ({
    params: {
      by: e.by.name,
      days: e.days,
      windows: bullets(e.windows.map((w) => h.eventTime(w))),
      moreWindows: e.moreWindows,
    },
    url: h.link(`/visit-plans/${e.planId}`),
  }),
  'visit_plan.window_confirmed': (e, h) => ({
    params: { by: e.by.name, window: h.eventTime(e.window) },
    url: h.link(`/visit-plans/${e.planId}`),
  }),
  'visit_plan.dropped': (e, h) => ({ params: { by: e.by.name }, url: h.link(`/visit-plans/${e.planId}`) }),
  'message.posted': (e, h) => ({
    params: { from: e.from.name },
    url: h.link(`/partnerships/${e.partnershipId}/workspace#messages`),
  }),
  'agreement.ready': (e, h) => ({ params: { version: e.version }, url: agreementLink(e, h) }),
  'agreement.signed': (e, h) => ({
    params: {
      office: e.by ? 'none' : e.side,
      by: e.by?.name ?? '',
      version: e.version,
      complete: e.institutionsSigned ? 'yes' : 'no',
    },
    url: agreementLink(e, h),
  }),
  'agreement.voided': (e, h) => ({
    params: { by: e.by.name, version: e.version, voidedVersion: e.voidedVersion, changes: e.changes },
    url: agreementLink(e, h),
  }),
  'agreement.completed': (e, h) => ({ params: { version: e.version }, url: agreementLink(e, h) }),
  'agreement.reminder': (e, h) => ({
    params: { version: e.version, last: e.step === 2 ? 'yes' : 'no', office: e.by ? 'none' : e.side },
    url: agreementLink(e, h),
  }),
  'agreement.overdue': (e, h) => ({
    params: { version: e.version, days: e.days, office: e.by ? 'none' : e.side, by: e.by?.name ?? '' },
    url: agreementLink(e, h),
  }),
  'meeting.scheduled': (e, h) => ({ params: titled(e, h), url: h.link(`/meetings/${e.meetingId}`) }),
  'meeting.changed': (e, h) => ({ params: titled(e, h), url: h.link(`/meetings/${e.meetingId}`) }),
  'meeting.cancelled': (e, h) => ({ params: titled(e, h), url: h.link(`/meetings/${e.meetingId}`) }),
  'visit.scheduled': (e, h) => ({ params: titled(e, h), url: h.link(`/visits/${e.visitId}`) }),
  'visit.changed': (e, h) => ({ params: titled(e, h), url: h.link(`/visits/${e.visitId}`) }),
  'visit.cancelled': (e, h) => ({ params: titled(e, h), url: h.link(`/visits/${e.visitId}`) }),
  'reminder.due': (e, h) => ({
    params: { ...titled(e, h), offset: e.offset, kind: e.kind },
    url: h.link(`/${e.kind === 'meeting' ? 'meetings' : 'visits'}/${e.targetId}`),
  }),
  'trip.checklist_due': (e, h) => ({
    params: { item: checklistKind(e.itemKey), due: day(e.dueDate, h), last: lastStep(e.step) },
    url: tripLink(e, h),
  }),
  'funding.deadline_near': (e, h) => ({
    params: { programme: e.programmeName, deadline: day(e.deadline, h) },
    url: `${tripLink(e, h)}/funding`,
  }),
  'report.requested': (e, h) => ({ params: { partner: e.partnerName }, url: reportLink(e, h) }),
  'report.reminder': (e, h) => ({ params: { last: lastStep(e.step) }, url: reportLink(e, h) }),
  // An open report is its institution's own until filed (the offices get 404 on it), so the
  // office is sent to the partnership's workspace, which officers read.
  'report.overdue': (e, h) => ({
    params: { institution: e.institutionName },
    url: h.link(`/partnerships/${e.partnershipId}/workspace`),
  }),
  'report.filed': (e, h) => ({ params: { institution: e.institutionName }, url: reportLink(e, h) }),
  'exchange.renewed': (e, h) => ({
    params: { by: e.by.name, edition: e.agreementEdition, trip: e.tripPlanId ? 'yes' : 'no' },
    url: h.link(`/partnerships/${e.partnershipId}/workspace`),
  }),
}

/** The digest mail: the day's subjects with their times, one bullet line each. */
export const fillDigest = (
  items: { subject: string; at: string }[],
  day: string,
  h: RenderHelpers,
): Filled => ({
  params: {
    day,
    count: items.length,
    items: items.map((i) => `• ${i.subject} — ${h.when(i.at)}`).join('\n'),
  },
  url: h.link('/inbox'),
})
