import Type from 'typebox'

// Settings more than one service reads, declared once so they cannot drift apart: a service
// spreads in the ones it needs, and every service that reads one gets the same default.

/** Public URL of the web front end: links in emails (API, notifier); an https URL makes cookies Secure (web). */
export const PublicWebUrlEnv = {
  PUBLIC_WEB_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:8080' }),
}

/** ORGANIZER of meeting and visit invitations, a role mailbox (API and scheduler). */
export const OrganizerEnv = {
  ORGANIZER_EMAIL: Type.String({ minLength: 3, default: 'termine@dueren-jinhua.example' }),
}

/** Days a coordinator has to answer a proposal before it expires (API and matcher). */
export const ProposalTtlEnv = {
  PROPOSAL_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 21 }),
}

/**
 * How long a service's close may take after SIGTERM (requests in flight, running jobs); the
 * process is ended HARD_STOP_MARGIN_MS after it if close still hangs (see stopOnSignals).
 */
export const ShutdownDeadline = (minimum = 100) => Type.Integer({ minimum, default: 10_000 })
