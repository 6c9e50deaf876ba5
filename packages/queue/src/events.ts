/**
 * Domain events: the payloads written to the outbox and carried by queue jobs.
 * One discriminated union shared by producers (API) and consumers (workers), so both sides
 * agree on every field at compile time.
 */
export type DomainEvent =
  | { type: 'auth.email_verification_requested'; userId: string; token: string; expiresAt: string }
  | { type: 'auth.password_reset_requested'; userId: string; token: string; expiresAt: string }
  | { type: 'auth.password_changed'; userId: string }

export type DomainEventType = DomainEvent['type']
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>
