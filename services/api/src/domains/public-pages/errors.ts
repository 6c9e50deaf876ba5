import { createHash } from 'node:crypto'
import { DomainError, defineError } from '../errors.js'

export const PublicPageErrors = {
  VersionNotFound: defineError('PUBLIC_PAGE_VERSION_NOT_FOUND', 'not_found', 'the page has no version %s'),
  NoText: defineError('PUBLIC_PAGE_NOT_FOUND', 'not_found', 'the page has no text in any language'),
}

export const textHash = (t: { title: string; description: string; body: string }) =>
  createHash('sha256')
    .update(JSON.stringify([t.title, t.description, t.body]))
    .digest('hex')

/** A save or restore made on another version than the current one: 409 naming the current version. */
export const staleVersion = (current: { version: number; hash: string }) =>
  new DomainError(
    'conflict',
    'PUBLIC_PAGE_STALE_VERSION',
    'the page has changed since you opened it; reload it and try again',
    { current },
  )
