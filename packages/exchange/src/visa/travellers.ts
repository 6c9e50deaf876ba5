import Type, { type Static } from 'typebox'

/**
 * The people a visa invitation names, as typed into the form for one letter. They are never
 * stored: the schema exists to refuse nonsense before it is printed on an official letter, and
 * its messages name the field and the rule, never the value (they reach problem answers and logs).
 */
export const MAX_TRAVELLERS = 30

/** No control characters (a name is printed on one line of a table). */
const NAME = '^[^\\u0000-\\u001f\\u007f]+$'
const Name = Type.String({ minLength: 1, maxLength: 60, pattern: NAME })

/**
 * Machine-readable passport numbers (ICAO Doc 9303: up to 9 characters in the MRZ, letters and
 * digits; German passports are 9, Chinese ordinary passports a letter and 8 characters). Up to 12
 * leaves room for other nationalities of an accompanying adult. Upper case, no spaces.
 */
export const PASSPORT_PATTERN = '^[A-Z0-9]{6,12}$'

export const SEXES = ['F', 'M', 'X'] as const
export type Sex = (typeof SEXES)[number]

export const VisaTraveller = Type.Object(
  {
    familyName: Name,
    givenName: Name,
    dateOfBirth: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
    passportNumber: Type.String({ pattern: PASSPORT_PATTERN }),
    /** As in the passport (F, M or X); optional because not every consulate asks for it. */
    sex: Type.Optional(Type.Union([Type.Literal('F'), Type.Literal('M'), Type.Literal('X')])),
    nationality: Type.Optional(Type.String({ minLength: 2, maxLength: 40, pattern: NAME })),
  },
  { additionalProperties: false },
)
export type VisaTraveller = Static<typeof VisaTraveller>

export const VisaTravellers = Type.Array(VisaTraveller, { minItems: 1, maxItems: MAX_TRAVELLERS })

export interface TravellerProblem {
  /** Dotted path, e.g. `travellers.2.dateOfBirth`. */
  field: string
  message: string
}

const isRealDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

/**
 * What the schema cannot say: a birth date that exists and lies before the letter's date, and no
 * passport number twice. Returns problems by field; the values are not repeated in them.
 */
export function travellerProblems(
  travellers: readonly VisaTraveller[],
  issuedOn: string,
): TravellerProblem[] {
  const out: TravellerProblem[] = []
  const seen = new Set<string>()
  travellers.forEach((t, i) => {
    if (!isRealDate(t.dateOfBirth))
      out.push({ field: `travellers.${i}.dateOfBirth`, message: 'must be a calendar date' })
    else if (t.dateOfBirth >= issuedOn || t.dateOfBirth < '1900-01-01')
      out.push({ field: `travellers.${i}.dateOfBirth`, message: 'must lie in the past' })
    if (seen.has(t.passportNumber))
      out.push({ field: `travellers.${i}.passportNumber`, message: 'appears twice in the list' })
    seen.add(t.passportNumber)
  })
  return out
}
