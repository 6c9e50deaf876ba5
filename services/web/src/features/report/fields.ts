import type { Report } from '@dj/contracts'
import { OUTCOME_RATINGS, REPORT_ACTIVITIES, REPORT_BANDS, type ReportBand, WOULD_REPEAT } from '@dj/exchange'
import { type FormState, formList, formValues, intField } from '../../components/forms.js'

/**
 * The report form's fields and the answers they make: one flat form field per answer (one rating
 * and one comment per aim), read back into ReportFields for the API and filled from its answers.
 */

/** Agreements state a handful of aims; the form takes up to the schema's 40. */
const MAX_AIMS = 40
const AIM_KEYS = Array.from({ length: MAX_AIMS }, (_, i) => `aim-${i + 1}`)

export const bandField = (b: ReportBand) => `band-${b}`
export const outcomeField = (aim: string) => `outcome-${aim}`
export const commentField = (aim: string) => `comment-${aim}`

export const FORM_NAMES = [
  ...REPORT_BANDS.map(bandField),
  'adults',
  'days',
  'activitiesOther',
  ...AIM_KEYS.map(outcomeField),
  ...AIM_KEYS.map(commentField),
  'rating',
  'wouldRepeat',
  'improve',
  'storyConsent',
  'storyTitle',
  'storyText',
  'storyLanguage',
  'version',
  'action',
] as const
export const LIST_NAMES = ['activities'] as const

type Fields = Record<string, unknown> & {
  participants: { bands: Partial<Record<ReportBand, number>>; accompanyingAdults?: number }
  days?: number
  activities: { chosen: string[]; other?: string }
  outcomes: { aim: string; rating?: string; comment?: string }[]
  rating?: number
  wouldRepeat?: string
  improve?: string
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n))

/** The form's values for the report's current answers. */
export function valuesOf(r: Report): Record<string, string> {
  const f = r.fields as Fields
  const values: Record<string, string> = {
    adults: str(f.participants.accompanyingAdults),
    days: str(f.days),
    activities: f.activities.chosen.join(','),
    activitiesOther: f.activities.other ?? '',
    rating: str(f.rating),
    wouldRepeat: f.wouldRepeat ?? '',
    improve: f.improve ?? '',
    storyConsent: r.story ? 'yes' : '',
    storyTitle: r.story?.title ?? '',
    storyText: r.story?.text ?? '',
    storyLanguage: r.story?.language ?? '',
    version: String(r.version),
  }
  for (const b of REPORT_BANDS) values[bandField(b)] = str(f.participants.bands[b])
  for (const o of f.outcomes) {
    values[outcomeField(o.aim)] = o.rating ?? ''
    values[commentField(o.aim)] = o.comment ?? ''
  }
  return values
}

/** What the browser sent, as the form shows it again (checkbox groups joined by commas). */
export function stateOf(body: unknown): { state: FormState; activities: string[] } {
  const values = formValues(body, FORM_NAMES)
  const activities = formList(body, 'activities').filter((a) =>
    (REPORT_ACTIVITIES as readonly string[]).includes(a),
  )
  values['activities'] = activities.join(',')
  return { state: { values, errors: {} }, activities }
}

const oneOf = <T extends string>(values: readonly T[], raw: string | undefined): T | undefined =>
  values.find((x) => x === raw)

/**
 * The answers the form holds, for the aims of this report; wrong entries become field errors
 * (a count that is not a whole number, a story without its consent).
 */
export function answersOf(
  state: FormState,
  activities: string[],
  aims: readonly string[],
): { fields: Fields; story: Report['story'] } {
  const val = (n: string) => state.values[n] ?? ''
  const bands: Partial<Record<ReportBand, number>> = {}
  for (const b of REPORT_BANDS) {
    const n = intField(state, bandField(b), true)
    if (n !== undefined) bands[b] = n
  }
  const fields: Fields = {
    participants: { bands },
    activities: { chosen: activities },
    outcomes: aims.map((aim) => {
      const rating = oneOf(OUTCOME_RATINGS, val(outcomeField(aim)))
      const comment = val(commentField(aim))
      return { aim, ...(rating ? { rating } : {}), ...(comment ? { comment } : {}) }
    }),
  }
  const adults = intField(state, 'adults', true)
  if (adults !== undefined) fields.participants.accompanyingAdults = adults
  const days = intField(state, 'days', true)
  if (days !== undefined) fields.days = days
  if (val('activitiesOther')) fields.activities.other = val('activitiesOther')
  const rating = oneOf(['1', '2', '3', '4', '5'] as const, val('rating'))
  if (rating) fields.rating = Number(rating)
  const repeat = oneOf(WOULD_REPEAT, val('wouldRepeat'))
  if (repeat) fields.wouldRepeat = repeat
  if (val('improve')) fields.improve = val('improve')

  const consent = val('storyConsent') === 'yes'
  const title = val('storyTitle')
  const text = val('storyText')
  const language = oneOf(['de', 'zh', 'en'] as const, val('storyLanguage'))
  let story: Report['story'] = null
  if (consent) {
    if (!title) state.errors['storyTitle'] = 'err.required'
    if (!text) state.errors['storyText'] = 'err.required'
    if (!language) state.errors['storyLanguage'] = 'err.required'
    if (title && text && language) story = { title, text, language, consent: true }
  } else if (title || text) state.errors['storyConsent'] = 'report.err.storyConsent'
  return { fields, story }
}

/** The form field an API problem's path names. */
export function fieldOfPath(path: string): string | undefined {
  if (path.startsWith('participants.bands')) {
    const band = path.split('.')[2] as ReportBand | undefined
    return band && REPORT_BANDS.includes(band) ? bandField(band) : bandField(REPORT_BANDS[0])
  }
  if (path === 'participants.accompanyingAdults') return 'adults'
  if (path.startsWith('activities.other')) return 'activitiesOther'
  if (path.startsWith('activities')) return 'activities'
  const aim = /^outcomes\.(aim-\d+)/.exec(path)?.[1]
  if (aim) return outcomeField(aim)
  const top = path.split('.')[0]
  return top && ['days', 'rating', 'wouldRepeat', 'improve'].includes(top) ? top : undefined
}
