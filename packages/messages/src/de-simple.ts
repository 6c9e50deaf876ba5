import { formatNumber, readerTitle } from '@dj/intl'
import type { Catalog } from './types.js'

/** Einfache Sprache: short sentences, everyday words, one idea per sentence. */
const open = 'Ansehen'
const offset = { '7d': 'in 7 Tagen', '24h': 'morgen', '1h': 'in 1 Stunde' } as const

export const deSimple: Catalog = {
  open,
  footer: (h) =>
    `Sie haben ein Konto auf der Plattform Düren–Jinhua. Darum bekommen Sie diese Nachricht. Hier können Sie das ändern: ${h.link('/inbox/preferences')}`,
  digest: (items, day, h) => ({
    subject: `Ihre Nachrichten vom Tag (${day}): ${items.length}`,
    lines: ['Das ist neu:', ...items.map((i) => `• ${i.subject} — ${h.when(i.at)}`)],
    action: { label: 'Plattform ansehen', url: h.link('/inbox') },
  }),
  events: {
    'auth.email_verification_requested': (e, h) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      lines: [
        'Willkommen!',
        'Bitte klicken Sie auf den Link.',
        'Dann ist Ihre E-Mail-Adresse bestätigt.',
        `Der Link gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'E-Mail bestätigen',
        url: h.link(`/verify-email?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_reset_requested': (e, h) => ({
      subject: 'Neues Passwort',
      lines: [
        'Jemand möchte ein neues Passwort für Ihr Konto.',
        'Waren Sie das nicht? Dann tun Sie nichts.',
        `Der Link gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Neues Passwort machen',
        url: h.link(`/reset-password?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_changed': (_e, h) => ({
      subject: 'Ihr Passwort ist neu',
      lines: [
        'Ihr Passwort wurde gerade geändert.',
        'Waren Sie das nicht? Dann machen Sie sofort ein neues Passwort.',
        'Und schreiben Sie dem Support.',
      ],
      action: { label: 'Konto ansehen', url: h.link('/profile') },
    }),
    'auth.registration_attempted': (_e, h) => ({
      subject: 'Jemand wollte sich mit Ihrer E-Mail anmelden',
      lines: [
        'Jemand wollte ein neues Konto machen.',
        'Mit Ihrer E-Mail-Adresse.',
        'Sie haben schon ein Konto. Es gibt kein zweites Konto.',
        'Waren Sie das? Dann melden Sie sich an. Oder machen Sie ein neues Passwort.',
        'Waren Sie das nicht? Dann tun Sie nichts. Ihr Konto bleibt, wie es ist.',
      ],
      action: { label: 'Neues Passwort machen', url: h.link('/forgot-password') },
    }),
    'membership.invited': (e, h) => ({
      subject: `Einladung: ${e.institution.name}`,
      lines: [
        `${e.invitedByName} lädt Sie ein.`,
        `Sie können bei ${e.institution.name} mitmachen.`,
        `Die Einladung gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Einladung annehmen',
        url: h.link(`/invitations/accept?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'institution.verified': (e, h) => ({
      subject: `${e.institution.name} ist bestätigt`,
      lines: [
        'Der Kreis hat Ihre Einrichtung geprüft.',
        `${e.institution.name} ist jetzt bestätigt.`,
        'Sie können jetzt Partner finden.',
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.rejected': (e, h) => ({
      subject: `${e.institution.name} ist nicht bestätigt`,
      lines: [
        `Der Kreis hat ${e.institution.name} nicht bestätigt.`,
        `Der Grund: ${e.reason}`,
        'Sie können die Angaben ändern.',
        'Dann prüft der Kreis noch einmal.',
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.suspended': (e, h) => ({
      subject: `${e.institution.name} ist gesperrt`,
      lines: [
        `${e.institution.name} ist im Moment gesperrt.`,
        'Sie bekommen keine neuen Partner.',
        `Der Grund: ${e.reason}`,
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.reinstated': (e, h) => ({
      subject: `${e.institution.name} ist wieder frei`,
      lines: [`${e.institution.name} ist nicht mehr gesperrt.`, 'Sie können wieder Partner finden.'],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'interest.reconfirm_requested': (e, h) => ({
      subject: 'Suchen Sie noch einen Partner?',
      lines: [
        `${e.institution.name} sucht einen Partner.`,
        'Stimmt das noch?',
        `Bitte sagen Sie es uns bis ${h.when(e.deadline)}.`,
      ],
      action: { label: open, url: h.link(`/interests/${e.interestId}/edit`) },
    }),
    'import.finished': (e, h) => ({
      subject:
        e.status === 'failed' ? 'Der Listen-Import hat nicht geklappt' : 'Der Listen-Import ist fertig',
      lines: [
        e.status === 'failed'
          ? `Die Datei ${e.fileName ?? ''} hat nicht geklappt.`
          : `Die Datei ${e.fileName ?? ''} ist fertig. ${formatNumber('de-simple', e.failed)} von ${formatNumber('de-simple', e.total)} Zeilen fehlen.`,
        'Im Bericht steht, warum.',
      ],
      action: { label: 'Bericht ansehen', url: h.link(`/officer/imports/${e.importId}`) },
    }),
    'round.finished': (e, h) => ({
      subject: e.status === 'failed' ? 'Die Runde hat nicht geklappt' : 'Die Runde ist fertig',
      lines: [
        e.status === 'failed'
          ? 'Die Runde hat nicht geklappt. Bitte starten Sie noch einmal.'
          : `Die Runde ist fertig. Es gibt ${formatNumber('de-simple', e.proposals)} Vorschläge.`,
      ],
      action: { label: 'Ergebnis ansehen', url: h.link(`/officer/rounds/${e.roundId}`) },
    }),
    'proposal.created': (e, h) => ({
      subject: `Ein Partner für Sie: ${e.partner.name}`,
      lines: [
        `Wir haben einen Partner für ${e.own.name} gefunden.`,
        `Der Partner heißt ${e.partner.name}.`,
        ...(e.expiresAt ? [`Bitte antworten Sie bis ${h.when(e.expiresAt)}.`] : []),
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.accepted': (e, h) => ({
      subject: `${e.partner.name} sagt Ja`,
      lines: [`${e.partner.name} möchte Partner von ${e.own.name} sein.`],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.declined': (e, h) => ({
      subject: `${e.partner.name} sagt Nein`,
      lines: [`${e.partner.name} möchte nicht Partner von ${e.own.name} sein.`, `Der Grund: ${e.reason}`],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expiring': (e, h) => ({
      subject: 'Bitte bald antworten',
      lines: [
        `Sie haben einen Vorschlag: ${e.partner.name}.`,
        `Bitte antworten Sie bis ${h.when(e.expiresAt)}.`,
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expired': (e, h) => ({
      subject: 'Die Zeit für den Vorschlag ist um',
      lines: [`Der Vorschlag mit ${e.partner.name} gilt nicht mehr.`, 'Es kam keine Antwort.'],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.officer_confirmed': (e, h) => ({
      subject: `Der Vorschlag ist geprüft: ${e.partner.name}`,
      lines: [
        `${e.side === 'duren' ? 'Der Kreis Düren' : 'Das Büro in Jinhua'} hat den Vorschlag geprüft.`,
        `Der Vorschlag ist gut: ${e.own.name} und ${e.partner.name}.`,
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'interest.expressed': (e, h) => ({
      subject: `${e.from.name} möchte einen Austausch mit Ihnen`,
      lines: [
        `${e.from.name} interessiert sich für ${e.to.name}.`,
        'Bitte sehen Sie sich das an.',
        'Dann antworten Sie auf der Plattform.',
      ],
      action: { label: open, url: h.link(`/interest-expressions/${e.expressionId}`) },
    }),
    'partnership.confirmed': (e, h) => ({
      subject: 'Sie haben jetzt einen Partner',
      lines: [
        `${e.a.name} und ${e.b.name} sind jetzt Partner.`,
        'Als Nächstes treffen sich die beiden Einrichtungen online. Wir schlagen Zeiten vor.',
      ],
      action: { label: open, url: h.link(`/partnerships/${e.partnershipId}/schedule`) },
    }),
    'meeting.slots_proposed': (e, h) => ({
      subject: 'Wann passt Ihnen ein Treffen?',
      lines: [
        'Es gibt Vorschläge für ein Treffen.',
        'Bitte wählen Sie einen Termin:',
        ...e.slots.map((s) => `• ${h.eventTime(s)}`),
      ],
      action: { label: 'Termin wählen', url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit_plan.proposed': (e, h) => ({
      subject: `${e.by.name} möchte einen Besuch planen`,
      lines: [
        `${e.by.name} plant einen Besuch.`,
        `Der Besuch dauert ${e.days} Tage.`,
        'Diese Zeiten sind möglich:',
        ...e.windows.map((w) => `• ${h.eventTime(w)}`),
        ...(e.moreWindows > 0 ? [`Auf der Plattform gibt es noch ${e.moreWindows} Zeiten mehr.`] : []),
        'Bitte wählen Sie eine Zeit.',
      ],
      action: { label: 'Zeit wählen', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.window_confirmed': (e, h) => ({
      subject: `${e.by.name} hat eine Zeit für den Besuch gewählt`,
      lines: [
        `${e.by.name} möchte den Besuch am ${h.eventTime(e.window)}.`,
        'Bitte bestätigen Sie die gleiche Zeit.',
        'Dann ist der Besuch fest.',
      ],
      action: { label: 'Zeit bestätigen', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.dropped': (e, h) => ({
      subject: `${e.by.name} plant den Besuch nicht weiter`,
      lines: [`${e.by.name} plant den Besuch nicht weiter.`, 'Es gibt keinen Termin.'],
      action: { label: open, url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'meeting.scheduled': (e, h) => ({
      subject: `Neues Treffen: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Das Treffen heißt „${readerTitle('de-simple', e.title)}“.`,
        `Es ist am ${h.eventTime(e.time)}.`,
        'Der Termin für Ihren Kalender ist dabei.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.changed': (e, h) => ({
      subject: `Neue Zeit für das Treffen: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Das Treffen „${readerTitle('de-simple', e.title)}“ hat eine neue Zeit.`,
        `Es ist jetzt am ${h.eventTime(e.time)}.`,
        'Der neue Termin für Ihren Kalender ist dabei.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.cancelled': (e, h) => ({
      subject: `Das Treffen fällt aus: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Das Treffen „${readerTitle('de-simple', e.title)}“ fällt aus.`,
        `Es war am ${h.eventTime(e.time)}.`,
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit.scheduled': (e, h) => ({
      subject: `Neuer Besuch: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Der Besuch heißt „${readerTitle('de-simple', e.title)}“.`,
        `Er ist am ${h.eventTime(e.time)}.`,
        'Der Termin für Ihren Kalender ist dabei.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.changed': (e, h) => ({
      subject: `Neue Zeit für den Besuch: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Der Besuch „${readerTitle('de-simple', e.title)}“ hat eine neue Zeit.`,
        `Er ist jetzt am ${h.eventTime(e.time)}.`,
        'Der neue Termin für Ihren Kalender ist dabei.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.cancelled': (e, h) => ({
      subject: `Der Besuch fällt aus: ${readerTitle('de-simple', e.title)}`,
      lines: [
        `Der Besuch „${readerTitle('de-simple', e.title)}“ fällt aus.`,
        `Er war am ${h.eventTime(e.time)}.`,
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'reminder.due': (e, h) => ({
      subject: `Denken Sie daran: ${readerTitle('de-simple', e.title)} (${offset[e.offset]})`,
      lines: [
        `${e.kind === 'meeting' ? 'Das Treffen' : 'Der Besuch'} „${readerTitle('de-simple', e.title)}“ ist bald.`,
        `Termin: ${h.eventTime(e.time)}.`,
      ],
      action: { label: open, url: h.link(`/${e.kind === 'meeting' ? 'meetings' : 'visits'}/${e.targetId}`) },
    }),
  },
}
