import type { Problem } from '../../api-client.js'
import type { FormState } from '../../components/forms.js'
import type { MessageKey } from '../../i18n/index.js'

/** The letter takes at most this many people (the API's VISA_MAX_TRAVELLERS). */
export const MAX_ROWS = 30
export const FIRST_ROWS = 5
export const MORE_ROWS = 5

export const PERSON_FIELDS = [
  'familyName',
  'givenName',
  'dateOfBirth',
  'passportNumber',
  'sex',
  'nationality',
] as const
export type PersonField = (typeof PERSON_FIELDS)[number]
export const LETTER_FIELDS = ['costs', 'signatoryName', 'signatoryRole', 'hostAddress', 'cities'] as const
export const SEXES = ['F', 'M', 'X'] as const
export const COSTS = ['travellers', 'shared', 'host'] as const

export const fieldName = (field: PersonField, row: number) => `${field}-${row}`

/** Every field name the form may post (the page schema drops anything else). */
export const FORM_NAMES = [
  ...LETTER_FIELDS,
  'rows',
  'action',
  ...Array.from({ length: MAX_ROWS }, (_, row) => PERSON_FIELDS.map((f) => fieldName(f, row))).flat(),
]

export interface Traveller {
  familyName: string
  givenName: string
  dateOfBirth: string
  passportNumber: string
  sex?: 'F' | 'M' | 'X'
  nationality?: string
}

/** How many rows the form shows: what it said, within 1…MAX_ROWS. */
export function rowCount(raw: string | undefined): number {
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_ROWS) : FIRST_ROWS
}

/** "03.05.2010" as typed where the browser has no date field, or the date field's 2010-05-03. */
function isoDate(raw: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw)
  if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`
  return raw
}

/**
 * The travellers of the filled-in rows (empty rows are skipped), and for each the row it came
 * from, so the API's `travellers.<n>.<field>` lands on the right field. A row begun but not
 * finished gets its missing fields marked here, before anything is sent.
 */
export function travellersOf(state: FormState, rows: number): { travellers: Traveller[]; rowOf: number[] } {
  const travellers: Traveller[] = []
  const rowOf: number[] = []
  for (let row = 0; row < rows; row++) {
    const value = (f: PersonField) => state.values[fieldName(f, row)] ?? ''
    const texts = PERSON_FIELDS.filter((f) => f !== 'sex').map(value)
    if (texts.every((x) => x === '')) continue
    for (const f of ['familyName', 'givenName', 'dateOfBirth', 'passportNumber'] as const)
      if (!value(f)) state.errors[fieldName(f, row)] = 'visa.err.incomplete'
    const sex = SEXES.find((s) => s === value('sex'))
    const passport = value('passportNumber').toUpperCase().replace(/\s+/g, '')
    state.values[fieldName('passportNumber', row)] = passport
    travellers.push({
      familyName: value('familyName'),
      givenName: value('givenName'),
      dateOfBirth: isoDate(value('dateOfBirth')),
      passportNumber: passport,
      ...(sex ? { sex } : {}),
      ...(value('nationality') ? { nationality: value('nationality') } : {}),
    })
    rowOf.push(row)
  }
  return { travellers, rowOf }
}

const PERSON_MESSAGES: Record<PersonField, MessageKey> = {
  familyName: 'visa.err.name',
  givenName: 'visa.err.name',
  nationality: 'visa.err.name',
  dateOfBirth: 'visa.err.date',
  passportNumber: 'visa.err.passport',
  sex: 'err.invalid',
}
const LETTER_OF: Record<string, string> = {
  'signatory.name': 'signatoryName',
  'signatory.role': 'signatoryRole',
  hostAddress: 'hostAddress',
}

/** The API's refusal on the form's fields; the API names fields and rules, never the values. */
export function applyLetterProblem(state: FormState, problem: Problem, rowOf: readonly number[]): void {
  for (const e of problem.errors ?? []) {
    const person = /^travellers\.(\d+)\.(\w+)/.exec(e.field)
    if (person) {
      const row = rowOf[Number(person[1])]
      const field = PERSON_FIELDS.find((f) => f === person[2])
      if (row === undefined || !field) continue
      state.errors[fieldName(field, row)] ??= /twice/.test(e.message)
        ? 'visa.err.twice'
        : PERSON_MESSAGES[field]
      continue
    }
    const name = LETTER_OF[e.field] ?? (e.field.startsWith('cities') ? 'cities' : undefined)
    if (name) state.errors[name] ??= 'err.invalid'
  }
  if (Object.keys(state.errors).length === 0) state.formError = 'err.generic'
}
