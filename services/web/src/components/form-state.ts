import type { Problem } from '../api-client.js'
import { type Html, html } from '../html.js'
import type { MessageKey, Params } from '../i18n/index.js'
import type { View } from '../view.js'

/** A form being shown again: what was typed and what is wrong, field by field. */
export interface FormState {
  values: Record<string, string>
  errors: Record<string, MessageKey>
  /** A problem not tied to one field; shown in the summary, linked to `formErrorField`. */
  formError?: MessageKey
  formErrorField?: string
  /** Values for an error's placeholders, e.g. the length limit of a field that was too long. */
  params?: Record<string, Params>
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} })
export const hasErrors = (s: FormState) => Object.keys(s.errors).length > 0 || s.formError !== undefined

export function csrfField(v: View): Html {
  return html`<input type="hidden" name="_csrf" value="${v.csrf}">`
}

/** Text body of a form post: only string fields, trimmed where that cannot change meaning. */
export function formValues(body: unknown, names: readonly string[]): Record<string, string> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = source[name]
    out[name] = typeof value === 'string' ? (/password/i.test(name) ? value : value.trim()) : ''
  }
  return out
}

export function requireFields(state: FormState, names: readonly string[]): FormState {
  for (const name of names) if (!state.values[name]) state.errors[name] ??= 'err.required'
  return state
}

const KNOWN_FIELD_MESSAGES: [RegExp, MessageKey][] = [
  [/at least \d+ characters/, 'err.passwordShort'],
  [/must not be your email/, 'err.passwordIsEmail'],
  [/time zone/i, 'err.timeZone'],
  [/format "email"|must match format "email"/, 'err.email'],
]

const CODE_MESSAGES: Record<string, MessageKey> = {
  AUTH_INVALID_CREDENTIALS: 'err.invalidCredentials',
  AUTH_INVALID_TOKEN: 'err.invalidToken',
  AUTH_REFRESH_REUSED: 'err.invalidToken',
  RATE_LIMITED: 'err.rateLimited',
  SERVICE_UNAVAILABLE: 'err.unavailable',
  AUTH_EMAIL_NOT_VERIFIED: 'err.emailNotVerified',
  ACCESS_FORBIDDEN: 'err.forbidden',
  AUTH_ACCOUNT_DISABLED: 'err.forbidden',
  CONFLICT: 'err.conflict',
}

/** The message for a problem that is not about a single field. */
export function problemMessage(problem: Problem): MessageKey {
  return CODE_MESSAGES[problem.code] ?? (problem.status >= 500 ? 'err.unavailable' : 'err.generic')
}

/**
 * Puts an API problem+json on the form: `errors[].field` that the form has become field errors
 * (translated by what they say), anything else becomes the form error.
 * `fieldMap` renames API fields to form fields where they differ.
 */
export function applyProblem(
  state: FormState,
  problem: Problem,
  fields: readonly string[],
  fieldMap: Record<string, string> = {},
): FormState {
  if (problem.code === 'ACCOUNT_EMAIL_TAKEN' && fields.includes('email')) {
    state.errors['email'] = 'err.emailTaken'
    return state
  }
  for (const e of problem.errors ?? []) {
    const name = fieldMap[e.field] ?? e.field
    if (!fields.includes(name)) continue
    if (state.errors[name]) continue
    const known = KNOWN_FIELD_MESSAGES.find(([re]) => re.test(e.message))
    // Say the limit instead of a bare "please check this entry".
    const tooLong = /more than (\d+) characters/.exec(e.message)
    if (tooLong) {
      state.errors[name] = 'err.tooLong'
      state.params = { ...state.params, [name]: { max: Number(tooLong[1]) } }
    } else state.errors[name] = known ? known[1] : 'err.invalid'
  }
  if (Object.keys(state.errors).length === 0) {
    state.formError = problemMessage(problem)
    state.formErrorField = fields[0]
  }
  return state
}

/** Every value of a repeated form field (checkbox groups). */
export function formList(body: unknown, name: string): string[] {
  const value = (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined) ?? []
  return (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string')
}

/** Reads a whole number field; records err.number when it is not one. */
export function intField(state: FormState, name: string, optional = false): number | undefined {
  const raw = state.values[name] ?? ''
  if (raw === '' && optional) return undefined
  if (!/^\d{1,6}$/.test(raw)) {
    state.errors[name] ??= raw === '' ? 'err.required' : 'err.number'
    return undefined
  }
  return Number(raw)
}
