import Type, { type Static } from 'typebox'
import { DateTime, Email, Nullable, Password, TimeZone, Uuid } from '../common.js'
import { Locale, Role, Side, UserStatus } from '../enums.js'

/** An account as the API shows it: to its holder (GET /v1/me) and to admins (the user list). */
export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  timeZone: Type.String(),
  role: Role,
  officerSide: Nullable(Side),
  emailVerified: Type.Boolean(),
  status: UserStatus,
  createdAt: DateTime,
})
export type Me = Static<typeof Me>

/** What a sign-in, a refresh and a password change answer with. */
export const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'access token lifetime in seconds' }),
})
export type TokenPair = Static<typeof TokenPair>

const PersonName = Type.String({ minLength: 1, maxLength: 200 })
/** The single-use token of an emailed link (verification, password reset). */
const LinkToken = Type.String({ minLength: 10, maxLength: 200 })

export const Registration = Type.Object(
  { email: Email, password: Password, name: PersonName, locale: Locale, timeZone: TimeZone },
  { additionalProperties: false },
)
export type Registration = Static<typeof Registration>

export const EmailLink = Type.Object({ token: LinkToken }, { additionalProperties: false })

export const Credentials = Type.Object({ email: Email, password: Password }, { additionalProperties: false })

export const RefreshRequest = Type.Object(
  { refreshToken: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
)

export const PasswordChange = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
)

export const ResetRequest = Type.Object({ email: Email }, { additionalProperties: false })

export const ResetConfirm = Type.Object(
  { token: LinkToken, newPassword: Password },
  { additionalProperties: false },
)

export const MePatch = Type.Object(
  {
    displayName: Type.Optional(PersonName),
    locale: Type.Optional(Locale),
    timeZone: Type.Optional(TimeZone),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type MePatch = Static<typeof MePatch>

export const UserSort = Type.Union([Type.Literal('email'), Type.Literal('name'), Type.Literal('created')])
export type UserSort = Static<typeof UserSort>

export const StaffCreate = Type.Object(
  {
    email: Email,
    password: Password,
    name: PersonName,
    role: Role,
    side: Type.Optional(Side),
    locale: Type.Optional(Locale),
    timeZone: Type.Optional(TimeZone),
  },
  { additionalProperties: false },
)
export type StaffCreate = Static<typeof StaffCreate>

/** An admin disables or re-enables an account (deleting is DELETE /v1/admin/users/:id). */
export const UserStatusChange = Type.Object(
  { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
  { additionalProperties: false },
)
