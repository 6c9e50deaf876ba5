import { formatNumber, formatPercent, readerTitle } from '@dj/intl'
import type { Catalog } from './types.js'

const open = 'Öffnen'
const offset = { '7d': 'in 7 Tagen', '24h': 'morgen', '1h': 'in 1 Stunde' } as const

export const de: Catalog = {
  open,
  footer: (h) =>
    `Sie erhalten diese Nachricht wegen Ihres Kontos auf der Austauschplattform Düren–Jinhua. Einstellungen: ${h.link('/inbox/preferences')}`,
  digest: (items, day, h) => ({
    subject: `Ihre tägliche Zusammenfassung (${day}): ${items.length} ${items.length === 1 ? 'Neuigkeit' : 'Neuigkeiten'}`,
    lines: [
      'Das ist seit Ihrer letzten Zusammenfassung passiert:',
      ...items.map((i) => `• ${i.subject} — ${h.when(i.at)}`),
    ],
    action: { label: 'Plattform öffnen', url: h.link('/inbox') },
  }),
  events: {
    'auth.email_verification_requested': (e, h) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      lines: [
        'Willkommen! Bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto einzurichten.',
        `Der Link gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'E-Mail-Adresse bestätigen',
        url: h.link(`/verify-email?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_reset_requested': (e, h) => ({
      subject: 'Passwort zurücksetzen',
      lines: [
        'Jemand möchte das Passwort Ihres Kontos zurücksetzen. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail.',
        `Der Link gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Neues Passwort wählen',
        url: h.link(`/reset-password?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'auth.password_changed': (_e, h) => ({
      subject: 'Ihr Passwort wurde geändert',
      lines: [
        'Das Passwort Ihres Kontos wurde soeben geändert; alle anderen Sitzungen wurden abgemeldet.',
        'Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und wenden Sie sich an den Support.',
      ],
      action: { label: 'Kontosicherheit', url: h.link('/profile') },
    }),
    'auth.registration_attempted': (_e, h) => ({
      subject: 'Registrierungsversuch mit Ihrer E-Mail-Adresse',
      lines: [
        'Soeben wollte jemand mit dieser E-Mail-Adresse ein neues Konto auf der Austauschplattform Düren–Jinhua anlegen. Sie haben bereits ein Konto; ein zweites wurde nicht angelegt.',
        'Wenn Sie das waren: Melden Sie sich an, oder wählen Sie ein neues Passwort, falls Sie es vergessen haben. Wenn nicht, können Sie diese E-Mail ignorieren; Ihr Konto ist unverändert.',
      ],
      action: { label: 'Passwort vergessen?', url: h.link('/forgot-password') },
    }),
    'membership.invited': (e, h) => ({
      subject: `Einladung zu ${e.institution.name}`,
      lines: [
        `${e.invitedByName} lädt Sie ein, ${e.institution.name} auf der Austauschplattform Düren–Jinhua beizutreten.`,
        `Die Einladung gilt bis ${h.when(e.expiresAt)}.`,
      ],
      action: {
        label: 'Einladung annehmen',
        url: h.link(`/invitations/accept?token=${encodeURIComponent(e.token)}`),
      },
    }),
    'institution.verified': (e, h) => ({
      subject: `${e.institution.name} wurde bestätigt`,
      lines: [
        `${e.institution.name} wurde vom Kreis geprüft und bestätigt. Sie können jetzt an der Partnersuche teilnehmen.`,
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.rejected': (e, h) => ({
      subject: `${e.institution.name} konnte nicht bestätigt werden`,
      lines: [
        `Der Kreis konnte ${e.institution.name} nicht bestätigen.`,
        `Grund: ${e.reason}`,
        'Sie können das Profil korrigieren und erneut einreichen.',
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.suspended': (e, h) => ({
      subject: `${e.institution.name} wurde gesperrt`,
      lines: [
        `${e.institution.name} wurde vorübergehend gesperrt und nimmt nicht an der Partnersuche teil.`,
        `Grund: ${e.reason}`,
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.reinstated': (e, h) => ({
      subject: `${e.institution.name} ist wieder aktiv`,
      lines: [`Die Sperre von ${e.institution.name} wurde aufgehoben.`],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'interest.reconfirm_requested': (e, h) => ({
      subject: `Ist das Austauschinteresse von ${e.institution.name} noch aktuell?`,
      lines: [
        `Bitte bestätigen Sie bis ${h.when(e.deadline)}, dass das Austauschinteresse von ${e.institution.name} noch aktuell ist, oder schließen Sie es.`,
      ],
      action: { label: open, url: h.link(`/interests/${e.interestId}/edit`) },
    }),
    'import.finished': (e, h) => ({
      subject:
        e.status === 'failed'
          ? 'Ihr CSV-Import ist fehlgeschlagen'
          : `Ihr CSV-Import ist fertig: ${formatNumber('de', e.failed)} von ${formatNumber('de', e.total)} Zeilen nicht übernommen`,
      lines: [
        e.status === 'failed'
          ? `Die Datei ${e.fileName ?? ''} konnte nicht importiert werden. Der Bericht sagt, warum.`
          : `Die Datei ${e.fileName ?? ''} ist importiert. ${formatNumber('de', e.failed)} von ${formatNumber('de', e.total)} Zeilen wurden nicht übernommen; der Bericht nennt sie mit dem Grund.`,
      ],
      action: { label: 'Bericht ansehen', url: h.link(`/officer/imports/${e.importId}`) },
    }),
    'round.finished': (e, h) => ({
      subject:
        e.status === 'failed'
          ? 'Die Vermittlungsrunde ist fehlgeschlagen'
          : `Die Vermittlungsrunde ist fertig: ${formatNumber('de', e.proposals)} Vorschläge`,
      lines: [
        e.status === 'failed'
          ? 'Die von Ihnen gestartete Vermittlungsrunde ist fehlgeschlagen. Bitte starten Sie sie erneut.'
          : `Die von Ihnen gestartete Vermittlungsrunde ist fertig und hat ${formatNumber('de', e.proposals)} Paare vorgeschlagen. Die Einrichtungen sind benachrichtigt.`,
      ],
      action: { label: 'Ergebnis ansehen', url: h.link(`/officer/rounds/${e.roundId}`) },
    }),
    'proposal.created': (e, h) => ({
      subject: `Neuer Partnervorschlag: ${e.partner.name}`,
      lines: [
        `Wir schlagen ${e.partner.name} als Partner für ${e.own.name} vor (Passung ${formatPercent('de', e.score)}).`,
        ...(e.expiresAt ? [`Bitte antworten Sie bis ${h.when(e.expiresAt)}.`] : []),
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.accepted': (e, h) => ({
      subject: `${e.partner.name} hat den Vorschlag angenommen`,
      lines: [`${e.partner.name} hat den Partnervorschlag mit ${e.own.name} angenommen.`],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.declined': (e, h) => ({
      subject: `${e.partner.name} hat den Vorschlag abgelehnt`,
      lines: [
        `${e.partner.name} hat den Partnervorschlag mit ${e.own.name} abgelehnt.`,
        `Grund: ${e.reason}`,
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expiring': (e, h) => ({
      subject: `Vorschlag mit ${e.partner.name} läuft bald ab`,
      lines: [
        `Der Vorschlag zwischen ${e.own.name} und ${e.partner.name} läuft am ${h.when(e.expiresAt)} ab. Bitte antworten Sie vorher.`,
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expired': (e, h) => ({
      subject: `Vorschlag mit ${e.partner.name} ist abgelaufen`,
      lines: [`Der Vorschlag zwischen ${e.own.name} und ${e.partner.name} ist ohne Antwort abgelaufen.`],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.officer_confirmed': (e, h) => ({
      subject: `Vorschlag vom ${e.side === 'duren' ? 'Kreis Düren' : 'Büro Jinhua'} bestätigt: ${e.partner.name}`,
      lines: [
        `${e.side === 'duren' ? 'Der Kreis Düren' : 'Das Büro in Jinhua'} hat den Vorschlag zwischen ${e.own.name} und ${e.partner.name} bestätigt.`,
      ],
      action: { label: 'Vorschlag ansehen', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'interest.expressed': (e, h) => ({
      subject: `${e.from.name} interessiert sich für einen Austausch mit ${e.to.name}`,
      lines: [
        `${e.from.name} hat Interesse am Austauschangebot von ${e.to.name} bekundet.`,
        'Bitte sehen Sie es sich an und antworten Sie auf der Plattform.',
      ],
      action: { label: open, url: h.link(`/interest-expressions/${e.expressionId}`) },
    }),
    'partnership.confirmed': (e, h) => ({
      subject: `Partnerschaft bestätigt: ${e.a.name} und ${e.b.name}`,
      lines: [
        `${e.a.name} und ${e.b.name} sind jetzt Partner. Als Nächstes vereinbaren die beiden Einrichtungen ein erstes Online-Treffen; die Plattform schlägt Zeiten vor.`,
      ],
      action: { label: open, url: h.link(`/partnerships/${e.partnershipId}/schedule`) },
    }),
    'meeting.slots_proposed': (e, h) => ({
      subject: 'Neue Terminvorschläge für ein Treffen',
      lines: ['Bitte wählen Sie einen dieser Termine:', ...e.slots.map((s) => `• ${h.eventTime(s)}`)],
      action: { label: 'Termin wählen', url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit_plan.proposed': (e, h) => ({
      subject: `Besuchsvorschlag von ${e.by.name}`,
      lines: [
        `${e.by.name} plant einen Besuch (${e.days} Tage). Mögliche Zeiträume:`,
        ...e.windows.map((w) => `• ${h.eventTime(w)}`),
        ...(e.moreWindows > 0 ? [`und ${e.moreWindows} weitere auf der Plattform.`] : []),
        'Bitte wählen Sie einen Zeitraum.',
      ],
      action: { label: 'Zeitraum wählen', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.window_confirmed': (e, h) => ({
      subject: `${e.by.name} hat einen Zeitraum für den Besuch gewählt`,
      lines: [
        `${e.by.name} möchte den Besuch am ${h.eventTime(e.window)}.`,
        'Wenn Sie denselben Zeitraum bestätigen, ist der Besuch vereinbart.',
      ],
      action: { label: 'Zeitraum bestätigen', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.dropped': (e, h) => ({
      subject: `Besuchsplanung beendet von ${e.by.name}`,
      lines: [`${e.by.name} hat die Planung dieses Besuchs beendet. Es wurde nichts gebucht.`],
      action: { label: open, url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'meeting.scheduled': (e, h) => ({
      subject: `Treffen vereinbart: ${readerTitle('de', e.title)}`,
      lines: [
        `Das Treffen „${readerTitle('de', e.title)}“ findet am ${h.eventTime(e.time)} statt.`,
        'Die Kalendereinladung ist angehängt.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.changed': (e, h) => ({
      subject: `Treffen verschoben: ${readerTitle('de', e.title)}`,
      lines: [
        `Das Treffen „${readerTitle('de', e.title)}“ wurde verlegt auf ${h.eventTime(e.time)}.`,
        'Die aktualisierte Kalendereinladung ist angehängt.',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.cancelled': (e, h) => ({
      subject: `Treffen abgesagt: ${readerTitle('de', e.title)}`,
      lines: [`Das Treffen „${readerTitle('de', e.title)}“ am ${h.eventTime(e.time)} wurde abgesagt.`],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit.scheduled': (e, h) => ({
      subject: `Besuch vereinbart: ${readerTitle('de', e.title)}`,
      lines: [
        `Der Besuch „${readerTitle('de', e.title)}“ findet am ${h.eventTime(e.time)} statt.`,
        'Die Kalendereinladung ist angehängt.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.changed': (e, h) => ({
      subject: `Besuch verschoben: ${readerTitle('de', e.title)}`,
      lines: [
        `Der Besuch „${readerTitle('de', e.title)}“ wurde verlegt auf ${h.eventTime(e.time)}.`,
        'Die aktualisierte Kalendereinladung ist angehängt.',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.cancelled': (e, h) => ({
      subject: `Besuch abgesagt: ${readerTitle('de', e.title)}`,
      lines: [`Der Besuch „${readerTitle('de', e.title)}“ am ${h.eventTime(e.time)} wurde abgesagt.`],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'reminder.due': (e, h) => ({
      subject: `Erinnerung: ${readerTitle('de', e.title)} (${offset[e.offset]})`,
      lines: [
        `Erinnerung: ${e.kind === 'meeting' ? 'Das Treffen' : 'Der Besuch'} „${readerTitle('de', e.title)}“ findet am ${h.eventTime(e.time)} statt.`,
      ],
      action: { label: open, url: h.link(`/${e.kind === 'meeting' ? 'meetings' : 'visits'}/${e.targetId}`) },
    }),
  },
}
