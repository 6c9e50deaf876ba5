import {
  LOCALES,
  type Locale,
  officerPublicPage,
  officerPublicPages,
  officerPublicPageVersion,
  PUBLIC_PAGE_EDITOR_READERS,
  PUBLIC_PAGE_SLUGS,
  type PublicPageDraft,
  type PublicPageSlug,
  previewPublicPage,
  restorePublicPage,
  savePublicPage,
} from '@dj/contracts'
import { formatDateTime } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { loadOrRefuse, refusalPage } from '../../components/api-page.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  input,
  requireFields,
  textarea,
} from '../../components/forms.js'
import { table } from '../../components/table.js'
import { type Html, html, raw } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, Query } from '../../http/schemas.js'
import { LANG_TAG } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { pagePath } from './seo.js'

/**
 * The offices' editor of the public pages: every page in every language with its state, a
 * Markdown form with a preview rendered by the API's own sanitiser, the versions with restore.
 * Admins read (like the funding catalogue); only officers save.
 */

const lit = <const V extends readonly string[]>(values: V) => Type.Union(values.map((x) => Type.Literal(x)))
const PageParams = Type.Object({ slug: lit(PUBLIC_PAGE_SLUGS), locale: lit(LOCALES) })
const VersionParams = Type.Object({
  ...PageParams.properties,
  version: Type.String({ pattern: '^[0-9]{1,6}$' }),
})
const FIELDS = ['title', 'description', 'body', 'version', 'action'] as const
const LABELS = {
  title: 'public.editor.fieldTitle',
  description: 'public.editor.fieldDescription',
  body: 'public.editor.fieldBody',
} as const

const editorPath = (slug: PublicPageSlug, locale: Locale) => `/officer/pages/${slug}/${locale}`
const when = (v: View, at: string | null) => (at ? formatDateTime(v.locale, v.timeZone, at) : '')
const pageName = (v: View, slug: PublicPageSlug, locale: Locale) => ({
  page: v.t(`public.page.${slug}`),
  language: v.t(`lang.${locale}`),
})

function listPage(
  v: View,
  items: {
    slug: PublicPageSlug
    locale: Locale
    present: boolean
    version: number
    updatedAt: string | null
  }[],
  notice: string | undefined,
) {
  return page(v, {
    title: v.t('public.editor.title'),
    notice,
    body: html`<p>${v.t('public.editor.intro')}</p>
${table({
  id: 'public-pages',
  caption: v.t('public.editor.title'),
  hiddenCaption: true,
  columns: [
    v.t('public.editor.page'),
    v.t('public.editor.language'),
    v.t('public.editor.state'),
    v.t('public.editor.updated'),
    '',
  ],
  rows: items.map(
    (i) =>
      html`<tr><th scope="row">${v.t(`public.page.${i.slug}`)}</th><td>${v.t(`lang.${i.locale}`)}</td><td>${
        !i.present
          ? html`<strong>${v.t('public.editor.missing')}</strong>`
          : i.version === 0
            ? v.t('public.editor.shipped')
            : v.t('public.editor.versionLine', { version: i.version })
      }</td><td>${when(v, i.updatedAt)}</td><td><a href="${editorPath(i.slug, i.locale)}">${v.t('public.editor.edit')}<span class="visually-hidden">: ${v.t(`public.page.${i.slug}`)}, ${v.t(`lang.${i.locale}`)}</span></a></td></tr>`,
  ),
})}`,
  })
}

function versionList(v: View, d: PublicPageDraft): Html | '' {
  if (d.versions.length === 0) return ''
  return html`<h2>${v.t('public.editor.versions')}</h2>
<ul>${d.versions.map(
    (x) =>
      html`<li><a href="${editorPath(d.slug, d.locale)}/versions/${x.version}">${v.t(x.version === 0 ? 'public.editor.shipped' : 'public.editor.versionLine', { version: x.version })}</a>${
        x.version === d.currentVersion ? html` (${v.t('public.editor.current')})` : ''
      }${x.restoredFrom !== null ? html`, ${v.t('public.editor.restoredFrom', { version: x.restoredFrom })}` : ''}${
        x.by ? html`, ${v.t('public.editor.by', { name: x.by })}` : ''
      }${x.at ? html`, ${when(v, x.at)}` : ''}</li>`,
  )}</ul>`
}

function editorPage(v: View, d: PublicPageDraft, state: FormState, preview?: string) {
  const lang = LANG_TAG[d.locale]
  const canSave = v.me?.role === 'officer'
  return page(v, {
    title: v.t('public.editor.editTitle', pageName(v, d.slug, d.locale)),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, LABELS)}
<p><a href="${pagePath(d.locale, d.slug)}">${v.t('public.editor.view')}</a></p>
${!d.present && html`<p><strong>${v.t('public.editor.missing')}</strong></p>`}
${
  canSave
    ? html`<form method="post" action="${editorPath(d.slug, d.locale)}" novalidate>
${csrfField(v)}
<input type="hidden" name="version" value="${state.values['version'] ?? String(d.currentVersion)}">
${input(v, state, { name: 'title', label: 'public.editor.fieldTitle', required: true, lang })}
${input(v, state, { name: 'description', label: 'public.editor.fieldDescription', hint: 'public.editor.fieldDescriptionHint', required: true, lang })}
${textarea(v, state, { name: 'body', label: 'public.editor.fieldBody', hint: 'public.editor.fieldBodyHint', required: true, rows: 20, lang })}
<p class="actions"><button type="submit" name="action" value="save">${v.t('public.editor.save')}</button> <button type="submit" name="action" value="preview" class="secondary">${v.t('public.editor.preview')}</button></p>
</form>`
    : html`<div class="public-text" lang="${lang}">${raw(d.html)}</div>`
}
${preview !== undefined && html`<section aria-labelledby="preview-title"><h2 id="preview-title">${v.t('public.editor.previewTitle')}</h2><div class="public-text preview" lang="${lang}">${raw(preview)}</div></section>`}
${versionList(v, d)}`,
  })
}

function versionPage(v: View, d: PublicPageDraft) {
  const canRestore = v.me?.role === 'officer' && d.version !== d.currentVersion
  return page(v, {
    title: v.t('public.editor.versionTitle', { ...pageName(v, d.slug, d.locale), version: d.version }),
    body: html`<p><a href="${editorPath(d.slug, d.locale)}">${v.t('public.editor.back')}</a></p>
<h2 lang="${LANG_TAG[d.locale]}">${d.title}</h2>
<p lang="${LANG_TAG[d.locale]}">${d.description}</p>
<div class="public-text" lang="${LANG_TAG[d.locale]}">${raw(d.html)}</div>
${
  canRestore &&
  html`<form method="post" action="${editorPath(d.slug, d.locale)}/restore">
${csrfField(v)}
<input type="hidden" name="version" value="${String(d.version)}">
<input type="hidden" name="current" value="${String(d.currentVersion)}">
<p><button type="submit">${v.t('public.editor.restore')}</button></p>
</form>`
}`,
  })
}

const valuesOf = (d: PublicPageDraft) => ({
  title: d.title,
  description: d.description,
  body: d.body,
  version: String(d.currentVersion),
})

const statusOf = (status: number) => (status >= 500 ? 503 : [403, 409].includes(status) ? status : 400)

export const publicPageEditor: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/pages',
    { config: { access: PUBLIC_PAGE_EDITOR_READERS }, schema: { querystring: Query({}) } },
    async (request, reply) => {
      const data = await loadOrRefuse(request.view, reply, officerPublicPages)
      if (!data) return reply
      return send(reply, listPage(request.view, data.items, noticeOf(request.query)))
    },
  )

  app.get(
    '/officer/pages/:slug/:locale',
    {
      config: { access: PUBLIC_PAGE_EDITOR_READERS },
      schema: { params: PageParams, querystring: Query({}) },
    },
    async (request, reply) => {
      const v = request.view
      const d = await loadOrRefuse(v, reply, officerPublicPage, { params: request.params })
      if (!d) return reply
      return send(reply, editorPage(v, d, emptyForm(valuesOf(d))))
    },
  )

  app.post(
    '/officer/pages/:slug/:locale',
    { config: { access: ['officer'] }, schema: { params: PageParams, body: Form(FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const d = await loadOrRefuse(v, reply, officerPublicPage, { params: request.params })
      if (!d) return reply
      const state = requireFields(emptyForm(formValues(request.body, FIELDS)), [
        'title',
        'description',
        'body',
      ])
      if (state.values['action'] === 'preview') {
        const res = await v.call(previewPublicPage, { body: { body: state.values['body'] ?? '' } })
        if (!res.ok) return refusalPage(v, reply, res)
        return send(reply, editorPage(v, d, emptyForm(state.values), res.data.html))
      }
      if (hasErrors(state)) return send(reply, editorPage(v, d, state), 400)
      const res = await v.call(savePublicPage, {
        params: request.params,
        body: {
          expectedVersion: Number(state.values['version']) || 0,
          title: state.values['title'] ?? '',
          description: state.values['description'] ?? '',
          body: state.values['body'] ?? '',
        },
      })
      if (res.ok) return seeOther(reply, `${editorPath(d.slug, d.locale)}?notice=page-saved`)
      if (res.problem.code === 'PUBLIC_PAGE_STALE_VERSION') {
        // The text stays and now stands on the current version: saving again replaces the other edit.
        state.values['version'] = String(d.currentVersion)
        state.formError = 'public.editor.stale'
        state.formErrorField = 'body'
      } else applyProblem(state, res.problem, ['title', 'description', 'body'])
      return send(reply, editorPage(v, d, state), statusOf(res.status))
    },
  )

  app.get(
    '/officer/pages/:slug/:locale/versions/:version',
    {
      config: { access: PUBLIC_PAGE_EDITOR_READERS },
      schema: { params: VersionParams, querystring: Query({}) },
    },
    async (request, reply) => {
      const v = request.view
      const { slug, locale, version } = request.params
      const d = await loadOrRefuse(v, reply, officerPublicPageVersion, {
        params: { slug, locale, version: Number(version) },
      })
      if (!d) return reply
      return send(reply, versionPage(v, d))
    },
  )

  app.post(
    '/officer/pages/:slug/:locale/restore',
    { config: { access: ['officer'] }, schema: { params: PageParams, body: Form(['version', 'current']) } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['version', 'current'])
      const res = await v.call(restorePublicPage, {
        params: request.params,
        body: { version: Number(values['version']) || 0, expectedVersion: Number(values['current']) || 0 },
      })
      if (res.ok)
        return seeOther(
          reply,
          `${editorPath(request.params.slug, request.params.locale)}?notice=page-restored`,
        )
      if (res.status === 409) return messagePage(v, reply, 'error.title', 'public.editor.stale', 409)
      return refusalPage(v, reply, res)
    },
  )
}
