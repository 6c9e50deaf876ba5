import Type, { type Static } from 'typebox'
import { DateTime, Items, Literals, Nullable, problems } from '../common.js'
import { Locale } from '../enums.js'
import { route } from '../route.js'

/**
 * The Welcome-Center's public pages (issue 14): anyone reads them without signing in; both county
 * offices edit every language (one shared text per page; who wrote what is in the versions and the
 * audit log), admins read the editor's lists like the funding catalogue. Markdown is stored as
 * written and answered as sanitised HTML, rendered by the API only.
 */

const tags = ['public-pages'] as const
export const PUBLIC_PAGE_SLUGS = [
  'welcome',
  'cooperation',
  'take-part',
  'after-registering',
  'contact',
  'faq',
] as const
export type PublicPageSlug = (typeof PUBLIC_PAGE_SLUGS)[number]
export const PublicPageSlug = Literals(PUBLIC_PAGE_SLUGS)
/** Who reads the officers' editor lists; only officers write. */
export const PUBLIC_PAGE_EDITOR_READERS = ['officer', 'admin'] as const

export const PublicPageParams = Type.Object({ slug: PublicPageSlug, locale: Locale })
export const PublicPageVersionParams = Type.Object({
  slug: PublicPageSlug,
  locale: Locale,
  version: Type.Integer({ minimum: 0 }),
})

export const PublicPage = Type.Object({
  slug: PublicPageSlug,
  /** The language asked for. */
  locale: Locale,
  /** The language of the text answered: another one when the asked one has no text yet. */
  contentLocale: Locale,
  /** True when the asked language has no text and another language's is answered. */
  missing: Type.Boolean(),
  title: Type.String(),
  description: Type.String(),
  /** Rendered from the Markdown and sanitised (no script, no event handlers, only http(s)/mailto links). */
  html: Type.String(),
  /** 0: the shipped text; 1, 2, …: officers' saves. */
  version: Type.Integer({ minimum: 0 }),
  updatedAt: Nullable(DateTime),
})
export type PublicPage = Static<typeof PublicPage>

export const publicPage = route({
  method: 'GET',
  path: '/v1/public/pages/:slug/:locale',
  tags,
  summary: 'A public page in a language (falls back to another language, marked, when it has no text)',
  access: { public: true },
  params: PublicPageParams,
  response: { 200: PublicPage, ...problems(400, 404) },
})

export const PublicPageVersionSummary = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  restoredFrom: Nullable(Type.Integer({ minimum: 0 })),
  by: Nullable(Type.String({ description: 'display name of the officer; null for the shipped text' })),
  at: Nullable(DateTime),
})
export type PublicPageVersionSummary = Static<typeof PublicPageVersionSummary>

export const PublicPageTranslation = Type.Object({
  slug: PublicPageSlug,
  locale: Locale,
  /** False: this language has no text (readers see another language's, marked). */
  present: Type.Boolean(),
  /** The current version; 0 when it is the shipped text or there is none. */
  version: Type.Integer({ minimum: 0 }),
  title: Nullable(Type.String()),
  updatedAt: Nullable(DateTime),
})

export const officerPublicPages = route({
  method: 'GET',
  path: '/v1/officer/public-pages',
  tags,
  summary: 'Every public page in every language, with its current version or "translation missing"',
  access: { roles: PUBLIC_PAGE_EDITOR_READERS },
  response: { 200: Items(PublicPageTranslation), ...problems(401, 403) },
})

export const PublicPageText = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.String({ minLength: 1, maxLength: 40_000 }),
})

export const PublicPageDraft = Type.Object({
  slug: PublicPageSlug,
  locale: Locale,
  present: Type.Boolean(),
  version: Type.Integer({ minimum: 0 }),
  /** The Markdown of the shown version; empty strings when the language has no text. */
  title: Type.String(),
  description: Type.String(),
  body: Type.String(),
  html: Type.String(),
  restoredFrom: Nullable(Type.Integer({ minimum: 0 })),
  by: Nullable(Type.String()),
  at: Nullable(DateTime),
  /** Newest first; the shipped text is version 0 where there is one. */
  versions: Type.Array(PublicPageVersionSummary),
  /** The current version (the one a save must name). */
  currentVersion: Type.Integer({ minimum: 0 }),
})
export type PublicPageDraft = Static<typeof PublicPageDraft>

export const officerPublicPage = route({
  method: 'GET',
  path: '/v1/officer/public-pages/:slug/:locale',
  tags,
  summary: 'The current text of a page in a language, as Markdown, with its versions',
  access: { roles: PUBLIC_PAGE_EDITOR_READERS },
  params: PublicPageParams,
  response: { 200: PublicPageDraft, ...problems(400, 401, 403) },
})

export const officerPublicPageVersion = route({
  method: 'GET',
  path: '/v1/officer/public-pages/:slug/:locale/versions/:version',
  tags,
  summary: 'An earlier version of a page in a language',
  access: { roles: PUBLIC_PAGE_EDITOR_READERS },
  params: PublicPageVersionParams,
  response: { 200: PublicPageDraft, ...problems(400, 401, 403, 404) },
})

export const SavePublicPageBody = Type.Object(
  {
    /** The version the edit was made on; another one is answered with 409 naming the current one. */
    expectedVersion: Type.Integer({ minimum: 0 }),
    ...PublicPageText.properties,
  },
  { additionalProperties: false },
)

export const savePublicPage = route({
  method: 'PUT',
  path: '/v1/officer/public-pages/:slug/:locale',
  tags,
  summary: 'Save a new version of a page in a language (audited)',
  access: { roles: ['officer'], verifiedEmail: true },
  params: PublicPageParams,
  body: SavePublicPageBody,
  response: { 200: PublicPageDraft, ...problems(400, 401, 403, 409) },
})

export const RestorePublicPageBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 0 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)

export const restorePublicPage = route({
  method: 'POST',
  path: '/v1/officer/public-pages/:slug/:locale/restore',
  tags,
  summary: 'Make an earlier version current again (as a new version, audited)',
  access: { roles: ['officer'], verifiedEmail: true },
  params: PublicPageParams,
  body: RestorePublicPageBody,
  response: { 200: PublicPageDraft, ...problems(400, 401, 403, 404, 409) },
})

export const PreviewPublicPageBody = Type.Object(
  { body: Type.String({ maxLength: 40_000 }) },
  { additionalProperties: false },
)

export const previewPublicPage = route({
  method: 'POST',
  path: '/v1/officer/public-pages/preview',
  tags,
  summary: 'Render Markdown exactly as the public page will (same sanitiser); stores nothing',
  access: { roles: ['officer'] },
  body: PreviewPublicPageBody,
  response: { 200: Type.Object({ html: Type.String() }), ...problems(400, 401, 403) },
})
