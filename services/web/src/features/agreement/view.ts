import { type Agreement, type AgreementFieldChange, type AgreementVersion, SIGNER_ROLES } from '@dj/contracts'
import { checkboxes, radios } from '../../components/fields.js'
import { csrfField, errorSummary, type FormState, hasErrors } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { formatDate, formatDateTime, formatNumber, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { type Fields, fieldOf, LABELS, type Side } from './fields.js'

/** The column pairs a reader may choose; German and Chinese first (the agreement's own pair). */
export const LANGUAGE_CHOICES = ['de,zh', 'zh,en', 'de,en'] as const
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number]

const CONTENT_TAG = { de: 'de', zh: 'zh-Hans', en: 'en' } as const
const readerLang = (v: View) => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')

/** A party's name as the agreement writes it, in the reader's script where it has one. */
export function partyName(v: View, a: Pick<Agreement, 'fields'>, side: Side): string {
  const n = (a.fields as unknown as Fields).parties[side].name
  return n[readerLang(v)] ?? n.de ?? n.zh ?? n.en ?? v.t(`side.${side}`)
}

/** The first 12 hex digits: enough to compare with the PDF's footer by eye. */
export const shortHash = (hash: string) => hash.slice(0, 12)

function signerPlace(v: View, a: Agreement, p: { side: Side; kind: 'first' | 'second' | 'officer' }): string {
  return p.kind === 'officer'
    ? v.t('agr.place.officer', { side: v.t(`side.${p.side}`) })
    : v.t(`agr.place.${p.kind}`, { party: partyName(v, a, p.side) })
}

function statusLine(v: View, a: Agreement): Html {
  // Complete when every place is signed (with countersigning off, that is after the institutions).
  if (a.status === 'countersigned' || a.completedAt)
    return html`<p><strong>${v.t('agr.status.complete')}</strong>${
      a.completedAt &&
      html` (<time datetime="${a.completedAt}">${formatDateTime(v.locale, v.timeZone, a.completedAt)}</time>)`
    }</p>`
  return html`<p><strong>${v.t(`agr.status.${a.status}`)}</strong></p>${
    a.pending.length > 0 &&
    html`<p>${v.t('agr.waitingFor')}</p><ul>${a.pending.map((p) => html`<li>${signerPlace(v, a, p)}</li>`)}</ul>`
  }`
}

/** A field's value in a diff, readable: dates as dates, numbers as numbers, lists joined. */
function valueText(v: View, x: unknown): string {
  if (x === undefined || x === null || x === '') return '—'
  if (typeof x === 'number') return formatNumber(v.locale, x)
  if (typeof x === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(x) ? formatDate(v.locale, x) : x
  if (Array.isArray(x) && x.every((y) => typeof y === 'string')) return x.join(', ')
  return JSON.stringify(x)
}

/** A field's name for a reader: the form's label where it has the field, else its path. */
export function pathLabel(v: View, path: string): string {
  const field = fieldOf(path)
  const label = field ? LABELS[field] : undefined
  const side = /^(?:parties|groups)\.(duren|jinhua)\b/.exec(path)?.[1] as Side | undefined
  const base = label ? v.t(label) : path
  return side ? `${v.t(`side.${side}`)}: ${base}` : base
}

export function changeList(v: View, changes: AgreementFieldChange[]): Html {
  if (changes.length === 0) return html`<p>${v.t('agr.noChanges')}</p>`
  return html`<ul>${changes.map(
    (c) =>
      html`<li>${pathLabel(v, c.path)}: <del>${valueText(v, c.before)}</del> → <ins>${valueText(v, c.after)}</ins></li>`,
  )}</ul>`
}

function signatureList(v: View, a: Agreement): Html {
  if (a.signatures.length === 0) return html`<p>${v.t('agr.noSignatures')}</p>`
  return html`<ul>${a.signatures.map(
    (s) =>
      html`<li>${v.t('agr.signedBy', {
        name: s.name,
        place: signerPlace(v, a, {
          side: s.side,
          kind: s.slot.endsWith('.officer') ? 'officer' : s.slot.endsWith('.second') ? 'second' : 'first',
        }),
      })}${
        (SIGNER_ROLES as readonly string[]).includes(s.role)
          ? ` (${v.t(`agr.role.${s.role as (typeof SIGNER_ROLES)[number]}`)})`
          : ''
      } · <time datetime="${s.at}">${formatDateTime(v.locale, v.timeZone, s.at)}</time> · ${v.t(
        'agr.version',
        {
          version: s.version,
        },
      )}, <code>${shortHash(s.versionHash)}</code></li>`,
  )}</ul>`
}

/** The newest edition's links stay as they were; an earlier edition's name it. */
const editionParam = (a: Pick<Agreement, 'edition' | 'editions'>) =>
  a.editions.some((e) => e.edition > a.edition) ? `&edition=${a.edition}` : ''

const pdfHref = (a: Agreement, version: number, languages: string) =>
  `/partnerships/${a.partnershipId}/agreement/versions/${version}/pdf?languages=${languages}${editionParam(a)}`

/** Every edition of the partnership's agreement, once it was renewed; the one shown is marked. */
function editionList(v: View, a: Agreement): Html | '' {
  if (a.editions.length < 2) return ''
  const newest = Math.max(...a.editions.map((e) => e.edition))
  return html`<h2>${v.t('renew.editions')}</h2>
<ul class="plain">${a.editions.map((e) => {
    const name = v.t('renew.edition', { edition: e.edition })
    const status = v.t(e.completedAt ? 'agr.status.complete' : `agr.status.${e.status}`)
    const label = html`${name} · ${status}${e.edition === newest ? ` · ${v.t('renew.editionCurrent')}` : ''}`
    return e.edition === a.edition
      ? html`<li aria-current="page"><strong>${label}</strong></li>`
      : html`<li><a href="/partnerships/${a.partnershipId}/agreement${e.edition === newest ? '' : `?edition=${e.edition}`}">${label}</a></li>`
  })}</ul>`
}

function versionList(v: View, a: Agreement, versions: AgreementVersion[], languages: string): Html {
  return html`<ol class="plain-list" reversed>${versions.map(
    (x) => html`<li class="card">
  <h3>${v.t('agr.version', { version: x.version })}${x.version === a.version ? html` <span class="badge">${v.t('agr.current')}</span>` : ''}</h3>
  <p><time datetime="${x.createdAt}">${formatDateTime(v.locale, v.timeZone, x.createdAt)}</time> · <code>${shortHash(x.hash)}</code>${
    x.readyAt ? ` · ${v.t('agr.wentOut')}` : ''
  }</p>
  ${changeList(v, x.changes)}
  ${
    x.signatures.length > 0 &&
    html`<p>${x.signatures
      .map((s) => `${s.name}${s.voidedAt ? ` (${v.t('agr.voided')})` : ''}`)
      .join(', ')}</p>`
  }
  <p><a href="${pdfHref(a, x.version, languages)}" download>${v.t('agr.pdf', { version: x.version })}</a></p>
</li>`,
  )}</ol>`
}

function languageChoice(v: View, a: Agreement, chosen: LanguageChoice): Html {
  const id = a.partnershipId
  return html`<form method="get" action="/partnerships/${id}/agreement" class="inline-form">${
    editionParam(a) && html`<input type="hidden" name="edition" value="${a.edition}">`
  }
  <label for="f-languages">${v.t('agr.languages')}</label>
  <select id="f-languages" name="languages">${LANGUAGE_CHOICES.map(
    (c) =>
      html`<option value="${c}"${c === chosen ? html` selected` : ''}>${v.t(`agr.cols.${c.replace(',', '_') as 'de_zh' | 'zh_en' | 'de_en'}`)}</option>`,
  )}</select>
  <button type="submit" class="secondary">${v.t('agr.show')}</button>
</form>`
}

function sections(a: Agreement): Html {
  return html`${a.sections.map(
    (s) =>
      html`<section class="cards" aria-label="${s.columns[0]?.heading ?? s.id}">${s.columns.map(
        (c) =>
          html`<div lang="${CONTENT_TAG[c.lang]}"><h3>${c.heading}</h3>${c.paragraphs.map((p) => html`<p>${p}</p>`)}</div>`,
      )}</section>`,
  )}`
}

function gapList(v: View, a: Agreement): Html | '' {
  if (a.gaps.length === 0 || a.status !== 'draft') return ''
  const edit = `/partnerships/${a.partnershipId}/agreement/edit`
  return html`<div class="callout" id="gaps" role="note"><h2>${v.t('agr.gaps')}</h2><ul>${a.gaps.map((g) => {
    const field = fieldOf(g.path)
    const text = `${pathLabel(v, g.path)}: ${v.t(`agr.gap.${g.problem}` as MessageKey)}`
    return html`<li>${a.viewer.canEdit && field ? html`<a href="${edit}#f-${field}">${text}</a>` : text}</li>`
  })}</ul></div>`
}

export interface AgreementPageData {
  a: Agreement
  versions: AgreementVersion[]
  languages: LanguageChoice
  state: FormState
  notice?: string | undefined
}

/** The agreement: where it stands, who is still to sign, the clauses side by side, the versions. */
export function agreementPage(v: View, d: AgreementPageData): Html {
  const { a, state } = d
  const id = a.partnershipId
  const canSubmit = a.viewer.canEdit && a.status === 'draft'
  return page(v, {
    title: v.t('agr.title'),
    notice: d.notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p><a href="/partnerships/${id}/workspace">${v.t('agr.back')}</a></p>
${editionParam(a) && html`<p class="callout" role="note">${v.t('renew.editionEarlier', { edition: a.edition })}</p>`}
<h2>${v.t('agr.statusTitle')}</h2>
<dl class="facts">
  <dt>${v.t('agr.currentVersion')}</dt><dd>${v.t('agr.version', { version: a.version })}, <code>${shortHash(a.hash)}</code></dd>
</dl>
${statusLine(v, a)}
${gapList(v, a)}
${
  a.viewer.canSign &&
  html`<form method="post" action="/partnerships/${id}/agreement/sign">${csrfField(v)}
  <input type="hidden" name="hash" value="${a.hash}">
  <p>${v.t('agr.signHint', { version: a.version, hash: shortHash(a.hash) })}</p>
  ${
    // Institutions sign first; what the person signs as is printed on the signature block.
    a.status === 'ready_for_signature' &&
    html`<div class="field"><label for="f-role">${v.t('agr.signAs')}</label>
  <select id="f-role" name="role">${SIGNER_ROLES.map(
    (r) =>
      html`<option value="${r}"${r === 'coordinator' ? html` selected` : ''}>${v.t(`agr.role.${r}`)}</option>`,
  )}</select></div>`
  }
  <button type="submit">${v.t(a.status === 'signed_by_institutions' ? 'agr.countersign' : 'agr.sign')}</button>
</form>`
}
${
  canSubmit &&
  html`<form method="post" action="/partnerships/${id}/agreement/submit">${csrfField(v)}
  <input type="hidden" name="hash" value="${a.hash}">
  <button type="submit"${a.gaps.length > 0 ? html` class="secondary"` : ''}>${v.t('agr.submit')}</button>
</form>`
}
${
  a.viewer.canEdit &&
  html`<p><a class="button secondary" href="/partnerships/${id}/agreement/edit">${v.t('agr.edit')}</a></p>`
}
<h2>${v.t('agr.signatures')}</h2>
${signatureList(v, a)}
<h2>${v.t('agr.text')}</h2>
${languageChoice(v, a, d.languages)}
<p><a href="${pdfHref(a, a.version, d.languages)}" download>${v.t('agr.pdf', { version: a.version })}</a></p>
${sections(a)}
<h2 id="versions">${v.t('agr.versions')}</h2>
${versionList(v, a, d.versions, d.languages)}
${editionList(v, a)}`,
  })
}

/**
 * Who signs, chosen when the agreement is drafted: whether the two county offices countersign
 * (the default), and whether an institution adds a second signer (e.g. head of school and coordinator).
 */
function signingChoices(v: View, state: FormState): Html {
  const values = { countersign: 'yes', ...state.values }
  const s = { ...state, values }
  return html`${radios(v, s, {
    name: 'countersign',
    label: 'agr.cfg.countersign',
    options: [
      { value: 'yes', label: v.t('agr.cfg.countersignYes') },
      { value: 'no', label: v.t('agr.cfg.countersignNo') },
    ],
  })}
  ${checkboxes(v, s, {
    name: 'secondSigner',
    label: 'agr.cfg.secondSigner',
    hint: 'agr.cfg.secondSignerHint',
    options: [
      { value: 'duren', label: v.t('side.duren') },
      { value: 'jinhua', label: v.t('side.jinhua') },
    ],
  })}`
}

/** No agreement yet: what it is, and the button that drafts it (coordinators of the pair). */
export function noAgreementPage(v: View, id: string, canDraft: boolean, state: FormState): Html {
  return page(v, {
    title: v.t('agr.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p><a href="/partnerships/${id}/workspace">${v.t('agr.back')}</a></p>
<p>${v.t('agr.none')}</p>
${
  canDraft
    ? html`<form method="post" action="/partnerships/${id}/agreement">${csrfField(v)}
  ${signingChoices(v, state)}
  <button type="submit">${v.t('agr.draft')}</button>
</form>`
    : html`<p>${v.t('agr.noneReader')}</p>`
}`,
  })
}
