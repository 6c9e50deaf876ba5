export * from './accounts/admin-users.js'
export * from './accounts/auth.js'
export * from './accounts/me.js'
export * from './accounts/schemas.js'
export * from './agreement/routes.js'
export * from './common.js'
export * from './enums.js'
export type {
  Audience,
  DomainEvent,
  DomainEventType,
  EventOf,
  EventTime,
  InstitutionRef,
  NotifyingEvent,
} from './events.js'
export * from './matching/routes.js'
export * from './matching/schemas.js'
export * from './notifications/routes.js'
export * from './registry/imports.js'
export * from './registry/institutions.js'
export * from './registry/interests.js'
export * from './registry/members.js'
export * from './registry/officer.js'
export * from './registry/privacy.js'
export * from './registry/regions.js'
export * from './registry/schemas.js'
export * from './registry/search.js'
export * from './reporting/routes.js'
export * from './reporting/schemas.js'
export * from './route.js'
export * from './scheduling/calendars.js'
export * from './scheduling/meetings.js'
export * from './scheduling/schemas.js'
export * from './scheduling/visits.js'
export * from './work/partnerships.js'
export * from './work/routes.js'
export * from './workspace/routes.js'
