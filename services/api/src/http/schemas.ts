import Type from 'typebox'

export const Email = Type.String({ format: 'email', maxLength: 254 })
export const Password = Type.String({ minLength: 1, maxLength: 256 })
export const Locale = Type.Union([
  Type.Literal('de'),
  Type.Literal('en'),
  Type.Literal('zh'),
  Type.Literal('de-simple'),
])
export const Role = Type.Union([Type.Literal('coordinator'), Type.Literal('officer'), Type.Literal('admin')])
export const Side = Type.Union([Type.Literal('duren'), Type.Literal('jinhua')])
export const UserStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('disabled'),
  Type.Literal('deleted'),
])
export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone, e.g. Europe/Berlin',
})
export const Uuid = Type.String({ format: 'uuid' })
export const DateTime = Type.String({ format: 'date-time' })

/** Answers carry problem+json for these statuses; listed on routes so OpenAPI shows them. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Ref('Problem')]))

export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  timeZone: Type.String(),
  role: Role,
  officerSide: Type.Union([Side, Type.Null()]),
  emailVerified: Type.Boolean(),
  status: UserStatus,
  createdAt: DateTime,
})

export const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'access token lifetime in seconds' }),
})
