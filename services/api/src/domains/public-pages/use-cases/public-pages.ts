import {
  PreviewPublicPageBody,
  PublicPageParams,
  PublicPageVersionParams,
  RestorePublicPageBody,
  SavePublicPageBody,
} from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as pages from '../pages.js'
import { renderMarkdown } from '../render.js'

/** Anyone, signed in or not: a page in a language (another language's text, marked, when missing). */
export const readPublicPage = useCase({
  name: 'publicPages.read',
  input: PublicPageParams,
  caller: 'anyone',
  transaction: false,
  run: ({ input, db }) => pages.publicPage(db, input.slug, input.locale),
})

/** Both offices and admins (read only) see the editor's lists. */
export const listTranslations = useCase({
  name: 'publicPages.list',
  input: Type.Object({}),
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ db }) => pages.translations(db),
})

export const viewDraft = useCase({
  name: 'publicPages.draft',
  input: PublicPageParams,
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ input, db }) => pages.draft(db, input.slug, input.locale),
})

export const viewVersion = useCase({
  name: 'publicPages.version',
  input: PublicPageVersionParams,
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ input, db }) => pages.versionView(db, input.slug, input.locale, input.version),
})

/**
 * Officers of either office edit every language: one shared text per page, the Welcome-Center
 * writing German, Jinhua's office Chinese and both English in practice; the versions and the audit
 * log say who wrote what, so no per-language lock is needed.
 */
export const savePage = useCase({
  name: 'publicPages.save',
  input: Type.Object({ ...PublicPageParams.properties, ...SavePublicPageBody.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    pages.savePage(db, { actor, requestId }, { slug: input.slug, locale: input.locale }, input),
})

export const restorePage = useCase({
  name: 'publicPages.restore',
  input: Type.Object({ ...PublicPageParams.properties, ...RestorePublicPageBody.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    pages.restorePage(db, { actor, requestId }, { slug: input.slug, locale: input.locale }, input),
})

export const previewMarkdown = useCase({
  name: 'publicPages.preview',
  input: PreviewPublicPageBody,
  caller: ['officer'],
  transaction: false,
  run: async ({ input }) => ({ html: renderMarkdown(input.body) }),
})
