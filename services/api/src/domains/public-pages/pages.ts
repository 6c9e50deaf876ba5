import {
  LOCALES,
  type Locale,
  PUBLIC_PAGE_SLUGS,
  type PublicPage,
  type PublicPageDraft,
  type PublicPageSlug,
} from '@dj/contracts'
import type { DbOrTx } from '@dj/db'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { PublicPageErrors, staleVersion, textHash } from './errors.js'
import { renderMarkdown } from './render.js'
import { type PageText, shippedText } from './shipped/index.js'
import { appendVersion, newestVersion, newestVersions, savedVersions } from './store.js'

/**
 * Where a reader goes when their language has no text yet: Einfache Sprache and English readers
 * to German (the Welcome-Center's own language), Chinese readers to English first (more of them
 * read it than German), German readers to English.
 */
export const FALLBACK: Record<Locale, readonly Locale[]> = {
  de: ['en'],
  'de-simple': ['de'],
  en: ['de'],
  zh: ['en', 'de'],
}

interface Current extends PageText {
  version: number
  restoredFrom: number | null
  by: string | null
  at: Date | null
}

const fromShipped = (text: PageText): Current => ({
  ...text,
  version: 0,
  restoredFrom: null,
  by: null,
  at: null,
})

async function currentText(db: DbOrTx, slug: PublicPageSlug, locale: Locale): Promise<Current | undefined> {
  const saved = await newestVersion(db, slug, locale)
  if (saved) return saved
  const shipped = shippedText(slug, locale)
  return shipped && fromShipped(shipped)
}

export async function publicPage(db: DbOrTx, slug: PublicPageSlug, locale: Locale): Promise<PublicPage> {
  for (const contentLocale of [locale, ...FALLBACK[locale]]) {
    const text = await currentText(db, slug, contentLocale)
    if (!text) continue
    return {
      slug,
      locale,
      contentLocale,
      missing: contentLocale !== locale,
      title: text.title,
      description: text.description,
      html: renderMarkdown(text.body),
      version: text.version,
      updatedAt: text.at?.toISOString() ?? null,
    }
  }
  throw new PublicPageErrors.NoText()
}

export async function translations(db: DbOrTx) {
  const newest = await newestVersions(db)
  return PUBLIC_PAGE_SLUGS.flatMap((slug) =>
    LOCALES.map((locale) => {
      const saved = newest.get(`${slug}/${locale}`)
      const text = saved ?? shippedText(slug, locale)
      return {
        slug,
        locale,
        present: text !== undefined,
        version: saved?.version ?? 0,
        title: text?.title ?? null,
        updatedAt: saved?.at.toISOString() ?? null,
      }
    }),
  )
}

async function allVersions(db: DbOrTx, slug: PublicPageSlug, locale: Locale): Promise<Current[]> {
  const saved: Current[] = await savedVersions(db, slug, locale)
  const shipped = shippedText(slug, locale)
  return shipped ? [...saved, fromShipped(shipped)] : saved
}

function draftOf(
  slug: PublicPageSlug,
  locale: Locale,
  shown: Current | undefined,
  versions: Current[],
): PublicPageDraft {
  return {
    slug,
    locale,
    present: shown !== undefined,
    version: shown?.version ?? 0,
    title: shown?.title ?? '',
    description: shown?.description ?? '',
    body: shown?.body ?? '',
    html: shown ? renderMarkdown(shown.body) : '',
    restoredFrom: shown?.restoredFrom ?? null,
    by: shown?.by ?? null,
    at: shown?.at?.toISOString() ?? null,
    versions: versions.map((v) => ({
      version: v.version,
      restoredFrom: v.restoredFrom,
      by: v.by,
      at: v.at?.toISOString() ?? null,
    })),
    currentVersion: versions[0]?.version ?? 0,
  }
}

export async function draft(db: DbOrTx, slug: PublicPageSlug, locale: Locale): Promise<PublicPageDraft> {
  const versions = await allVersions(db, slug, locale)
  return draftOf(slug, locale, versions[0], versions)
}

export async function versionView(
  db: DbOrTx,
  slug: PublicPageSlug,
  locale: Locale,
  version: number,
): Promise<PublicPageDraft> {
  const versions = await allVersions(db, slug, locale)
  const shown = versions.find((v) => v.version === version)
  if (!shown) throw new PublicPageErrors.VersionNotFound(String(version))
  return draftOf(slug, locale, shown, versions)
}

export interface Ctx {
  actor: Actor
  requestId: string | undefined
}

async function append(
  tx: DbOrTx,
  ctx: Ctx,
  key: { slug: PublicPageSlug; locale: Locale },
  expectedVersion: number,
  text: PageText,
  restoredFrom: number | null,
): Promise<PublicPageDraft> {
  const before = await currentText(tx, key.slug, key.locale)
  const current = before?.version ?? 0
  const stale = () => staleVersion({ version: current, hash: before ? textHash(before) : '' })
  if (expectedVersion !== current) throw stale()
  // Saved versions count from 1 whether or not a shipped text (version 0) exists.
  const saved = await appendVersion(tx, {
    ...key,
    version: current + 1,
    ...text,
    restoredFrom,
    createdBy: ctx.actor.userId,
  })
  if (!saved) throw stale()
  await writeAudit(tx, {
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.displayName,
    action: restoredFrom === null ? 'public_page.saved' : 'public_page.restored',
    entityType: 'public_page',
    entityId: `${key.slug}/${key.locale}`,
    ...(before ? { before: { version: before.version, title: before.title, hash: textHash(before) } } : {}),
    after: { version: saved.version, title: text.title, hash: textHash(text), restoredFrom },
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  })
  return draft(tx, key.slug, key.locale)
}

export function savePage(
  tx: DbOrTx,
  ctx: Ctx,
  key: { slug: PublicPageSlug; locale: Locale },
  input: PageText & { expectedVersion: number },
): Promise<PublicPageDraft> {
  const { title, description, body } = input
  return append(tx, ctx, key, input.expectedVersion, { title, description, body }, null)
}

export async function restorePage(
  tx: DbOrTx,
  ctx: Ctx,
  key: { slug: PublicPageSlug; locale: Locale },
  input: { expectedVersion: number; version: number },
): Promise<PublicPageDraft> {
  const target = (await allVersions(tx, key.slug, key.locale)).find((v) => v.version === input.version)
  if (!target) throw new PublicPageErrors.VersionNotFound(String(input.version))
  const { title, description, body } = target
  return append(tx, ctx, key, input.expectedVersion, { title, description, body }, input.version)
}
