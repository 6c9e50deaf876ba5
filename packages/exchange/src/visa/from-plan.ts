import type { TripPlanFields } from '../trip/fields.js'
import type { AccommodationKind } from './letter.js'

/** What the letter takes from a trip plan: dates, purpose, the programme summary, the lodging. */
export interface PlanFacts {
  arrival: string
  departure: string
  purpose: string | null
  programme: { date: string; items: string[] }[]
  accommodation: { kind: AccommodationKind; place: string | null }
}

function accommodationOf(a: TripPlanFields['accommodation']): PlanFacts['accommodation'] {
  const lodging = a.hostel ?? a.hotel
  const place = lodging?.name?.trim() || null
  if (a.hostFamilies > 0 && lodging) return { kind: 'mixed', place }
  if (a.hostFamilies > 0) return { kind: 'host_families', place: null }
  if (a.hostel) return { kind: 'hostel', place }
  if (a.hotel) return { kind: 'hotel', place }
  return { kind: 'open', place: null }
}

/**
 * The plan's facts for the letter. The programme is summarised per day (title and place of each
 * item, in order); leaders' names stay out: the letter names the travellers typed in for it.
 */
export function planFacts(plan: TripPlanFields): PlanFacts {
  return {
    arrival: plan.travel.outbound,
    departure: plan.travel.return,
    purpose: plan.purpose.trim() || null,
    programme: [...plan.programme]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((d) => ({
        date: d.date,
        items: d.items.map((i) => (i.place?.trim() ? `${i.title} (${i.place.trim()})` : i.title)),
      })),
    accommodation: accommodationOf(plan.accommodation),
  }
}
