import { formatNumber, formatPercent, readerTitle } from '@dj/intl'
import type { Catalog } from './types.js'

const open = 'Open'

export const en: Catalog = {
  open,
  footer: (h) =>
    `You receive this because of your account on the Düren–Jinhua exchange platform. Settings: ${h.link('/inbox/preferences')}`,
  digest: (items, day, h) => ({
    subject: `Your daily summary (${day}): ${items.length} update${items.length === 1 ? '' : 's'}`,
    lines: [
      'Here is what happened since your last summary:',
      ...items.map((i) => `• ${i.subject} — ${h.when(i.at)}`),
    ],
    action: { label: 'Open the platform', url: h.link('/inbox') },
  }),
  events: {
    'auth.email_verification_requested': (e, h) => ({
      subject: 'Please confirm your email address',
      lines: [
        'Welcome! Please confirm your email address to finish setting up your account.',
        `The link is valid until ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Confirm email address',
        url: h.link(`/verify-email?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_reset_requested': (e, h) => ({
      subject: 'Reset your password',
      lines: [
        'Someone asked to reset the password of your account. If this was not you, ignore this email.',
        `The link is valid until ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Choose a new password',
        url: h.link(`/reset-password?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_changed': (_e, h) => ({
      subject: 'Your password was changed',
      lines: [
        'The password of your account was just changed and all other sessions were signed out.',
        'If this was not you, reset your password at once and contact the support team.',
      ],
      action: { label: 'Account security', url: h.link('/profile') },
    }),
    'auth.registration_attempted': (_e, h) => ({
      subject: 'Someone tried to register with your email address',
      lines: [
        'Someone just tried to create a new account on the Düren–Jinhua exchange platform with this email address. You already have an account, so no second one was created.',
        'If this was you: sign in, or choose a new password if you have forgotten it. If it was not you, you can ignore this email; your account is unchanged.',
      ],
      action: { label: 'Forgot your password?', url: h.link('/forgot-password') },
    }),
    'membership.invited': (e, h) => ({
      subject: `Invitation to join ${e.institution.name}`,
      lines: [
        `${e.invitedByName} invites you to join ${e.institution.name} on the Düren–Jinhua exchange platform.`,
        `The invitation is valid until ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Accept invitation',
        url: h.link(`/invitations/accept?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'institution.verified': (e, h) => ({
      subject: `${e.institution.name} has been verified`,
      lines: [
        `Good news: ${e.institution.name} has been verified by the county office. You can now take part in matching.`,
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.rejected': (e, h) => ({
      subject: `${e.institution.name} could not be verified`,
      lines: [
        `The county office could not verify ${e.institution.name}.`,
        `Reason: ${e.reason}`,
        'You can correct the profile and ask again.',
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.suspended': (e, h) => ({
      subject: `${e.institution.name} has been suspended`,
      lines: [
        `${e.institution.name} has been suspended and takes no part in matching for now.`,
        `Reason: ${e.reason}`,
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.reinstated': (e, h) => ({
      subject: `${e.institution.name} is active again`,
      lines: [`The suspension of ${e.institution.name} has been lifted.`],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'interest.reconfirm_requested': (e, h) => ({
      subject: `Is the interest of ${e.institution.name} still current?`,
      lines: [
        `Please confirm by ${h.when(e.deadline)} that the exchange interest of ${e.institution.name} is still current, or close it.`,
      ],
      action: { label: open, url: h.link(`/interests/${e.interestId}/edit`) },
    }),
    'import.finished': (e, h) => ({
      subject:
        e.status === 'failed'
          ? 'Your CSV import failed'
          : `Your CSV import is done: ${formatNumber('en', e.failed)} of ${formatNumber('en', e.total)} rows not imported`,
      lines: [
        e.status === 'failed'
          ? `The file ${e.fileName ?? ''} could not be imported. The report says why.`
          : `The file ${e.fileName ?? ''} has been imported. ${formatNumber('en', e.failed)} of ${formatNumber('en', e.total)} rows were not imported; the report lists them with the reason.`,
      ],
      action: { label: 'View the report', url: h.link(`/officer/imports/${e.importId}`) },
    }),
    'round.finished': (e, h) => ({
      subject:
        e.status === 'failed'
          ? 'The matching round failed'
          : `The matching round is done: ${formatNumber('en', e.proposals)} proposals`,
      lines: [
        e.status === 'failed'
          ? 'The matching round you started failed. Please start it again.'
          : `The matching round you started is done and proposed ${formatNumber('en', e.proposals)} pairs. The institutions have been told.`,
      ],
      action: { label: 'View the result', url: h.link(`/officer/rounds/${e.roundId}`) },
    }),
    'proposal.created': (e, h) => ({
      subject: `New partner proposal: ${e.partner.name}`,
      lines: [
        `We suggest ${e.partner.name} as a partner for ${e.own.name} (fit ${formatPercent('en', e.score)}).`,
        ...(e.expiresAt ? [`Please answer by ${h.when(e.expiresAt)}.`] : []),
      ],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.accepted': (e, h) => ({
      subject: `${e.partner.name} accepted the proposal`,
      lines: [`${e.partner.name} accepted the partnership proposal with ${e.own.name}.`],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.declined': (e, h) => ({
      subject: `${e.partner.name} declined the proposal`,
      lines: [
        `${e.partner.name} declined the partnership proposal with ${e.own.name}.`,
        `Reason: ${e.reason}`,
      ],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expiring': (e, h) => ({
      subject: `Proposal with ${e.partner.name} expires soon`,
      lines: [
        `The proposal between ${e.own.name} and ${e.partner.name} expires on ${h.when(e.expiresAt)}. Please answer before then.`,
      ],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expired': (e, h) => ({
      subject: `Proposal with ${e.partner.name} has expired`,
      lines: [`The proposal between ${e.own.name} and ${e.partner.name} expired without an answer.`],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.officer_confirmed': (e, h) => ({
      subject: `Proposal confirmed by the ${e.side === 'duren' ? 'Düren' : 'Jinhua'} office: ${e.partner.name}`,
      lines: [
        `The ${e.side === 'duren' ? 'Kreis Düren' : 'Jinhua'} office confirmed the proposal between ${e.own.name} and ${e.partner.name}.`,
      ],
      action: { label: 'View proposal', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'interest.expressed': (e, h) => ({
      subject: `${e.from.name} is interested in an exchange with ${e.to.name}`,
      lines: [
        `${e.from.name} has expressed interest in the exchange offer of ${e.to.name}.`,
        'Have a look and answer on the platform.',
      ],
      action: { label: open, url: h.link(`/interest-expressions/${e.expressionId}`) },
    }),
    'partnership.confirmed': (e, h) => ({
      subject: `Partnership confirmed: ${e.a.name} and ${e.b.name}`,
      lines: [
        `${e.a.name} and ${e.b.name} are now partners. Next, the two institutions arrange a first online meeting; the platform proposes times.`,
      ],
      action: { label: open, url: h.link(`/partnerships/${e.partnershipId}/schedule`) },
    }),
    'meeting.slots_proposed': (e, h) => ({
      subject: 'New meeting times proposed',
      lines: [
        'Please choose one of these times for the meeting:',
        ...e.slots.map((s) => `• ${h.eventTime(s)}`),
      ],
      action: { label: 'Choose a time', url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit_plan.proposed': (e, h) => ({
      subject: `Visit proposed by ${e.by.name}`,
      lines: [
        `${e.by.name} is planning a visit (${e.days} days). Possible periods:`,
        ...e.windows.map((w) => `• ${h.eventTime(w)}`),
        ...(e.moreWindows > 0 ? [`and ${e.moreWindows} more on the platform.`] : []),
        'Please choose one.',
      ],
      action: { label: 'Choose a period', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.window_confirmed': (e, h) => ({
      subject: `${e.by.name} chose a period for the visit`,
      lines: [
        `${e.by.name} would like the visit on ${h.eventTime(e.window)}.`,
        'Once you confirm the same period, the visit is booked.',
      ],
      action: { label: 'Confirm the period', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.dropped': (e, h) => ({
      subject: `Visit planning ended by ${e.by.name}`,
      lines: [`${e.by.name} has ended the planning of this visit. Nothing was booked.`],
      action: { label: open, url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'meeting.scheduled': (e, h) => ({
      subject: `Meeting scheduled: ${readerTitle('en', e.title)}`,
      lines: [
        `The meeting "${readerTitle('en', e.title)}" is scheduled for ${h.eventTime(e.time)}.`,
        'The calendar invitation is attached.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.changed': (e, h) => ({
      subject: `Meeting changed: ${readerTitle('en', e.title)}`,
      lines: [
        `The meeting "${readerTitle('en', e.title)}" has moved to ${h.eventTime(e.time)}.`,
        'The updated calendar invitation is attached.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.cancelled': (e, h) => ({
      subject: `Meeting cancelled: ${readerTitle('en', e.title)}`,
      lines: [`The meeting "${readerTitle('en', e.title)}" on ${h.eventTime(e.time)} has been cancelled.`],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit.scheduled': (e, h) => ({
      subject: `Visit scheduled: ${readerTitle('en', e.title)}`,
      lines: [
        `The visit "${readerTitle('en', e.title)}" is scheduled for ${h.eventTime(e.time)}.`,
        'The calendar invitation is attached.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.changed': (e, h) => ({
      subject: `Visit changed: ${readerTitle('en', e.title)}`,
      lines: [
        `The visit "${readerTitle('en', e.title)}" has moved to ${h.eventTime(e.time)}.`,
        'The updated calendar invitation is attached.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.cancelled': (e, h) => ({
      subject: `Visit cancelled: ${readerTitle('en', e.title)}`,
      lines: [`The visit "${readerTitle('en', e.title)}" on ${h.eventTime(e.time)} has been cancelled.`],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'reminder.due': (e, h) => ({
      subject: `Reminder: ${readerTitle('en', e.title)} (${e.offset === '7d' ? 'in 7 days' : e.offset === '24h' ? 'tomorrow' : 'in 1 hour'})`,
      lines: [
        `Reminder: the ${e.kind === 'meeting' ? 'meeting' : 'visit'} "${readerTitle('en', e.title)}" takes place on ${h.eventTime(e.time)}.`,
      ],
      action: { label: open, url: h.link(`/${e.kind === 'meeting' ? 'meetings' : 'visits'}/${e.targetId}`) },
    }),
  },
}
