import { REPORT_BANDS } from './fields.js'

/** How a field is answered; the kind decides the effort the time estimate counts for it. */
export type FormFieldKind = 'count' | 'choice' | 'multi' | 'rating' | 'text' | 'checkbox'

export interface FormField {
  /** The field's path in ReportFields (or `story.*`); `outcomes.*` stands for one per aim. */
  name: string
  kind: FormFieldKind
  /** Needed to file. */
  required: boolean
  /** Filled from the visit, the trip plan or the agreement: usually only checked, not typed. */
  prefilled: boolean
  /** Repeated once per aim of the agreement. */
  perAim?: true
}

export interface FormStep {
  id: 'participants' | 'activities' | 'outcomes' | 'rating' | 'story'
  /** A step a newcomer may skip entirely (the public story). */
  optional: boolean
  fields: FormField[]
}

const f = (name: string, kind: FormFieldKind, required: boolean, prefilled = false): FormField => ({
  name,
  kind,
  required,
  prefilled,
})

/**
 * The report form: five steps, shown as fieldsets on one page (no page loads between them). The
 * web renders it from this description, and the measure below counts the same fields.
 */
export const REPORT_FORM: readonly FormStep[] = [
  {
    id: 'participants',
    optional: false,
    fields: [
      ...REPORT_BANDS.map((b) => f(`participants.bands.${b}`, 'count', false, true)),
      f('participants.accompanyingAdults', 'count', true, true),
      f('days', 'count', true, true),
    ],
  },
  {
    id: 'activities',
    optional: false,
    fields: [f('activities.chosen', 'multi', true), f('activities.other', 'text', false)],
  },
  {
    id: 'outcomes',
    optional: false,
    fields: [
      { ...f('outcomes.rating', 'choice', true), perAim: true },
      { ...f('outcomes.comment', 'text', false), perAim: true },
    ],
  },
  {
    id: 'rating',
    optional: false,
    fields: [f('rating', 'rating', true), f('wouldRepeat', 'choice', true), f('improve', 'text', true)],
  },
  {
    id: 'story',
    optional: true,
    fields: [
      f('story.consent', 'checkbox', false),
      f('story.title', 'text', false),
      f('story.text', 'text', false),
      f('story.language', 'choice', false),
    ],
  },
]

/**
 * Keystroke-level model (Card, Moran & Newell 1980) operators in seconds: K for an average
 * non-secretary typist (0.28), P to point with the mouse (1.1), B a click (0.1 each press/release,
 * 0.2 for a click), H to move between mouse and keyboard (0.4), M to decide (1.35). R reads a
 * step's heading and hint (our figure: 5 s); `activities` assumes 3 ticks; a required text
 * assumes 80 characters (one short sentence), and a page load between steps costs nothing here
 * (one page).
 */
export const KLM = { K: 0.28, P: 1.1, B: 0.2, H: 0.4, M: 1.35, R: 5 } as const
export const ASSUMED = { ticks: 3, textChars: 80 } as const

/** The effort of one field a newcomer must touch. */
export function fieldSeconds(kind: FormFieldKind): number {
  const point = KLM.P + KLM.B
  switch (kind) {
    case 'count':
      return KLM.M + point + KLM.H + 2 * KLM.K + KLM.H
    case 'choice':
    case 'rating':
    case 'checkbox':
      return KLM.M + point
    case 'multi':
      return KLM.M + ASSUMED.ticks * point
    case 'text':
      return KLM.M + point + KLM.H + ASSUMED.textChars * KLM.K + KLM.H
  }
}

export interface FormMeasure {
  /** Steps shown (all on one page); the optional story step included. */
  steps: number
  /** Steps a newcomer must go through to file (the optional story skipped). */
  requiredSteps: number
  /** Fields on the form for an agreement with `aims` aims. */
  fields: number
  /** Fields a newcomer must touch: required and not prefilled. */
  mustTouch: number
  /** Prefilled required fields a newcomer only reads (counted in the reading time). */
  toCheck: number
  /** Keystroke-level estimate for a newcomer, in seconds, including reading and the file button. */
  estimateSeconds: number
}

/** Counts the form for an agreement with `aims` aims, and estimates a newcomer's time to file it. */
export function measureReportForm(aims: number, form: readonly FormStep[] = REPORT_FORM): FormMeasure {
  const expand = (s: FormStep) => s.fields.flatMap((x) => (x.perAim ? Array(aims).fill(x) : [x]))
  const all = form.flatMap(expand)
  const required = form.filter((s) => !s.optional)
  const touch = required.flatMap(expand).filter((x) => x.required && !x.prefilled)
  const check = required.flatMap(expand).filter((x) => x.required && x.prefilled)
  const seconds =
    required.length * KLM.R +
    check.length * KLM.M +
    touch.reduce((sum, x) => sum + fieldSeconds(x.kind), 0) +
    KLM.M +
    KLM.P +
    KLM.B
  return {
    steps: form.length,
    requiredSteps: required.length,
    fields: all.length,
    mustTouch: touch.length,
    toCheck: check.length,
    estimateSeconds: Math.round(seconds),
  }
}
