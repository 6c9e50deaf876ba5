import Type, { type TLiteral, type TSchema, type TUnion } from 'typebox'

/** Building blocks every domain's schemas share. */

export const Uuid = Type.String({ format: 'uuid' })
export const DateTime = Type.String({ format: 'date-time' })
export const IsoDate = Type.String({ format: 'date', description: 'civil date YYYY-MM-DD' })
export const Email = Type.String({ format: 'email', maxLength: 254 })
export const Password = Type.String({ minLength: 1, maxLength: 256 })
export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone, e.g. Europe/Berlin',
})
export const Count = Type.Integer({ minimum: 0 })

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
/** The values of a word list as a schema (static type: their union). */
export const Enum = <T extends string[]>(values: readonly [...T], options: { description?: string } = {}) =>
  Type.Enum(values, options)

type LiteralsOf<T extends readonly string[]> = T extends readonly [
  infer H extends string,
  ...infer R extends readonly string[],
]
  ? [TLiteral<H>, ...LiteralsOf<R>]
  : []
/** The values of a word list as a union of literals (JSON Schema `anyOf` of `const`s). */
export const Literals = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [...LiteralsOf<T>], options) as TUnion<
    LiteralsOf<T>
  >

/** The `{ id }` path parameter of most routes. */
export const IdParams = Type.Object({ id: Uuid })
/** An empty answer (204). */
export const NoContent = Type.Null()
/** The answer of requests accepted for later work whose outcome is not told (no enumeration). */
export const Accepted = Type.Object({ status: Type.Literal('accepted') })

/** RFC 9457 problem details: every error answer of the API. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    reasons: Type.Optional(
      Type.Array(
        Type.Object({ code: Type.String(), date: Type.String(), endDate: Type.Optional(Type.String()) }),
        { description: 'why proposed dates were rejected (scheduling)' },
      ),
    ),
    current: Type.Optional(
      Type.Object(
        { version: Type.Integer(), hash: Type.String() },
        { description: 'the current version, when the request named an older one (409)' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

/** Error answers of a route: problem+json for each status, listed so OpenAPI shows them. */
export const problems = <const S extends number[]>(...statuses: S) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Ref('Problem')])) as {
    [K in S[number]]: ReturnType<typeof Type.Ref<'Problem'>>
  }

// Keyset paging: rows ordered by one sort key with the row id as tiebreak.
export const Cursor = Type.String({
  minLength: 1,
  maxLength: 600,
  description: 'Opaque: the nextCursor of the previous page, with the same sort and filters',
})
export const Dir = Type.Union([Type.Literal('asc'), Type.Literal('desc')])
export type Dir = 'asc' | 'desc'
/** A text search over a list's names; at most 100 characters. */
export const Query = Type.String({ minLength: 1, maxLength: 100, description: 'words the rows contain' })

/** The paging part of a list's query string. */
export const pageQuery = (maxLimit = 100, defaultLimit = 50) => ({
  cursor: Type.Optional(Cursor),
  limit: Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit }),
  dir: Type.Optional(Dir),
})

/** A page of a keyset-paged list and the number of rows its filters select. */
export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    total: Type.Integer({ minimum: 0, description: 'rows the filters select, on every page' }),
  })

/** A page of a list without a total (search, rounds). */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) })

/** A whole list in one answer. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) })
