import {
  CLUB_FIELDS,
  type InstitutionKind,
  type LanguageUse,
  regionUnit,
  SCHOOL_TYPES,
  type Side,
  type TimeWindow,
  VOCATIONAL_TYPES,
} from '@dj/db'
import type { FieldProblem } from '../errors.js'

export interface ProfileFields {
  kind?: InstitutionKind | null
  subtype?: string | null
  discipline?: string | null
  municipalityId?: string | null
  languages?: LanguageUse[]
  contact?: unknown
  contactConsent?: boolean
}

/** Which subtypes a kind allows; schools depend on the side's school system. */
export function subtypesFor(side: Side, kind: InstitutionKind): readonly string[] {
  switch (kind) {
    case 'school':
      return SCHOOL_TYPES[side]
    case 'club':
      return CLUB_FIELDS
    case 'vocational':
      return VOCATIONAL_TYPES
    case 'public':
      return []
  }
}

/** Cross-field rules of a profile (merged: stored values overlaid with the change). */
export function profileProblems(side: Side, p: ProfileFields, hadConsent: boolean): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (p.kind) {
    const allowed = subtypesFor(side, p.kind)
    if (allowed.length === 0 && p.subtype)
      problems.push({ field: 'subtype', message: `a ${p.kind} institution has no subtype` })
    if (allowed.length > 0 && !p.subtype)
      problems.push({
        field: 'subtype',
        message: `required for kind ${p.kind}: one of ${allowed.join(', ')}`,
      })
    if (allowed.length > 0 && p.subtype && !allowed.includes(p.subtype))
      problems.push({
        field: 'subtype',
        message: `must be one of ${allowed.join(', ')} for ${side} ${p.kind}`,
      })
    if (p.discipline && !(p.kind === 'club' && p.subtype === 'sport'))
      problems.push({ field: 'discipline', message: 'only sport clubs have a discipline' })
  } else if (p.subtype) {
    problems.push({ field: 'kind', message: 'required when a subtype is given' })
  }
  if (p.municipalityId && !regionUnit(side, p.municipalityId))
    problems.push({ field: 'municipalityId', message: `is not a municipality or district of ${side}` })
  const seen = new Set<string>()
  for (const [i, l] of (p.languages ?? []).entries()) {
    const key = `${l.lang}:${l.use}`
    if (seen.has(key))
      problems.push({ field: `languages.${i}`, message: `${l.lang} (${l.use}) is listed twice` })
    seen.add(key)
  }
  if (p.contact && !p.contactConsent && !hadConsent)
    problems.push({ field: 'contactConsent', message: 'the contact person must have consented (true)' })
  return problems
}

export interface InterestFields {
  formats: string[]
  topics: string[]
  ageMin: number
  ageMax: number
  groupMin: number
  groupMax: number
  languages: { lang: string; level: string }[]
  windows: TimeWindow[]
  durationMinDays: number
  durationMaxDays: number
  direction: string
  hostingGuests: number
  hostFamilies: number
  maxPartners: number
}

const HOSTING_FORMATS = new Set(['pupil_exchange_hosting', 'hosting_only'])
const VIRTUAL_FORMATS = new Set(['virtual_exchange', 'joint_project'])

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/**
 * Cross-field rules of an interest, all reported at once. `checkWindows` is off when an update
 * leaves the windows alone, so a stored window that has since passed does not block other edits.
 */
export function interestProblems(i: InterestFields, today: string, checkWindows = true): FieldProblem[] {
  const problems: FieldProblem[] = []
  const add = (field: string, message: string) => problems.push({ field, message })
  if (i.ageMin < 3) add('ageMin', 'must be at least 3 (participants are at least pre-school age)')
  if (i.ageMax > 99) add('ageMax', 'must be at most 99')
  if (i.ageMin > i.ageMax) add('ageMin', 'must not exceed ageMax')
  if (i.groupMin < 1) add('groupMin', 'must be at least 1')
  if (i.groupMin > i.groupMax) add('groupMin', 'must not exceed groupMax')
  if (i.groupMax > 500) add('groupMax', 'must be at most 500')
  if (i.durationMinDays < 1) add('durationMinDays', 'must be at least 1')
  if (i.durationMaxDays > 365) add('durationMaxDays', 'must be at most 365')
  if (i.durationMinDays > i.durationMaxDays) add('durationMinDays', 'must not exceed durationMaxDays')
  if (i.hostingGuests < 0) add('hostingGuests', 'must be 0 or more')
  if (i.hostFamilies < 0) add('hostFamilies', 'must be 0 or more')
  if (i.maxPartners < 1) add('maxPartners', 'must be at least 1')
  if (i.maxPartners > 50) add('maxPartners', 'must be at most 50')
  const hosting = i.formats.some((f) => HOSTING_FORMATS.has(f))
  if (hosting && (i.direction === 'host' || i.direction === 'both') && i.hostingGuests < 1)
    add('hostingGuests', 'a hosting format needs room for at least one guest')
  if (i.direction === 'visit' && i.formats.every((f) => HOSTING_FORMATS.has(f)))
    add('direction', 'hosting formats need direction host or both')
  if (i.direction === 'virtual' && i.formats.some((f) => !VIRTUAL_FORMATS.has(f)))
    add('direction', 'virtual only allows the formats virtual_exchange and joint_project')
  const langs = new Set<string>()
  for (const [n, l] of i.languages.entries()) {
    if (langs.has(l.lang)) add(`languages.${n}.lang`, `${l.lang} is listed twice`)
    langs.add(l.lang)
  }
  if (checkWindows) {
    for (const [n, w] of i.windows.entries()) {
      if (!isRealDate(w.start)) add(`windows.${n}.start`, 'is not a calendar date')
      if (!isRealDate(w.end)) add(`windows.${n}.end`, 'is not a calendar date')
      if (w.start > w.end) add(`windows.${n}.start`, 'must not be after end')
      if (w.end < today) add(`windows.${n}.end`, 'lies in the past')
    }
  }
  return problems
}
