import { DomainError, defineError } from '../errors.js'

export const FundingErrors = {
  Exists: defineError('FUNDING_PROGRAMME_EXISTS', 'conflict', 'a programme with the slug %s exists'),
  OfficersOnly: defineError(
    'FUNDING_OFFICERS_ONLY',
    'forbidden',
    'only the county offices change the catalogue',
  ),
}

/** An edit made on another version than the current one: 409 naming the current version. */
export const staleVersion = (current: { version: number; hash: string }) =>
  new DomainError(
    'conflict',
    'FUNDING_PROGRAMME_STALE_VERSION',
    'the programme has changed since you opened it; reload it and try again',
    { current },
  )

/** A document the programme schema refuses: 422 with every failing field. */
export const invalidProgramme = (errors: readonly { path: string; message: string }[]) =>
  new DomainError('unprocessable', 'FUNDING_PROGRAMME_INVALID', 'the programme’s fields are not valid', {
    errors: errors.map((e) => ({
      field: e.path.replace(/^\//, '').replace(/\//g, '.') || '(fields)',
      message: e.message,
    })),
  })
