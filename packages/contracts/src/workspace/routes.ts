import Type, { type Static } from 'typebox'
import {
  Count,
  Cursor,
  DateTime,
  IdParams,
  IsoDate,
  Items,
  Literals,
  Nullable,
  Page,
  problems,
  Uuid,
} from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'
import { ChecklistProgress } from '../trip/routes.js'

/**
 * The partnership workspace: what happened in a partnership (the timeline) and the conversation
 * between its two institutions. Members of either institution read and write; the county offices
 * of both sides read; officers' reads are shown. Admins do not open workspaces.
 */

const tags = ['workspace'] as const
/**
 * Who may open a workspace: its two institutions' coordinators and the two county offices
 * (object-level access narrows it to the pair's people). Admins operate the platform; the
 * partners' correspondence is not theirs to read.
 */
export const WORKSPACE_READERS = ['coordinator', 'officer'] as const

/** The longest message text in characters (the database checks the same). */
export const MESSAGE_MAX_CHARS = 4000
/** The longest caption sent with an attachment (it travels in the query string). */
export const CAPTION_MAX_CHARS = 500

/**
 * What a timeline entry tells, from several sources. Agreement entries (versions, signatures) are
 * meant to join this list; readers render kinds they do not know as a generic entry.
 */
export const TIMELINE_KINDS = [
  'proposal.created',
  'proposal.accepted',
  'proposal.officer_confirmed',
  'partnership.confirmed',
  'meeting.proposed',
  'meeting.scheduled',
  'meeting.cancelled',
  'visit_plan.proposed',
  'visit_plan.booked',
  'visit_plan.cancelled',
  'visit.scheduled',
  'visit.cancelled',
  'message.posted',
  'agreement.version',
  'agreement.ready',
  'agreement.signed',
  'agreement.voided',
  'agreement.completed',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export const TimelineEntry = Type.Object({
  kind: Literals(TIMELINE_KINDS),
  /** When it happened (UTC); the reader's page shows it in the reader's zone. */
  at: DateTime,
  /** The object the entry is about (proposal, meeting, visit plan, visit, message). */
  subjectId: Uuid,
  /** The side that acted, when one did (acceptances, confirmations, messages). */
  side: Nullable(Side),
  /** The institution that acted, when one did. */
  institutionId: Nullable(Uuid),
  /** Meetings: the booked time (UTC instants). */
  time: Type.Optional(Type.Object({ start: DateTime, end: DateTime })),
  /** Visits and visit plans: civil dates (inclusive), shown as they are. */
  dates: Type.Optional(Type.Object({ start: IsoDate, end: IsoDate })),
  /** Meeting and visit titles as stored (readers localise known titles). */
  title: Type.Optional(Type.String()),
  days: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Agreement entries: the version they are about. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Agreement entries: the edition they are about (1, then one more for each "plan the next one"). */
  edition: Type.Optional(Type.Integer({ minimum: 1 })),
})
export type TimelineEntry = Static<typeof TimelineEntry>

export const WorkspaceParty = Type.Object({
  id: Uuid,
  name: Type.String(),
  nameI18n: Type.Record(Type.String(), Type.String()),
  side: Side,
})
export type WorkspaceParty = Static<typeof WorkspaceParty>

/** A booked visit as the workspace lists it, with its trip plan (issue 13). */
export const WorkspaceTrip = Type.Object({
  visitId: Uuid,
  startDate: IsoDate,
  endDate: IsoDate,
  tripPlanId: Nullable(Uuid),
  progress: Nullable(ChecklistProgress),
})
export type WorkspaceTrip = Static<typeof WorkspaceTrip>

export const Workspace = Type.Object({
  partnership: Type.Object({ id: Uuid, proposalId: Nullable(Uuid), createdAt: DateTime }),
  /** `a` is the Düren institution, `b` the Jinhua one. */
  institutions: Type.Object({ a: WorkspaceParty, b: WorkspaceParty }),
  viewer: Type.Object({
    /** A member of one of the two institutions may post; officers only read. */
    canPost: Type.Boolean(),
    ownInstitutionId: Nullable(Uuid),
  }),
  unread: Count,
  /** Newest first, at most `TIMELINE_MAX` entries. */
  timeline: Type.Array(TimelineEntry),
  /** The booked visits by start date, each with its trip plan's checklist progress (null: not planned yet). */
  trips: Type.Optional(Type.Array(WorkspaceTrip)),
})
export type Workspace = Static<typeof Workspace>
export const TIMELINE_MAX = 200

export const MessageAttachment = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  /** Detected from the file's bytes, never from its name. */
  mediaType: Type.String(),
  size: Count,
})
export type MessageAttachment = Static<typeof MessageAttachment>

export const PartnerMessage = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  author: Type.Object({
    role: Literals(['coordinator', 'officer'] as const),
    side: Side,
    institutionId: Nullable(Uuid),
    /** Null once the account is gone. */
    name: Nullable(Type.String()),
  }),
  body: Type.String(),
  createdAt: DateTime,
  attachments: Type.Array(MessageAttachment),
  /** Whether a member of the other institution has read it. */
  readByPartner: Type.Boolean(),
  /** The county offices (by side) one of whose officers has read it. */
  readByOffices: Type.Array(Side),
  mine: Type.Boolean(),
})
export type PartnerMessage = Static<typeof PartnerMessage>

export const workspace = route({
  method: 'GET',
  path: '/v1/partnerships/:id/workspace',
  tags,
  summary: 'A partnership with both institutions and its timeline, newest first',
  access: { roles: WORKSPACE_READERS },
  params: IdParams,
  response: { 200: Workspace, ...problems(401, 403, 404) },
})

export const MessagesQuery = Type.Object(
  {
    cursor: Type.Optional(Cursor),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  },
  { additionalProperties: false },
)

export const listMessages = route({
  method: 'GET',
  path: '/v1/partnerships/:id/messages',
  tags,
  summary: 'The conversation of a partnership, newest first (keyset paged)',
  access: { roles: WORKSPACE_READERS },
  params: IdParams,
  query: MessagesQuery,
  response: { 200: Page(PartnerMessage), ...problems(400, 401, 403, 404) },
})

export const MessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX_CHARS, pattern: '\\S' }) },
  { additionalProperties: false },
)

export const postMessage = route({
  method: 'POST',
  path: '/v1/partnerships/:id/messages',
  tags,
  summary: 'Write to the partner institution (members of the two institutions only)',
  description: 'The other institution’s coordinators are told through their usual channels.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: MessageBody,
  response: { 201: PartnerMessage, ...problems(400, 401, 403, 404) },
})

export const AttachmentQuery = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    text: Type.Optional(Type.String({ maxLength: CAPTION_MAX_CHARS })),
  },
  { additionalProperties: false },
)

export const uploadAttachment = route({
  method: 'POST',
  path: '/v1/partnerships/:id/attachments',
  tags,
  summary: 'Send a file to the partner (body: the file as application/octet-stream)',
  description:
    'Posts a message carrying the file, with an optional short caption. The type is detected from ' +
    'the bytes, never from the name: a type outside the configured list is refused with 415, a file ' +
    'over the configured size with 413; nothing is stored then.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  query: AttachmentQuery,
  response: { 201: PartnerMessage, ...problems(400, 401, 403, 404, 413, 415) },
})

export const downloadAttachment = route({
  method: 'GET',
  path: '/v1/attachments/:id',
  tags,
  summary: 'Download an attachment (always as a download, with its detected type)',
  access: { roles: WORKSPACE_READERS },
  params: IdParams,
  produces: ['application/octet-stream'],
  response: { 200: Type.Unknown(), ...problems(401, 403, 404) },
})

export const ReadBody = Type.Object(
  { upTo: Type.Optional(Uuid) },
  { additionalProperties: false, description: 'Read up to this message (default: the newest)' },
)

export const markMessagesRead = route({
  method: 'POST',
  path: '/v1/partnerships/:id/messages/read',
  tags,
  summary: 'Mark the conversation read up to a message; officers are shown as readers',
  access: { roles: ['coordinator', 'officer'] },
  params: IdParams,
  body: ReadBody,
  response: { 200: Type.Object({ unread: Count }), ...problems(400, 401, 403, 404) },
})

export const UnreadItem = Type.Object({ partnershipId: Uuid, unread: Type.Integer({ minimum: 1 }) })
export type UnreadItem = Static<typeof UnreadItem>

export const unreadMessages = route({
  method: 'GET',
  path: '/v1/me/partner-messages/unread',
  tags,
  summary: 'Unread partner messages per partnership (only those with any)',
  description: 'Coordinators: partnerships of their institutions; officers: of their side.',
  access: { roles: ['coordinator', 'officer'] },
  response: { 200: Items(UnreadItem), ...problems(401, 403) },
})
