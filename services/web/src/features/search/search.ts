import {
  expressInterest,
  FORMATS,
  type Format,
  type InterestHit,
  LANGUAGES as LANGS,
  type Lang,
  listInstitutionInterests,
  listMyInstitutions,
  type PublicInstitution,
  searchInterests,
  TOPICS,
  type Topic,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { csrfField, formValues, problemMessage } from '../../components/forms.js'
import { instName, interestSummary } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Field, IdParams, OneOf, Query, Uuid } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { foundVia } from '../glossary/found-via.js'

type Hit = InterestHit
/** One card per institution, with each of its interests that matched. */
interface Card {
  institution: PublicInstitution
  hits: Hit[]
}
interface Filters {
  q: string
  topic: Topic | ''
  format: Format | ''
  lang: Lang | ''
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | '' =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : ''

const readFilters = (query: unknown): Filters => {
  const raw = formValues(query, ['q', 'topic', 'format', 'lang'])
  return {
    q: (raw['q'] ?? '').slice(0, 100),
    topic: oneOf(TOPICS, raw['topic']),
    format: oneOf(FORMATS, raw['format']),
    lang: oneOf(LANGS, raw['lang']),
  }
}

const SearchQuery = Query({
  q: Type.Optional(Type.String({ maxLength: 500 })),
  topic: OneOf(TOPICS),
  format: OneOf(FORMATS),
  lang: OneOf(LANGS),
})
/** "Express interest" from one of my interests (a hidden field of the hit's form). */
const ExpressForm = Type.Object(
  { _csrf: Field, fromInterestId: Uuid, back: Field },
  { additionalProperties: false },
)

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase()
/** Words short enough to match everything are ignored (Chinese words are two characters). */
const meaningful = (w: string) => w.length >= 3 || (/\p{Script=Han}/u.test(w) && w.length >= 2)

/**
 * Topics and formats whose name, in the reader's language, contains a word of the query:
 * "Wasserstoff" finds the topic "Energie und Wasserstoff", "hydrogen" the English one.
 */
export function vocabularyOf(v: View, q: string): { topics: Topic[]; formats: Format[] } {
  const words = fold(q)
    .split(/[\s,;.]+/)
    .filter(meaningful)
  const names = (key: string) => fold(v.t(key as MessageKey))
  const named = <T extends string>(list: readonly T[], prefix: string): T[] =>
    words.length === 0 ? [] : list.filter((x) => words.some((w) => names(`${prefix}.${x}`).includes(w)))
  return { topics: named(TOPICS, 'topic'), formats: named(FORMATS, 'format') }
}

function cardsOf(hits: Hit[]): Card[] {
  const cards = new Map<string, Card>()
  for (const h of hits) {
    const card = cards.get(h.institution.id) ?? { institution: h.institution, hits: [] }
    card.hits.push(h)
    cards.set(h.institution.id, card)
  }
  return [...cards.values()]
}

const hasFilters = (f: Filters) => Boolean(f.topic || f.format || f.lang)

/** Express interest from one of mine, or say it was sent already (and from which). */
function expressForm(v: View, h: Hit, mine: { id: string; label: string }[]): Html {
  const sent = mine.filter((m) => h.expressedFrom?.includes(m.id))
  const open = mine.filter((m) => !h.expressedFrom?.includes(m.id))
  return html`${sent.length > 0 && html`<p class="badge-line" data-sent><span class="badge">${v.t('search.sent')}</span> ${sent.map((m) => m.label).join('; ')}</p>`}
  ${
    open.length > 0 &&
    html`<form method="post" action="/interests/${h.id}/express">${csrfField(v)}
    <input type="hidden" name="back" value="${v.here}">
    <div class="field"><label for="from-${h.id}">${v.t('field.fromInterest')}</label>
    <select id="from-${h.id}" name="fromInterestId">${open.map((m) => html`<option value="${m.id}">${m.label}</option>`)}</select></div>
    <button type="submit" class="secondary">${v.t('search.express')}</button>
  </form>`
  }`
}

function resultCard(v: View, c: Card, mine: { id: string; label: string }[], q = ''): Html {
  const inst = c.institution
  return html`<article class="card" aria-labelledby="hit-${inst.id}">
  <h3 id="hit-${inst.id}"><a href="/institutions/${inst.id}">${instName(v, inst)}</a></h3>
  <p>${v.t(`side.${inst.side}`)}${inst.kind && html` · ${v.t(`kind.${inst.kind}`)}`}</p>
  ${foundVia(v, c.hits, q)}
  ${c.hits.map(
    (h) => html`<section class="hit" aria-label="${h.formats.map((f) => v.t(`format.${f}`)).join(', ')}">
  ${interestSummary(v, h)}
  ${mine.length > 0 && expressForm(v, h, mine)}
  </section>`,
  )}
</article>`
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
${hits.length === 0 && html`<p data-search-none>${v.t(hasFilters(f) ? 'search.none' : f.q ? 'search.noneWord' : 'search.noneAtAll', { q: f.q })}</p>`}
${mine.length === 0 && hits.length > 0 && html`<p class="callout">${v.t('search.needInterest')}</p>`}
${cardsOf(hits).map((c) => resultCard(v, c, mine, f.q))}`
}`,
  })
}

export const searchPages: FastifyPluginAsyncTypebox = async (app) => {
  /** My open interests of verified institutions: the ones that may express interest. */
  const myInterests = async (v: View) => {
    const insts = await v.call(listMyInstitutions)
    if (!insts.ok) return []
    const verified = insts.data.items.filter((i) => i.status === 'verified')
    const lists = await Promise.all(
      verified.map(async (inst) => {
        const res = await v.call(listInstitutionInterests, { params: { id: inst.id } })
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

  app.get(
    '/search',
    { config: { access: ['coordinator'] }, schema: { querystring: SearchQuery } },
    async (request, reply) => {
      const v = request.view
      const f = readFilters(request.query)
      const words = f.q ? vocabularyOf(v, f.q) : null
      const [res, mine] = await Promise.all([
        v.call(searchInterests, {
          query: {
            limit: 20,
            ...(f.q && words ? { q: f.q, qTopic: words.topics, qFormat: words.formats } : {}),
            ...(f.topic ? { topic: [f.topic] } : {}),
            ...(f.format ? { format: [f.format] } : {}),
            ...(f.lang ? { lang: [f.lang] } : {}),
          },
        }),
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
    },
  )

  app.post(
    '/interests/:id/express',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: ExpressForm } },
    async (request, reply) => {
      const v = request.view
      const { fromInterestId, back } = formValues(request.body, ['fromInterestId', 'back'])
      const res = await v.call(expressInterest, {
        params: { id: request.params.id },
        body: { fromInterestId: fromInterestId ?? '' },
      })
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      // Back to the same search, without the notice of an earlier click (no "notice=…&notice=…").
      const target = new URL(back?.startsWith('/search') ? back : '/search', 'http://web.invalid')
      target.searchParams.delete('notice')
      const notice =
        res.data.status === 'matched'
          ? 'interest-matched'
          : res.status === 200
            ? 'interest-already-sent'
            : 'interest-expressed'
      target.searchParams.set('notice', notice)
      return seeOther(reply, `${target.pathname}${target.search}`)
    },
  )
}
