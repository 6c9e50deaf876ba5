import type { ChecklistEntry } from '@dj/contracts'
import { TRIP_DERIVED_ITEMS } from '@dj/contracts'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

const DERIVED = new Set<string>(TRIP_DERIVED_ITEMS)

/** A checklist item's name: the derived item's, the funding programme's, or the coordinators' own words. */
export function itemLabel(v: View, item: Pick<ChecklistEntry, 'key' | 'label'>): string {
  if (DERIVED.has(item.key)) return v.t(`trip.item.${item.key}` as MessageKey)
  if (item.key.startsWith('funding:'))
    return v.t('trip.item.funding', { name: item.label ?? item.key.slice(8) })
  return item.label ?? item.key
}

/** Why the item is there and what to do, for the derived ones (their sources: packages/exchange). */
export function itemHint(v: View, key: string): string | null {
  return DERIVED.has(key) ? v.t(`trip.itemHint.${key}` as MessageKey) : null
}

export const bandLabel = (v: View, band: string) =>
  band === 'trainees' ? v.t('trip.band.trainees') : v.t('trip.band.ages', { band })
