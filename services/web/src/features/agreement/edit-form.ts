import type { Agreement } from '@dj/contracts'
import { FORMATS, LANGUAGES, SIDES, TOPICS } from '@dj/vocabulary'
import {
  checkboxes,
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  input,
  select,
  smallInput,
  textarea,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import {
  ACCOMMODATIONS,
  AIM_FIELDS,
  COST_FIELDS,
  type FieldDef,
  GROUP_FIELDS,
  LABELS,
  PARTY_FIELDS,
  PAYERS,
  PERIOD_FIELDS,
  PERSON_FIELDS,
  PERSON_ROLES,
  type Side,
  TERM_FIELDS,
} from './fields.js'
import { partyName, shortHash } from './view.js'

const LANG_TAG = { de: 'de', zh: 'zh-Hans', en: 'en' } as const

function field(v: View, state: FormState, f: FieldDef): Html {
  if (f.kind === 'textarea')
    return textarea(v, state, {
      name: f.name,
      label: f.label,
      rows: 2,
      ...(f.hint ? { hint: f.hint } : {}),
      ...(f.lang ? { lang: LANG_TAG[f.lang] } : {}),
    })
  if (f.kind === 'text')
    return input(v, state, {
      name: f.name,
      label: f.label,
      ...(f.hint ? { hint: f.hint } : {}),
      ...(f.lang ? { lang: LANG_TAG[f.lang] } : {}),
    })
  return smallInput(v, state, {
    name: f.name,
    label: f.label,
    type: f.kind,
    ...(f.hint ? { hint: f.hint } : {}),
  })
}

/** A person's name (and for a contact, how to reach them) with their role at the institution. */
function personField(
  v: View,
  state: FormState,
  side: Side,
  who: 'responsible' | 'contacts',
  opts: (values: readonly string[], prefix: string) => { value: string; label: string }[],
): Html {
  const defs = PERSON_FIELDS[side].filter((f) => f.name.startsWith(`parties.${side}.${who}.`))
  return html`${defs.map((f) => field(v, state, f))}
  ${select(v, state, { name: `parties.${side}.${who}.0.role`, label: 'agr.field.personRole', options: opts(PERSON_ROLES, 'agr.role') })}`
}

const fieldset = (legend: string, body: Html) => html`<fieldset><legend>${legend}</legend>${body}</fieldset>`

/**
 * The agreement's fields as one form. `baseHash` names the version it was made on: if someone
 * edited meanwhile the API refuses it (409) and the form comes back with the message.
 */
export function editPage(v: View, a: Agreement, state: FormState, notice?: string): Html {
  const id = a.partnershipId
  const opts = (values: readonly string[], prefix: string) =>
    values.map((x) => ({ value: x, label: v.t(`${prefix}.${x}` as MessageKey) }))
  return page(v, {
    title: v.t('agr.editTitle'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, LABELS)}
<p><a href="/partnerships/${id}/agreement">${v.t('agr.backToAgreement')}</a></p>
<div class="callout" role="note"><p><strong>${v.t('agr.voidWarning')}</strong></p>${
      a.signatures.length > 0 && html`<p>${v.t('agr.voidNow', { count: a.signatures.length })}</p>`
    }</div>
<p>${v.t('agr.editOn', { version: a.version, hash: shortHash(state.values['baseHash'] ?? a.hash) })}</p>
<form method="post" action="/partnerships/${id}/agreement/edit" novalidate>${csrfField(v)}
  <input type="hidden" name="baseHash" value="${state.values['baseHash'] ?? a.hash}">
  ${SIDES.map((side) =>
    fieldset(
      v.t('agr.partyLegend', { party: partyName(v, a, side), side: v.t(`side.${side}`) }),
      html`<p class="hint">${v.t('agr.partyHint')}</p>${PARTY_FIELDS[side].map((f) => field(v, state, f))}
  <p class="hint">${v.t('agr.peopleHint')}</p>
  ${personField(v, state, side, 'responsible', opts)}
  ${personField(v, state, side, 'contacts', opts)}`,
    ),
  )}
  ${fieldset(
    v.t('agr.purposeLegend'),
    html`${checkboxes(v, state, { name: 'purpose.formats', label: 'agr.field.formats', options: opts(FORMATS, 'format') })}
  ${checkboxes(v, state, { name: 'topics', label: 'agr.field.topics', options: opts(TOPICS, 'topic') })}
  ${AIM_FIELDS.map((f) => field(v, state, f))}`,
  )}
  ${fieldset(v.t('agr.periodLegend'), html`${PERIOD_FIELDS.map((f) => field(v, state, f))}`)}
  ${SIDES.map((side) =>
    fieldset(
      v.t('agr.groupLegend', { party: partyName(v, a, side) }),
      html`<p class="hint">${v.t('agr.groupHint')}</p>${GROUP_FIELDS[side].map((f) => field(v, state, f))}`,
    ),
  )}
  ${fieldset(
    v.t('agr.hostingLegend'),
    html`${checkboxes(v, state, {
      name: 'hosting.hosts',
      label: 'agr.field.hosts',
      hint: 'agr.field.hostsHint',
      options: SIDES.map((s) => ({ value: s, label: v.t(`side.${s}`) })),
    })}
  ${select(v, state, { name: 'hosting.accommodation', label: 'agr.field.accommodation', options: opts(ACCOMMODATIONS, 'agr.accommodation') })}
  <p class="hint">${v.t('agr.costsHint')}</p>
  ${COST_FIELDS.map((c) =>
    select(v, state, {
      name: c.name,
      label: `agr.cost.${c.item}` as MessageKey,
      options: [{ value: '', label: v.t('agr.payer.none') }, ...opts(PAYERS, 'agr.payer')],
    }),
  )}`,
  )}
  ${checkboxes(v, state, {
    name: 'languages',
    label: 'agr.field.languages',
    options: LANGUAGES.map((l) => ({ value: l, label: v.t(`langName.${l}`) })),
  })}
  ${fieldset(v.t('agr.termLegend'), html`${TERM_FIELDS.map((f) => field(v, state, f))}`)}
  <button type="submit">${v.t('agr.save')}</button>
</form>`,
  })
}
