import {
  LOCALES,
  type Locale,
  listRegions,
  PUBLIC_PAGE_SLUGS,
  type PublicPage,
  type PublicPageSlug,
  publicPage,
  type Regions,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { refusalPage } from '../../components/api-page.js'
import { type Html, html, raw } from '../../html.js'
import { send } from '../../http/respond.js'
import { Query } from '../../http/schemas.js'
import { LANG_TAG } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { pagePath, seoHead } from './seo.js'

/**
 * The Welcome-Center's public pages (issue 14, item 1): no sign-in, the language from the URL
 * (not the reader's cookie or account, so a shared link shows what was shared), the text the
 * offices keep in the API. A language without its own text shows another one's, with a note.
 */

export function pageNav(v: View, locale: Locale, current: PublicPageSlug | 'impact'): Html {
  return html`<nav aria-label="${v.t('public.nav.label')}" class="public-nav"><ul class="nav-list">${PUBLIC_PAGE_SLUGS.map(
    (slug) =>
      html`<li><a href="${pagePath(locale, slug)}"${slug === current ? html` aria-current="page"` : ''}>${v.t(`public.page.${slug}`)}</a></li>`,
  )}<li><a href="/${locale}/impact"${current === 'impact' ? html` aria-current="page"` : ''}>${v.t('public.page.impact')}</a></li></ul></nav>`
}

function otherLanguages(v: View, locale: Locale, slug: PublicPageSlug): Html {
  return html`<nav aria-label="${v.t('public.otherLanguages')}"><ul class="nav-list">${LOCALES.filter(
    (l) => l !== locale,
  ).map(
    (l) =>
      html`<li><a href="${pagePath(l, slug)}" hreflang="${LANG_TAG[l]}" lang="${LANG_TAG[l]}">${v.t(`lang.${l}`)}</a></li>`,
  )}</ul></nav>`
}

const unitName = (unit: Regions['duren']['units'][number], locale: Locale) =>
  locale === 'zh' ? unit.zh : locale === 'en' ? unit.en : unit.de
const sideName = (side: Regions['duren'], locale: Locale) =>
  locale === 'zh' ? side.name.zh : locale === 'en' ? side.name.en : side.name.de

/** The two regions with their municipalities and divisions, from GET /v1/regions. */
function regionsSection(v: View, locale: Locale, regions: Regions): Html {
  return html`<section aria-labelledby="regions-title">
<h2 id="regions-title">${v.t('public.regionsTitle')}</h2>
<div class="public-regions">${[regions.duren, regions.jinhua].map(
    (side) => html`<div>
<h3>${sideName(side, locale)}</h3>
<p>${v.t('public.regionUnits', { count: side.units.length })}</p>
<ul>${side.units.map((u) => html`<li>${unitName(u, locale)}</li>`)}</ul>
</div>`,
  )}</div>
</section>`
}

function takePart(v: View): Html | '' {
  if (v.me) return ''
  return html`<p class="actions"><a class="button" href="/register">${v.t('public.register')}</a> <a href="/sign-in">${v.t('public.signIn')}</a></p>`
}

function publicPageHtml(v: View, origin: string, data: PublicPage, regions: Regions | null): Html {
  const { locale, slug } = data
  const contentLang = LANG_TAG[data.contentLocale]
  return page(v, {
    title: data.title,
    head: seoHead(origin, { locale, slug, description: data.description }),
    body: html`${pageNav(v, locale, slug)}
${data.missing && html`<div class="notice" role="note"><p>${v.t('public.missing', { language: v.t(`lang.${data.contentLocale}`) })}</p></div>`}
<div class="public-text"${data.missing ? html` lang="${contentLang}"` : ''}>${raw(data.html)}</div>
${regions && regionsSection(v, locale, regions)}
${(slug === 'welcome' || slug === 'take-part') && takePart(v)}
${otherLanguages(v, locale, slug)}`,
  })
}

const SlugParams = Type.Object({
  slug: Type.Union(PUBLIC_PAGE_SLUGS.filter((s) => s !== 'welcome').map((s) => Type.Literal(s))),
})

export const publicPages: FastifyPluginAsyncTypebox<{ origin: string }> = async (app, options) => {
  const show = async (v: View, reply: Parameters<typeof send>[0], locale: Locale, slug: PublicPageSlug) => {
    // The URL decides the language of this page only; the reader's own choice stays as it was.
    v.locale = locale
    const [res, regions] = await Promise.all([
      v.call(publicPage, { params: { slug, locale } }),
      slug === 'cooperation' ? v.call(listRegions) : null,
    ])
    if (!res.ok) return refusalPage(v, reply, res)
    void reply.header('content-language', LANG_TAG[locale])
    return send(reply, publicPageHtml(v, options.origin, res.data, regions?.ok ? regions.data : null))
  }
  for (const locale of LOCALES) {
    app.get(
      `/${locale}`,
      { config: { access: 'public' }, schema: { querystring: Query({}) } },
      (request, reply) => show(request.view, reply, locale, 'welcome'),
    )
    app.get(
      `/${locale}/:slug`,
      { config: { access: 'public' }, schema: { params: SlugParams, querystring: Query({}) } },
      (request, reply) => show(request.view, reply, locale, request.params.slug),
    )
  }
}
