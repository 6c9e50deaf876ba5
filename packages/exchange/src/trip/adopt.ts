import type { TripPlanFields } from './fields.js'
import { addDays } from './validate.js'

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

/**
 * Next year's draft (from "plan the next one") taken over by the visit booked for it: the visit
 * decides direction and dates; the programme keeps its days in the same order from the new
 * outbound date, and days the shorter visit no longer has are left out; group, accommodation,
 * purpose and travel notes stay as the coordinators wrote them.
 */
export function adoptDraftForVisit(draft: TripPlanFields, fromVisit: TripPlanFields): TripPlanFields {
  const shift = dayNumber(fromVisit.travel.outbound) - dayNumber(draft.travel.outbound)
  const programme = draft.programme
    .map((day) => ({ ...day, date: addDays(day.date, shift) }))
    .filter((day) => day.date >= fromVisit.travel.outbound && day.date <= fromVisit.travel.return)
  return { ...draft, direction: fromVisit.direction, travel: { ...fromVisit.travel }, programme }
}
