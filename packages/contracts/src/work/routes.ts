import Type, { type Static, type TProperties } from 'typebox'
import { Count, DateTime, problems, Uuid } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

/** What waits for whom: the offices' work lists and the coordinators' to-dos (dashboard counts). */

export const SideWork = Type.Object({
  side: Side,
  institutionsToVerify: Count,
  proposalsToConfirm: Type.Object({ total: Count, fromRounds: Count, fromInterest: Count }),
  importsWithProblems: Type.Integer({
    minimum: 0,
    description: 'imports of the last 30 days with rejected rows or a failed run',
  }),
})
export type SideWork = Static<typeof SideWork>

const ToDo = <T extends TProperties>(fields: T) =>
  Type.Object({
    total: Count,
    items: Type.Array(Type.Object({ id: Uuid, partner: Type.String(), ...fields }), {
      maxItems: 5,
      description: 'the first few, oldest or most urgent first',
    }),
  })

export const ToDos = Type.Object({
  proposalsToAnswer: ToDo({ expiresAt: Type.Union([DateTime, Type.Null()]) }),
  interestsToAnswer: ToDo({}),
  meetingsToPick: ToDo({ title: Type.String() }),
  visitPlansToConfirm: ToDo({
    days: Type.Integer(),
    partnerChose: Type.Boolean({ description: 'the other side already confirmed a window' }),
  }),
})
export type ToDos = Static<typeof ToDos>

export const officerWork = route({
  method: 'GET',
  path: '/v1/officer/work',
  tags: ['officer'],
  summary: 'Counts of what waits for the office: institutions to verify, proposals to confirm, imports',
  description: 'Officers get their own side; admins both sides, or one with `side`.',
  access: { roles: ['officer', 'admin'] },
  query: Type.Object({ side: Type.Optional(Side) }, { additionalProperties: false }),
  response: { 200: Type.Object({ sides: Type.Array(SideWork) }), ...problems(400, 401, 403) },
})

export const myToDos = route({
  method: 'GET',
  path: '/v1/me/to-dos',
  tags: ['matching'],
  summary: "What waits for my answer across my institutions (the dashboard's to-do list)",
  access: { roles: ['coordinator'] },
  response: { 200: ToDos, ...problems(401, 403) },
})
