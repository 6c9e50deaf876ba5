import Type, { type Static } from 'typebox'
import { IdParams, Literals, problems } from '../common.js'
import { route } from '../route.js'

/**
 * The visa invitation letter of a trip (issue 13, item 2): the host institution's letter for the
 * travelling group's visa (a Chinese F visa for a German group, a Schengen C visa for a Chinese
 * one), as a PDF in the host country's language and English. The travellers' names, birth dates
 * and passport numbers are typed in for each letter and used only to render it: nothing of them
 * is stored, logged or queued, and a refused request names the fields, never their values.
 */

const tags = ['visa'] as const

export const VISA_COST_BEARERS = ['travellers', 'shared', 'host'] as const
export const VISA_MAX_TRAVELLERS = 30

const Short = (maxLength: number) => Type.String({ minLength: 1, maxLength })

export const VisaLetterBody = Type.Object(
  {
    /**
     * The people the letter names (checked against VisaTraveller of @dj/exchange: familyName,
     * givenName (1–60), dateOfBirth YYYY-MM-DD in the past, passportNumber [A-Z0-9]{6,12}, sex
     * F|M|X and nationality optional). A refusal is 400 naming `travellers.<n>.<field>`.
     */
    travellers: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      minItems: 1,
      maxItems: VISA_MAX_TRAVELLERS,
      description: 'VisaTraveller of @dj/exchange',
    }),
    /** Who bears the costs: the travellers (default), shared (host: stay and programme), the host. */
    costs: Type.Optional(Literals(VISA_COST_BEARERS)),
    /** Who signs for the host; default: the first responsible person of the agreement, else blank. */
    signatory: Type.Optional(
      Type.Object({ name: Short(120), role: Short(120) }, { additionalProperties: false }),
    ),
    /** The host's address; default: the agreement's. */
    hostAddress: Type.Optional(Short(300)),
    /** Places of stay besides the host's city. */
    cities: Type.Optional(Type.Array(Short(60), { maxItems: 8 })),
  },
  { additionalProperties: false },
)
export type VisaLetterBody = Static<typeof VisaLetterBody>

export const issueVisaLetter = route({
  method: 'POST',
  path: '/v1/trip-plans/:id/visa-letter',
  tags,
  summary: 'The host’s visa invitation letter for the trip, as a PDF (nothing of the travellers is kept)',
  description:
    'Only the host institution’s coordinators issue it: the travelling side’s coordinators get 403 ' +
    '(VISA_HOST_ONLY), officers and admins 403, anyone outside the partnership 404. The language pair ' +
    'follows the direction: Chinese and English for a German group going to China (F visa), German and ' +
    'English for a Chinese group going to Germany (Schengen C visa).',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: VisaLetterBody,
  produces: ['application/pdf'],
  response: { 200: Type.Unknown(), ...problems(400, 401, 403, 404, 409, 429) },
})

export const VisaLetterInfo = Type.Object({
  tripPlanId: Type.String(),
  partnershipId: Type.String(),
  /** cn_f: a German group to China (Chinese and English); schengen_c: a Chinese group to Germany (German and English). */
  visa: Literals(['cn_f', 'schengen_c'] as const),
  languages: Type.Array(Literals(['de', 'en', 'zh'] as const)),
  host: Type.Object({ id: Type.String(), name: Type.String() }),
  guest: Type.Object({ id: Type.String(), name: Type.String() }),
  arrival: Type.String(),
  departure: Type.String(),
  /** What the letter uses when the form leaves them empty (from the agreement), in the letter's first language. */
  defaults: Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    signatory: Type.Union([Type.Object({ name: Type.String(), role: Type.String() }), Type.Null()]),
  }),
  maxTravellers: Type.Integer(),
})
export type VisaLetterInfo = Static<typeof VisaLetterInfo>

export const visaLetterInfo = route({
  method: 'GET',
  path: '/v1/trip-plans/:id/visa-letter',
  tags,
  summary: 'What the trip’s visa invitation letter will say of host, visa and dates (for the form)',
  description: 'The same access as issuing it: the host institution’s coordinators only.',
  access: { roles: ['coordinator'] },
  params: IdParams,
  response: { 200: VisaLetterInfo, ...problems(401, 403, 404, 409) },
})
