import { formatNumber } from '@dj/intl'
import { type Html, html } from '../html.js'
import type { MessageKey } from '../i18n/index.js'
import type { View } from '../view.js'
import { type FormState, hasErrors } from './form-state.js'

const fieldId = (name: string) => `f-${name}`

/** A field error's text with its placeholders ("at most 300 characters"). */
function errorText(v: View, state: FormState, name: string, key: MessageKey): string {
  const params = state.params?.[name]
  if (!params) return v.t(key)
  const shown = Object.fromEntries(
    Object.entries(params).map(([k, x]) => [k, typeof x === 'number' ? formatNumber(v.locale, x) : x]),
  )
  return v.t(key, shown)
}

/** GOV.UK-style summary at the top: links move focus to each field in error. */
export function errorSummary(v: View, state: FormState, labels: Record<string, MessageKey>): Html | '' {
  if (!hasErrors(state)) return ''
  const entries = Object.entries(state.errors)
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <h2 id="error-summary-title">${v.t('form.errorSummary')}</h2>
  <ul>
    ${
      state.formError &&
      html`<li>${
        state.formErrorField
          ? html`<a href="#${fieldId(state.formErrorField)}">${v.t(state.formError)}</a>`
          : v.t(state.formError)
      }</li>`
    }
    ${entries.map(([name, key]) => {
      const label = labels[name]
      return html`<li><a href="#${fieldId(name)}">${label ? `${v.t(label)}: ` : ''}${errorText(v, state, name, key)}</a></li>`
    })}
  </ul>
</div>`
}

interface InputOptions {
  name: string
  label: MessageKey
  type?: 'text' | 'email' | 'password' | 'search'
  autocomplete?: string
  hint?: MessageKey
  required?: boolean
  list?: string
  /** Passwords are never echoed back. */
  keepValue?: boolean
  lang?: string
  /** Script may replace the suggested value with the browser's own time zone. */
  autoTimeZone?: boolean
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

/** The hint and the error under a field's label, tied to it by id (`aria-describedby`). */
function hintAndError(v: View, state: FormState, o: { name: string; hint?: MessageKey | undefined }): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  return html`${o.hint && html`<p class="hint" id="${id}-hint">${v.t(o.hint)}</p>`}
  ${error && html`<p class="error" id="${id}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${errorText(v, state, o.name, error)}</p>`}`
}

function labelText(v: View, label: MessageKey, required: boolean | undefined): Html {
  return html`${v.t(label)}${required && html` <span class="req">(${v.t('form.required')})</span>`}`
}

export function input(v: View, state: FormState, o: InputOptions): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const value = o.type === 'password' && !o.keepValue ? '' : (state.values[o.name] ?? '')
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${id}">${labelText(v, o.label, o.required)}</label>
  ${hintAndError(v, state, o)}
  <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${value}"${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
  }${o.required ? html` required aria-required="true"` : ''}${error ? html` aria-invalid="true"` : ''}${
    described ? html` aria-describedby="${described}"` : ''
  }${o.list ? html` list="${o.list}"` : ''}${o.autoTimeZone ? html` data-autotz` : ''}${o.type === 'email' ? html` spellcheck="false" autocapitalize="off"` : ''}>
</div>`
}

export interface ChoiceOptions {
  name: string
  label: MessageKey
  options: { value: string; label: string; lang?: string; group?: string }[]
  hint?: MessageKey
  required?: boolean
}

type Option = ChoiceOptions['options'][number]
/** Consecutive options with the same group label go into one <optgroup>. */
function groupOptions(options: Option[]): [string | undefined, Option[]][] {
  const out: [string | undefined, Option[]][] = []
  for (const opt of options) {
    const last = out.at(-1)
    if (last && last[0] === opt.group) last[1].push(opt)
    else out.push([opt.group, [opt]])
  }
  return out
}

export function select(v: View, state: FormState, o: ChoiceOptions): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  const current = state.values[o.name] ?? ''
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${id}">${labelText(v, o.label, o.required)}</label>
  ${hintAndError(v, state, o)}
  <select id="${id}" name="${o.name}"${o.required ? html` required aria-required="true"` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}>
    ${groupOptions(o.options).map(([group, opts]) => {
      const rendered = opts.map(
        (opt) =>
          html`<option value="${opt.value}"${opt.value === current ? html` selected` : ''}${
            opt.lang ? html` lang="${opt.lang}"` : ''
          }>${opt.label}</option>`,
      )
      return group ? html`<optgroup label="${group}">${rendered}</optgroup>` : rendered
    })}
  </select>
</div>`
}

/** Radio buttons in a fieldset; the first radio carries the id the error summary links to. */
export function radios(v: View, state: FormState, o: ChoiceOptions): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  const current = state.values[o.name] ?? ''
  return html`<fieldset class="field${error ? ' field-error' : ''}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend>${labelText(v, o.label, o.required)}</legend>
  ${hintAndError(v, state, o)}
  ${o.options.map((opt, i) => {
    const optId = i === 0 ? id : `${id}-${i}`
    return html`<div class="radio"><input type="radio" id="${optId}" name="${o.name}" value="${opt.value}"${
      opt.value === current ? html` checked` : ''
    }${error ? html` aria-invalid="true"` : ''}><label for="${optId}">${opt.label}</label></div>`
  })}
</fieldset>`
}

/** IANA zones offered as suggestions; any valid zone may be typed (the API checks it). */
export const COMMON_TIME_ZONES = [
  'Europe/Berlin',
  'Asia/Shanghai',
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Asia/Hong_Kong',
]

export function timeZoneList(): Html {
  return html`<datalist id="tz-list">${COMMON_TIME_ZONES.map((z) => html`<option value="${z}"></option>`)}</datalist>`
}

/** Checkbox group in a fieldset; `state.values[name]` holds the checked values joined by commas. */
export function checkboxes(v: View, state: FormState, o: ChoiceOptions): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  const checked = new Set((state.values[o.name] ?? '').split(',').filter(Boolean))
  return html`<fieldset class="field${error ? ' field-error' : ''}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend>${labelText(v, o.label, o.required)}</legend>
  ${hintAndError(v, state, o)}
  <div class="choices">${o.options.map((opt, i) => {
    const optId = i === 0 ? id : `${id}-${i}`
    return html`<div class="radio"><input type="checkbox" id="${optId}" name="${o.name}" value="${opt.value}"${
      checked.has(opt.value) ? html` checked` : ''
    }><label for="${optId}">${opt.label}</label></div>`
  })}</div>
</fieldset>`
}

interface NumberOptions {
  name: string
  label: MessageKey
  hint?: MessageKey
  required?: boolean
  type?: 'number' | 'date' | 'url'
  min?: number
  max?: number
}

/** Numbers, dates and URLs: inputmode helps phones, the server still checks everything. */
export function smallInput(v: View, state: FormState, o: NumberOptions): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  const type = o.type ?? 'number'
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${id}">${labelText(v, o.label, o.required)}</label>
  ${hintAndError(v, state, o)}
  <input id="${id}" name="${o.name}" class="${type === 'url' ? '' : 'short'}" type="${type === 'number' ? 'text' : type}"${
    type === 'number' ? html` inputmode="numeric" pattern="[0-9]*"` : ''
  } value="${state.values[o.name] ?? ''}"${o.required ? html` required aria-required="true"` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}>
</div>`
}

export function textarea(v: View, state: FormState, o: InputOptions & { rows?: number }): Html {
  const id = fieldId(o.name)
  const error = state.errors[o.name]
  const described = describedBy(o.name, Boolean(o.hint), Boolean(error))
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${id}">${labelText(v, o.label, o.required)}</label>
  ${hintAndError(v, state, o)}
  <textarea id="${id}" name="${o.name}" rows="${o.rows ?? 5}"${o.required ? html` required aria-required="true"` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${o.lang ? html` lang="${o.lang}"` : ''}>${state.values[o.name] ?? ''}</textarea>
</div>`
}
