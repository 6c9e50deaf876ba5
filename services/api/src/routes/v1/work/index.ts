import type { Side } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { reportingSide } from '../../../domains/reporting/scope.js'
import { coordinatorToDos } from '../../../domains/work/coordinator.js'
import { officerWorkCounts } from '../../../domains/work/officer.js'
import { DateTime, problems, Side as SideSchema, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'

const Count = Type.Integer({ minimum: 0 })
const SideWork = Type.Object({
  side: SideSchema,
  institutionsToVerify: Count,
  proposalsToConfirm: Type.Object({ total: Count, fromRounds: Count, fromInterest: Count }),
  importsWithProblems: Type.Integer({
    minimum: 0,
    description: 'imports of the last 30 days with rejected rows or a failed run',
  }),
})

const ToDo = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  Type.Object({
    total: Count,
    items: Type.Array(Type.Object({ id: Uuid, partner: Type.String(), ...fields }), {
      maxItems: 5,
      description: 'the first few, oldest or most urgent first',
    }),
  })

/** What waits for whom: the offices' work lists and the coordinators' to-dos (dashboard counts). */
const workRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/work',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['officer'],
        summary: 'Counts of what waits for the office: institutions to verify, proposals to confirm, imports',
        description: 'Officers get their own side; admins both sides, or one with `side`.',
        querystring: Type.Object({ side: Type.Optional(SideSchema) }, { additionalProperties: false }),
        response: { 200: Type.Object({ sides: Type.Array(SideWork) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const side = reportingSide(principalOf(request), request.query.side)
      const sides: Side[] = side ? [side] : ['duren', 'jinhua']
      return { sides: await Promise.all(sides.map((s) => officerWorkCounts(app.db, s))) }
    },
  )

  app.get(
    '/me/to-dos',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['matching'],
        summary: "What waits for my answer across my institutions (the dashboard's to-do list)",
        response: {
          200: Type.Object({
            proposalsToAnswer: ToDo({ expiresAt: Type.Union([DateTime, Type.Null()]) }),
            interestsToAnswer: ToDo({}),
            meetingsToPick: ToDo({ title: Type.String() }),
            visitPlansToConfirm: ToDo({
              days: Type.Integer(),
              partnerChose: Type.Boolean({ description: 'the other side already confirmed a window' }),
            }),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => coordinatorToDos(app.db, principalOf(request)),
  )
}

export default workRoutes
