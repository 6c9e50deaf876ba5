import type { FastifyPluginAsync } from 'fastify'
import { csrfField, formValues, problemMessage } from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import type { MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import { FORMATS, type Institution, type Interest, LANGS, type Page, TOPICS, UUID } from './registry-types.js'
import { instName, interestSummary } from './render.js'

type Hit = Interest & { institution: Institution }
interface Filters {
  q: string
  topic: string
  format: string
  lang: string
}

const readFilters = (query: unknown): Filters => {
  const raw = formValues(query, ['q', 'topic', 'format', 'lang'])
  return {
    q: (raw['q'] ?? '').slice(0, 100),
    topic: (TOPICS as readonly string[]).includes(raw['topic'] ?? '') ? raw['topic']! : '',
    format: (FORMATS as readonly string[]).includes(raw['format'] ?? '') ? raw['format']! : '',
    lang: (LANGS as string[]).includes(raw['lang'] ?? '') ? raw['lang']! : '',
  }
}

function filterSelect(
  v: View,
  name: keyof Filters,
  label: MessageKey,
  current: string,
  options: [string, string][],
): Html {
  return html`<div class="field"><label for="f-${name}">${v.t(label)}</label>
  <select id="f-${name}" name="${name}"><option value="">${v.t('search.any')}</option>${options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === current ? html` selected` : ''}>${text}</option>`,
  )}</select></div>`
}

function searchPage(
  v: View,
  f: Filters,
  hits: Hit[] | null,
  mine: { id: string; label: string }[],
  notice?: string,
  error?: MessageKey,
): Html {
  return page(v, {
    title: v.t('search.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('search.intro')}</p>
<form method="get" action="/search" role="search">
  <div class="field"><label for="f-q">${v.t('field.q')}</label><input id="f-q" name="q" type="search" value="${f.q}"></div>
  <div class="pair">
    ${filterSelect(
      v,
      'topic',
      'field.topic',
      f.topic,
      TOPICS.map((x) => [x, v.t(`topic.${x}`)]),
    )}
    ${filterSelect(
      v,
      'format',
      'field.format',
      f.format,
      FORMATS.map((x) => [x, v.t(`format.${x}`)]),
    )}
    ${filterSelect(
      v,
      'lang',
      'field.lang1',
      f.lang,
      LANGS.map((x) => [x, v.t(`langName.${x}`)]),
    )}
  </div>
  <button type="submit">${v.t('search.submit')}</button>
</form>
${
  hits &&
  html`<h2>${v.t('search.results')}</h2>
${hits.length === 0 && html`<p>${v.t('search.none')}</p>`}
${mine.length === 0 && hits.length > 0 && html`<p class="callout">${v.t('search.needInterest')}</p>`}
${hits.map(
  (h) => html`<article class="card" aria-labelledby="hit-${h.id}">
  <h3 id="hit-${h.id}">${instName(v, h.institution)}</h3>
  <p>${v.t(`side.${h.institution.side}`)}${h.institution.kind && html` · ${v.t(`kind.${h.institution.kind}`)}`}</p>
  ${interestSummary(v, h)}
  ${
    mine.length > 0 &&
    html`<form method="post" action="/interests/${h.id}/express">${csrfField(v)}
    <input type="hidden" name="back" value="${v.here}">
    <div class="field"><label for="from-${h.id}">${v.t('field.fromInterest')}</label>
    <select id="from-${h.id}" name="fromInterestId">${mine.map((m) => html`<option value="${m.id}">${m.label}</option>`)}</select></div>
    <button type="submit" class="secondary">${v.t('search.express')}</button>
  </form>`
  }
</article>`,
)}`
}`,
  })
}

export const searchPages: FastifyPluginAsync = async (app) => {
  /** My open interests of verified institutions: the ones that may express interest. */
  const myInterests = async (v: View) => {
    const insts = await v.api<{ items: Institution[] }>('GET', '/v1/institutions')
    if (!insts.ok) return []
    const verified = insts.data.items.filter((i) => i.status === 'verified')
    const lists = await Promise.all(
      verified.map(async (inst) => {
        const res = await v.api<{ items: Interest[] }>('GET', `/v1/institutions/${inst.id}/interests`)
        return res.ok
          ? res.data.items
              .filter((i) => i.status === 'open')
              .map((i) => ({
                id: i.id,
                label: `${inst.name}: ${i.formats.map((f) => v.t(`format.${f}`)).join(', ')}`,
              }))
          : []
      }),
    )
    return lists.flat()
  }

  app.get('/search', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const f = readFilters(request.query)
    const params = new URLSearchParams({ limit: '20' })
    if (f.q) params.set('q', f.q)
    if (f.topic) params.append('topic', f.topic)
    if (f.format) params.append('format', f.format)
    if (f.lang) params.append('lang', f.lang)
    const [res, mine] = await Promise.all([
      v.api<Page<Hit>>('GET', `/v1/search/interests?${params}`),
      myInterests(v),
    ])
    if (!res.ok) {
      // No institution of my own yet: the API cannot tell which side to search.
      return send(
        reply,
        searchPage(
          v,
          f,
          null,
          mine,
          undefined,
          res.status === 403 ? 'search.needInterest' : problemMessage(res.problem),
        ),
        res.status === 403 ? 200 : res.status,
      )
    }
    return send(reply, searchPage(v, f, res.data.items, mine, noticeOf(request.query)))
  })

  app.post<{ Params: { id: string } }>('/interests/:id/express', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const { fromInterestId, back } = formValues(request.body, ['fromInterestId', 'back'])
    if (!UUID.test(request.params.id) || !UUID.test(fromInterestId ?? '')) {
      return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    }
    const res = await v.api('POST', `/v1/interests/${request.params.id}/express-interest`, { fromInterestId })
    if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
    const target = back?.startsWith('/search') ? back : '/search'
    return seeOther(reply, `${target}${target.includes('?') ? '&' : '?'}notice=interest-expressed`)
  })
}
