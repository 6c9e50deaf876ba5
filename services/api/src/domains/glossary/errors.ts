import { DomainError } from '../errors.js'

/** An edit made on another version than the current one: 409 naming the current version. */
export const staleVersion = (current: { version: number; hash: string }) =>
  new DomainError(
    'conflict',
    'GLOSSARY_ENTRY_STALE_VERSION',
    'the entry has changed since you opened it; reload it and try again',
    { current },
  )

/** Terms the search could never match (nothing left after normalisation): 422 naming them. */
export const invalidTerms = (errors: readonly { field: string; message: string }[]) =>
  new DomainError('unprocessable', 'GLOSSARY_ENTRY_INVALID', 'some terms are not valid', {
    errors: [...errors],
  })
