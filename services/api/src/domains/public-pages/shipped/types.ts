import type { PublicPageSlug } from '@dj/contracts'

export interface PageText {
  title: string
  description: string
  /** Markdown. */
  body: string
}

/** One language's shipped texts; a page left out has no text in that language yet. */
export type ShippedTexts = Partial<Record<PublicPageSlug, PageText>>
