import type { OpenDataAttribution } from '@dj/contracts'
import { type Html, html } from '../../html.js'
import type { View } from '../../view.js'
import type { Regions } from '../institutions/regions.js'

/** The licence note the Datenlizenz Deutschland asks for, under every list of imported data. */
export function attributionNote(v: View, items: readonly OpenDataAttribution[]): Html | '' {
  if (items.length === 0) return ''
  return html`<aside class="attribution" aria-label="${v.t('opendata.attribution.label')}">${items.map(
    (a) =>
      html`<p>${v.t('opendata.attribution.text')} <span lang="de">${a.source}</span>, <a href="${a.licenceUrl}" lang="de" rel="license">${a.licence}</a>.</p>`,
  )}</aside>`
}

const regionLabel = (v: View, x: { de: string; en: string; zh: string }) =>
  v.locale === 'zh' ? x.zh : v.locale === 'en' ? x.en : x.de

/** A municipality's or county's name in the reader's language. */
export function unitName(v: View, regions: Regions | null, id: string | null): string {
  if (!id || !regions) return id ?? '–'
  for (const side of ['duren', 'jinhua'] as const) {
    const u = regions[side].units.find((x) => x.id === id)
    if (u) return regionLabel(v, u)
  }
  return id
}

/** "Gymnasium", "Berufskolleg", "高中": the school type when known, else the kind. */
export function typeName(v: View, kind: string, subtype: string | null): string {
  if (subtype) {
    const key =
      kind === 'vocational' && subtype === 'vocational_college'
        ? 'subtype.vocational_college_v'
        : `subtype.${subtype}`
    const text = v.t(key as never)
    if (text !== key) return text
  }
  return v.t(`kind.${kind}` as never)
}
