import type { Locale, PublicPageSlug } from '@dj/contracts'
import { de } from './de.js'
import { deSimple } from './de-simple.js'
import { en } from './en.js'
import type { PageText, ShippedTexts } from './types.js'
import { zh } from './zh.js'

export type { PageText } from './types.js'

/**
 * The texts the platform ships, version 0 of every page: in code rather than a seed migration so a
 * fresh database (every test's, a new installation's) shows the pages at once and the texts are
 * reviewed with the code; officers' saves (version 1, 2, …) take over from them.
 */
const SHIPPED: Record<Locale, ShippedTexts> = { de, 'de-simple': deSimple, en, zh }

export const shippedText = (slug: PublicPageSlug, locale: Locale): PageText | undefined =>
  SHIPPED[locale][slug]
