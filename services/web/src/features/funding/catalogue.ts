import type { FundingProgrammeEntry } from '@dj/contracts'
import { csrfField } from '../../components/forms.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import type { ProgrammeDoc } from './form-model.js'

/** A programme's name in the reader's language (Einfache Sprache reads the German one). */
export const nameIn = (v: View, name: { de: string; en: string; zh: string }) =>
  v.locale === 'zh' ? name.zh : v.locale === 'en' ? name.en : name.de
export const langOf = (v: View) => (v.locale === 'zh' ? 'zh-CN' : v.locale === 'en' ? 'en' : 'de')

/** The catalogue: every programme with its source and when it was last checked. */
export function cataloguePage(v: View, items: readonly FundingProgrammeEntry[], notice?: string): Html {
  const canEdit = v.me?.role === 'officer'
  return page(v, {
    title: v.t('funding.catalogueTitle'),
    notice,
    body: html`<p>${v.t('funding.catalogueIntro')}</p>
${canEdit ? html`<p><a href="/officer/funding/new">${v.t('funding.new')}</a></p>` : html`<p>${v.t('funding.readOnly')}</p>`}
${table({
  id: 'funding-catalogue',
  caption: v.t('funding.catalogueTitle'),
  hiddenCaption: true,
  columns: [
    v.t('funding.col.name'),
    v.t('funding.col.lastChecked'),
    v.t('funding.col.source'),
    v.t('funding.col.state'),
  ],
  rows: items.map((p) => {
    const doc = p.fields as unknown as ProgrammeDoc
    return html`<tr>
  <th scope="row">${canEdit ? html`<a href="/officer/funding/${p.id}/edit">${nameIn(v, doc.name)}</a>` : nameIn(v, doc.name)}<br><span class="hint">${doc.funder}</span></th>
  <td>${doc.lastChecked}</td>
  <td><a href="${doc.sourceUrl}" rel="noopener noreferrer">${v.t('funding.sourceLink')}<span class="visually-hidden">: ${nameIn(v, doc.name)}</span></a></td>
  <td>${v.t(p.active ? 'funding.state.active' : 'funding.state.inactive')}</td>
</tr>`
  }),
})}`,
  })
}

/** Below the edit form: switch the programme off (no longer shown or reminded of) or on again. */
export function activeForm(v: View, entry: FundingProgrammeEntry): Html {
  return html`<h2>${v.t(entry.active ? 'funding.deactivateHeading' : 'funding.activateHeading')}</h2>
<p>${v.t(entry.active ? 'funding.deactivateIntro' : 'funding.activateIntro')}</p>
<form method="post" action="/officer/funding/${entry.id}/active">${csrfField(v)}
  <input type="hidden" name="version" value="${entry.version}">
  <input type="hidden" name="active" value="${entry.active ? 'no' : 'yes'}">
  <button type="submit" class="secondary">${v.t(entry.active ? 'funding.deactivate' : 'funding.activate')}</button>
</form>`
}
