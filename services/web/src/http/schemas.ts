import Type, { type TProperties } from 'typebox'

/**
 * Request schemas of the pages. Path ids are UUIDs (anything else is the 404 page); query strings
 * are bounded and checked (a malformed one is the 400 page); form bodies are strings only, so a
 * form a person filled in always reaches the page's own checks, which put errors on the fields.
 */
export const Uuid = Type.String({ format: 'uuid' })
export const IdParams = Type.Object({ id: Uuid })

/** The outcome message a redirect carries (`?notice=…`); layout.ts shows only known ones. */
const Notice = Type.String({ maxLength: 64, pattern: '^[a-z-]*$' })
export const NoticeQuery = Type.Object({ notice: Type.Optional(Notice) })

/** A query string with the notice and these fields. */
export const Query = <P extends TProperties>(properties: P) =>
  Type.Object({ notice: Type.Optional(Notice), ...properties })

/** Search, sort, direction and the keyset cursor of a list (components/paging.ts reads them). */
export const ListQuery = <P extends TProperties>(filters: P) =>
  Query({
    q: Type.Optional(Type.String({ maxLength: 500 })),
    sort: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z_]*$' })),
    dir: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('asc'), Type.Literal('desc')])),
    cursor: Type.Optional(Type.String({ maxLength: 600, pattern: '^[A-Za-z0-9_-]*$' })),
    at: Type.Optional(Type.String({ maxLength: 8, pattern: '^[0-9]*$' })),
    ...filters,
  })

/** An optional query value among fixed words ('' means "any"). */
export const OneOf = <const V extends readonly string[]>(values: V) =>
  Type.Optional(Type.Unsafe<'' | V[number]>({ type: 'string', enum: ['', ...values] }))

/** A form field: text as typed (lengths are the API's to check, so errors land on the field). */
export const Field = Type.Optional(Type.String())
/** A group of checkboxes: none, one or several values. */
export const FieldList = Type.Optional(Type.Array(Type.String()))

type FormFields<N extends string, L extends string> = { _csrf: typeof Field } & {
  [K in N]: typeof Field
} & { [K in L]: typeof FieldList }

/** The body of an urlencoded form post: its CSRF token and these fields; anything else is dropped. */
export function Form<const N extends string, const L extends string = never>(
  names: readonly N[],
  lists: readonly L[] = [],
) {
  const fields: TProperties = { _csrf: Field }
  for (const name of names) fields[name] = Field
  for (const name of lists) fields[name] = FieldList
  return Type.Object(fields as FormFields<N, L>, { additionalProperties: false })
}
