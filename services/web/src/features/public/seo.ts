import { LOCALES, type Locale, PUBLIC_PAGE_SLUGS, type PublicPageSlug } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import { escapeHtml, type Html, html } from '../../html.js'

/**
 * Addresses of the public pages: the language is the first path segment (/de, /en/take-part,
 * /zh/faq, /de-simple/contact), so every language version has its own URL for canonical and
 * hreflang links and for the sitemap, and a shared link opens in the language it was shared in.
 */
export const pagePath = (locale: Locale, slug: PublicPageSlug) =>
  slug === 'welcome' ? `/${locale}` : `/${locale}/${slug}`

/**
 * hreflang of each language version. Einfache Sprache is German too: two versions may not both
 * claim `de`, so it is marked as a private-use variant of German (`de-x-simple`) beside the
 * German page, and x-default points to the German one (the Welcome-Center's language).
 */
export const HREFLANG: Record<Locale, string> = {
  de: 'de',
  en: 'en',
  zh: 'zh-Hans',
  'de-simple': 'de-x-simple',
}

export function seoHead(
  origin: string,
  o: { locale: Locale; slug: PublicPageSlug; description: string },
): Html {
  const url = (l: Locale) => `${origin}${pagePath(l, o.slug)}`
  return html`<meta name="description" content="${o.description}">
<link rel="canonical" href="${url(o.locale)}">
${LOCALES.map((l) => html`<link rel="alternate" hreflang="${HREFLANG[l]}" href="${url(l)}">\n`)}<link rel="alternate" hreflang="x-default" href="${url('de')}">`
}

function sitemap(origin: string): string {
  const entries = PUBLIC_PAGE_SLUGS.flatMap((slug) =>
    LOCALES.map((locale) => {
      const alternates = [
        ...LOCALES.map((l) => [HREFLANG[l], pagePath(l, slug)] as const),
        ['x-default', pagePath('de', slug)] as const,
      ]
        .map(
          ([lang, path]) =>
            `    <xhtml:link rel="alternate" hreflang="${lang}" href="${escapeHtml(origin + path)}"/>`,
        )
        .join('\n')
      return `  <url>\n    <loc>${escapeHtml(origin + pagePath(locale, slug))}</loc>\n${alternates}\n  </url>`
    }),
  )
  // The impact figures (issue 14, item 4) are a public page outside the officers' editable slugs.
  const impact = (l: Locale) => `/${l}/impact`
  for (const locale of LOCALES) {
    const alternates = [
      ...LOCALES.map((l) => [HREFLANG[l], impact(l)] as const),
      ['x-default', impact('de')] as const,
    ]
      .map(
        ([lang, path]) =>
          `    <xhtml:link rel="alternate" hreflang="${lang}" href="${escapeHtml(origin + path)}"/>`,
      )
      .join('\n')
    entries.push(`  <url>\n    <loc>${escapeHtml(origin + impact(locale))}</loc>\n${alternates}\n  </url>`)
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`
}

/** Only the public pages are for search engines; everything else needs an account or is a form. */
const robots = (origin: string) => `User-agent: *
${LOCALES.map((l) => `Allow: /${l}$\nAllow: /${l}/`).join('\n')}
Allow: /barrierefreiheit
Allow: /static/
Disallow: /
Sitemap: ${origin}/sitemap.xml
`

export const seoRoutes: FastifyPluginAsync<{ origin: string }> = async (app, options) => {
  const map = sitemap(options.origin)
  const robotsTxt = robots(options.origin)
  app.get('/sitemap.xml', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(map),
  )
  app.get('/robots.txt', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt),
  )
}

const IMPACT_PATH = new RegExp(`^/(${LOCALES.join('|')})/impact$`)
const PUBLIC_PATH = new RegExp(`^/(${LOCALES.join('|')})(/(${PUBLIC_PAGE_SLUGS.join('|')}))?$`)

/**
 * Where the language menu goes on a public page: the same page in the chosen language (the URL
 * carries the language there, so only the cookie would change nothing). Other paths stay.
 */
export function inLanguage(next: string, locale: Locale): string {
  if (IMPACT_PATH.test(next)) return `/${locale}/impact`
  const m = PUBLIC_PATH.exec(next)
  if (!m) return next
  return pagePath(locale, (m[3] as PublicPageSlug | undefined) ?? 'welcome')
}
