import type { GlossaryEntryView } from '@dj/contracts'
import { csrfField, errorSummary, type FormState, input } from '../../components/forms.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

export const TERM_FIELDS = ['de', 'zh', 'en'] as const
export type TermField = (typeof TERM_FIELDS)[number]

const LABELS: Record<TermField, MessageKey> = {
  de: 'glossary.field.de',
  zh: 'glossary.field.zh',
  en: 'glossary.field.en',
}
const LANG_TAGS: Record<TermField, string> = { de: 'de', zh: 'zh-CN', en: 'en' }

/** A form field's text as terms: commas or semicolons (also Chinese ones) separate the variants. */
export const termsOf = (text: string): string[] =>
  text
    .split(/[,;，；、]/)
    .map((t) => t.trim())
    .filter(Boolean)

export const textOf = (terms: readonly string[]) => terms.join(', ')

/** The glossary: one row per entry, its terms in the three languages, the preferred one first. */
export function glossaryPage(v: View, items: readonly GlossaryEntryView[], notice?: string): Html {
  const canEdit = v.me?.role === 'officer'
  return page(v, {
    title: v.t('glossary.title'),
    notice,
    body: html`<p>${v.t('glossary.intro')}</p>
${canEdit ? html`<p><a href="/officer/glossary/new">${v.t('glossary.new')}</a></p>` : html`<p>${v.t('glossary.readOnly')}</p>`}
${table({
  id: 'glossary',
  caption: v.t('glossary.title'),
  hiddenCaption: true,
  columns: [v.t('glossary.field.de'), v.t('glossary.field.zh'), v.t('glossary.field.en')],
  rows: items.map(
    (e) => html`<tr>
  <th scope="row" lang="de">${canEdit ? html`<a href="/officer/glossary/${e.id}/edit">${textOf(e.de)}</a>` : textOf(e.de)}</th>
  <td lang="zh-CN">${textOf(e.zh)}</td>
  <td lang="en">${textOf(e.en)}</td>
</tr>`,
  ),
})}`,
  })
}

/** The form of a new or an existing entry; an existing one carries its version and a remove button. */
export function entryForm(
  v: View,
  state: FormState,
  o: { title: string; action: string; entry?: GlossaryEntryView },
): Html {
  const labels = Object.fromEntries(TERM_FIELDS.map((f) => [f, LABELS[f]]))
  return page(v, {
    title: o.title,
    hasErrors: Object.keys(state.errors).length > 0 || state.formError !== undefined,
    body: html`${errorSummary(v, state, labels)}
<p>${v.t('glossary.formIntro')}</p>
<form method="post" action="${o.action}" novalidate>${csrfField(v)}
  ${o.entry && html`<input type="hidden" name="version" value="${state.values['version'] ?? String(o.entry.version)}">`}
  ${TERM_FIELDS.map((f) =>
    input(v, state, {
      name: f,
      label: LABELS[f],
      hint: 'glossary.field.hint',
      required: true,
      lang: LANG_TAGS[f],
    }),
  )}
  <button type="submit">${v.t('glossary.save')}</button>
</form>
${
  o.entry &&
  html`<h2>${v.t('glossary.removeHeading')}</h2>
<form method="post" action="/officer/glossary/${o.entry.id}/remove">${csrfField(v)}
  <input type="hidden" name="version" value="${o.entry.version}">
  <button type="submit" class="secondary">${v.t('glossary.remove')}</button>
</form>`
}
<p><a href="/officer/glossary">${v.t('glossary.back')}</a></p>`,
  })
}
