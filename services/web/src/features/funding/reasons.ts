import type { FailedFundingRule } from '@dj/contracts'
import { formatNumber, LANG_TAG, type MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

/**
 * Why a programme does not fit, in plain words: each failed rule with what the programme wants
 * and what the trip plan says (or that the plan does not say it yet).
 */

/** The words of a list in the reader's language ("A, B oder C"; "A、B或C"). */
function words(v: View, prefix: string, values: unknown): string {
  const items = (Array.isArray(values) ? values : []).map((x) => v.t(`${prefix}.${String(x)}` as MessageKey))
  if (items.length === 0) return v.t('funding.reason.none')
  return new Intl.ListFormat(LANG_TAG[v.locale], { type: 'disjunction' }).format(items)
}

type Range = { min?: number | null; max?: number | null; minDays?: number | null; maxDays?: number | null }

export function reasonText(v: View, f: FailedFundingRule): string {
  const n = (x: unknown) => formatNumber(v.locale, Number(x))
  const expected = (f.expected ?? {}) as Range
  switch (f.rule) {
    case 'format':
      return v.t('funding.reason.format', {
        expected: words(v, 'format', f.expected),
        actual: words(v, 'format', f.actual),
      })
    case 'side':
      return v.t('funding.reason.side', { expected: words(v, 'side', f.expected) })
    case 'kind':
      return v.t('funding.reason.kind', {
        expected: words(v, 'kind', f.expected),
        actual: words(v, 'kind', f.actual),
      })
    case 'direction':
      return v.t('funding.reason.direction', {
        expected: words(v, 'visitDirection', f.expected),
        actual: v.t(`visitDirection.${String(f.actual)}` as MessageKey),
      })
    case 'activities_in_germany_only':
      return v.t('funding.reason.germanyOnly')
    case 'ages': {
      const actual = f.actual as Range | null
      if (!actual) return v.t('funding.reason.agesMissing', { min: n(expected.min), max: n(expected.max) })
      return v.t('funding.reason.ages', {
        min: n(expected.min),
        max: n(expected.max),
        amin: n(actual.min),
        amax: n(actual.max),
      })
    }
    case 'participants':
      return v.t('funding.reason.participants', { max: n(expected.max), actual: n(f.actual) })
    case 'leaders':
      return v.t('funding.reason.leaders', { max: n(expected.max), actual: n(f.actual) })
    case 'duration': {
      const range =
        expected.minDays != null && expected.maxDays != null
          ? v.t('funding.reason.daysRange', { min: n(expected.minDays), max: n(expected.maxDays) })
          : expected.minDays != null
            ? v.t('funding.reason.daysMin', { min: n(expected.minDays) })
            : v.t('funding.reason.daysMax', { max: n(expected.maxDays) })
      return f.actual == null
        ? v.t('funding.reason.durationMissing', { range })
        : v.t('funding.reason.duration', { range, actual: n(f.actual) })
    }
  }
}
