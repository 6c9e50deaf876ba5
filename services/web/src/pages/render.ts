import { type Html, html } from '../html.js'
import type { View } from '../view.js'
import {
  CRITERIA,
  type ExplanationItem,
  type Institution,
  type Interest,
  type Lang,
} from './registry-types.js'

const CONTENT_TAG: Record<Lang, string> = { de: 'de', zh: 'zh-Hans', en: 'en' }
/** Which institution-content language suits the reader (Einfache Sprache reads German). */
const readerLang = (v: View): Lang => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')

/** The institution's name in the reader's language when it has one, marked with its language. */
export function instName(v: View, inst: Pick<Institution, 'name' | 'nameI18n'>): Html {
  const lang = readerLang(v)
  const local = inst.nameI18n?.[lang]
  return local ? html`<span lang="${CONTENT_TAG[lang]}">${local}</span>` : html`${inst.name}`
}

/** The description in the reader's language if there is one (original first), else the original. */
export function description(v: View, inst: Institution): Html {
  const d = inst.description
  if (!d) return html``
  const lang = readerLang(v)
  const translation = d.translations.find((t) => t.lang === lang)
  const useOriginal = d.original.lang === lang || !translation
  const shown = useOriginal ? d.original : translation
  // Human translations read as the institution's own text; machine ones are marked.
  return html`<div class="description"><p lang="${CONTENT_TAG[shown.lang]}">${shown.text}</p>${
    !useOriginal && translation.machine && html`<p class="hint">(${v.t('inst.machine')})</p>`
  }</div>`
}

export function interestSummary(v: View, i: Interest): Html {
  return html`<ul class="plain">
  <li>${i.formats.map((f) => v.t(`format.${f}`)).join(', ')}</li>
  <li>${i.topics.map((x) => v.t(`topic.${x}`)).join(', ')}</li>
  <li>${v.t('interest.ages', { min: i.ageMin, max: i.ageMax })}</li>
  <li>${v.t('interest.group', { min: i.groupMin, max: i.groupMax })}</li>
  <li>${i.languages.map((l) => `${v.t(`langName.${l.lang}`)} (${v.t(`level.${l.level}`)})`).join(', ')}</li>
  <li>${v.t(`direction.${i.direction}`)}; ${v.t('interest.days', { min: i.durationMinDays, max: i.durationMaxDays })}</li>
</ul>`
}

const pct = (x: number) => Math.round(x * 100)

/** "Why this partner": each criterion in the reader's language, strongest contribution first. */
export function whyList(v: View, explanation: ExplanationItem[]): Html {
  const known = explanation
    .filter((e) => (CRITERIA as readonly string[]).includes(e.criterion))
    .sort((a, b) => b.contribution - a.contribution)
  return html`<ul class="why">${known.map(
    (e) =>
      html`<li><strong>${v.t(`criterion.${e.criterion as (typeof CRITERIA)[number]}`)}</strong>: ${v.t(
        'why.row',
        {
          raw: pct(e.raw),
          weight: pct(e.weight),
        },
      )}<meter class="bar" min="0" max="100" value="${pct(e.raw)}" aria-hidden="true"></meter></li>`,
  )}</ul>`
}

export const percent = pct
