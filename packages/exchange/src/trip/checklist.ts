import { MINOR_BANDS, type TripPlanFields } from './fields.js'
import { addDays } from './validate.js'

/*
 * Lead times of the checklist, with their sources (checked 2026-12; see packages/exchange/README.md):
 *
 * - Chinese F visa (a German group going to China): applied for in person at the Chinese Visa
 *   Application Service Center (Berlin, Hamburg, Düsseldorf, Frankfurt, München; appointment
 *   online, https://www.visaforchina.cn/). The centre recommends applying well ahead and no more
 *   than three months before entry (a visa issued earlier may lapse before the trip); processing
 *   takes about four working days plus the appointment wait, so the checklist asks for the
 *   application one month before departure. The invitation letter of the Chinese host is part of
 *   the application. German nationals have at times entered visa-free for short stays (the
 *   unilateral exemption since 2024): check it for each traveller's passport; the item stays, a
 *   group rarely holds one nationality only.
 * - Schengen C visa (a Chinese group going to Germany): Regulation (EC) No 810/2009 (Visa Code)
 *   Art. 9(1) as amended by Regulation (EU) 2019/1155: lodged no more than six months and, as a
 *   rule, no later than 15 calendar days before the start of the visit; the German missions in
 *   China recommend six to eight weeks for groups, so the item is due six weeks before departure.
 * - Travel health insurance: Visa Code Art. 15: mandatory for a Schengen C visa, at least
 *   EUR 30,000 coverage for the whole stay, shown with the application (so due with the visa);
 *   for a group going to China a travel health insurance is advised (due two weeks before).
 * - Parental consent: collected by the school, on paper, before the visa application of a minor;
 *   the platform stores none of it (only this item's tick). Listed only when minors travel.
 * - Funding applications: the programmes' own deadlines, given by the caller (funding helper).
 * - Report: most funders ask for it two weeks after the exchange (PASCH: two weeks), hence 14 days.
 */

export const LEAD_DAYS = {
  /** One month before departure; not earlier than three months. */
  visaF: 30,
  visaFEarliest: 90,
  /** Six weeks (recommended 6–8); at the latest 15 days, at the earliest six months before. */
  visaSchengen: 42,
  visaSchengenLatest: 15,
  visaSchengenEarliest: 183,
  /** Insurance for a trip to China: two weeks before departure. */
  insuranceChina: 14,
  /** Parental consent: one week before the visa is applied for. */
  consentBeforeVisa: 7,
  /** The report: days after the return. */
  reportAfterReturn: 14,
} as const

export type DerivedKey = 'visa_f' | 'visa_schengen' | 'insurance' | 'parental_consent' | 'report'

/** One item of a plan's checklist, as stored and shown. */
export interface ChecklistItem {
  /** A derived key, `funding:<slug>` or `custom:<n>`. */
  key: string
  /** The coordinators' own words (custom items) or the programme's name (funding items). */
  label: string | null
  dueDate: string | null
  /** The earliest sensible day to do it (visa applications), when there is one. */
  earliest: string | null
  done: boolean
  /** Not done and its due date has passed. */
  overdue: boolean
}

/** What re-derivation keeps of the stored checklist: the keys, what was ticked, custom items. */
export interface StoredItem {
  key: string
  label: string | null
  dueDate: string | null
  done: boolean
}

export interface FundingDeadline {
  slug: string
  name: string
  date: string
}

export interface DeriveContext {
  /** The civil date the checklist is derived on (YYYY-MM-DD). */
  today: string
  fundingDeadlines: readonly FundingDeadline[]
  previous?: readonly StoredItem[]
}

export const isCustomKey = (key: string) => key.startsWith('custom:')
export const isFundingKey = (key: string) => key.startsWith('funding:')

const hasMinors = (plan: TripPlanFields) => {
  const counted = plan.group.bands.filter((b) => b.count > 0)
  // Before the group is counted, assume minors: a school's first plan usually has them.
  return counted.length === 0 || counted.some((b) => MINOR_BANDS.includes(b.band))
}

type Derived = Omit<ChecklistItem, 'done' | 'overdue'>

function derivedItems(plan: TripPlanFields, funding: readonly FundingDeadline[]): Derived[] {
  const out = plan.travel.outbound
  const items: Derived[] = []
  const item = (key: string, dueDate: string, earliest: string | null = null, label: string | null = null) =>
    items.push({ key, label, dueDate, earliest })
  let visaDue: string
  if (plan.direction === 'duren_to_jinhua') {
    visaDue = addDays(out, -LEAD_DAYS.visaF)
    item('visa_f', visaDue, addDays(out, -LEAD_DAYS.visaFEarliest))
    item('insurance', addDays(out, -LEAD_DAYS.insuranceChina))
  } else {
    visaDue = addDays(out, -LEAD_DAYS.visaSchengen)
    item('visa_schengen', visaDue, addDays(out, -LEAD_DAYS.visaSchengenEarliest))
    item('insurance', visaDue)
  }
  if (hasMinors(plan)) item('parental_consent', addDays(visaDue, -LEAD_DAYS.consentBeforeVisa))
  for (const f of funding) item(`funding:${f.slug}`, f.date, null, f.name)
  item('report', addDays(plan.travel.return, LEAD_DAYS.reportAfterReturn))
  return items
}

const byDue = (a: ChecklistItem, b: ChecklistItem) =>
  (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.key.localeCompare(b.key)

/**
 * The checklist a plan calls for, merged with what is stored: derived items take their due dates
 * from the plan (travel date and direction) and the funding deadlines, keeping what was ticked by
 * key; custom items stay as they are; a derived item the plan no longer calls for (a funding
 * deadline that is no longer the next one) stays if its due date has passed, so nothing that was
 * late silently disappears, and goes otherwise. Ordered by due date.
 */
export function deriveChecklist(plan: TripPlanFields, ctx: DeriveContext): ChecklistItem[] {
  const previous = new Map((ctx.previous ?? []).map((p) => [p.key, p]))
  const finish = (d: Derived, done: boolean): ChecklistItem => ({
    ...d,
    done,
    overdue: !done && d.dueDate !== null && d.dueDate < ctx.today,
  })
  const derived = derivedItems(plan, ctx.fundingDeadlines).map((d) =>
    finish(d, previous.get(d.key)?.done ?? false),
  )
  const derivedKeys = new Set(derived.map((d) => d.key))
  const kept = [...previous.values()]
    .filter(
      (p) => !derivedKeys.has(p.key) && (isCustomKey(p.key) || (p.dueDate !== null && p.dueDate < ctx.today)),
    )
    .map((p) => finish({ key: p.key, label: p.label, dueDate: p.dueDate, earliest: null }, p.done))
  return [...derived, ...kept].sort(byDue)
}

/** The next free key of a coordinator's own item. */
export function nextCustomKey(items: readonly { key: string }[]): string {
  const used = items.filter((i) => isCustomKey(i.key)).map((i) => Number(i.key.slice(7)) || 0)
  return `custom:${Math.max(0, ...used) + 1}`
}

export interface ChecklistProgress {
  done: number
  total: number
  overdue: number
}

export function checklistProgress(
  items: readonly Pick<ChecklistItem, 'done' | 'overdue'>[],
): ChecklistProgress {
  return {
    done: items.filter((i) => i.done).length,
    total: items.length,
    overdue: items.filter((i) => i.overdue).length,
  }
}
