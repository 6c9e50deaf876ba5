import type { TripFunding, TripFundingProgramme } from '@dj/contracts'
import { type DbOrTx, institutions, interests } from '@dj/db'
import {
  type BudgetInput,
  budgetCsv,
  budgetDocument,
  budgetEstimate,
  DUREN,
  type FitContext,
  type FundingProgramme,
  fitInputOf,
  fundingFit,
  JINHUA,
  nextDeadlines,
  placeOf,
  type TripPlanFields,
} from '@dj/exchange'
import { renderBudgetPdf } from '@dj/pdf'
import type { Format, InstitutionKind, Locale } from '@dj/vocabulary'
import { inArray } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { loadTripPlan } from '../trip/store.js'
import { type Partnership, workspaceAccess } from '../workspace/access.js'
import { activeProgrammes } from './store.js'

/**
 * A trip's funding: for every active programme whether the plan fits, the rules it breaks and a
 * budget estimate by its rates. Read as the trip plan is (the pair, both offices, admins).
 */

export interface Partners extends FitContext {
  /** The region units of the two institutions, for the travel distance. */
  units: { duren: string | null; jinhua: string | null }
}

/** The formats both interests name and the two institutions (kind, side, place). */
export async function partnersOf(db: DbOrTx, p: Partnership): Promise<Partners> {
  const [rows, ints] = await Promise.all([
    db
      .select({ side: institutions.side, kind: institutions.kind, unit: institutions.municipalityId })
      .from(institutions)
      .where(inArray(institutions.id, [p.institutionA, p.institutionB])),
    db
      .select({ id: interests.id, formats: interests.formats })
      .from(interests)
      .where(inArray(interests.id, [p.interestA, p.interestB])),
  ])
  const [a, b] = [ints.find((i) => i.id === p.interestA), ints.find((i) => i.id === p.interestB)]
  const formats = (a?.formats ?? []).filter((f) => (b?.formats ?? []).includes(f)) as Format[]
  return {
    formats,
    institutions: rows.flatMap((r) => (r.kind ? [{ side: r.side, kind: r.kind as InstitutionKind }] : [])),
    units: {
      duren: rows.find((r) => r.side === 'duren')?.unit ?? null,
      jinhua: rows.find((r) => r.side === 'jinhua')?.unit ?? null,
    },
  }
}

interface TripContext {
  planId: string
  partnershipId: string
  plan: TripPlanFields
  input: BudgetInput
}

async function tripContext(db: DbOrTx, actor: Actor, tripPlanId: string): Promise<TripContext> {
  const row = await loadTripPlan(db, tripPlanId)
  const access = await workspaceAccess(db, actor, row.partnershipId)
  const plan = row.fields as unknown as TripPlanFields
  const partners = await partnersOf(db, access.partnership)
  const input: BudgetInput = {
    ...fitInputOf(plan, partners),
    from: placeOf(partners.units.duren, DUREN),
    to: placeOf(partners.units.jinhua, JINHUA),
  }
  return { planId: row.id, partnershipId: row.partnershipId, plan, input }
}

function programmeView(id: string, p: FundingProgramme, ctx: TripContext): TripFundingProgramme {
  const fit = fundingFit(ctx.input, p)
  const budget = budgetEstimate(ctx.input, p)
  return {
    id,
    slug: p.slug,
    name: p.name,
    funder: p.funder,
    sourceUrl: p.sourceUrl,
    lastChecked: p.lastChecked,
    notes: p.notes,
    fits: fit.fits,
    failed: fit.failed,
    budget: {
      currency: budget.currency,
      distanceKm: budget.distanceKm,
      persons: budget.persons,
      days: budget.days,
      lines: budget.lines,
      total: budget.total,
      missing: budget.missing,
    },
    deadlines: nextDeadlines(p, ctx.plan.travel.outbound),
  }
}

export async function tripFunding(db: DbOrTx, actor: Actor, tripPlanId: string): Promise<TripFunding> {
  const ctx = await tripContext(db, actor, tripPlanId)
  const programmes = (await activeProgrammes(db))
    .map(({ id, programme }) => programmeView(id, programme, ctx))
    .sort((a, b) => Number(b.fits) - Number(a.fits) || a.name.de.localeCompare(b.name.de, 'de'))
  return { tripPlanId: ctx.planId, partnershipId: ctx.partnershipId, programmes }
}

async function budgetOf(db: DbOrTx, actor: Actor, tripPlanId: string, slug: string) {
  const ctx = await tripContext(db, actor, tripPlanId)
  const found = (await activeProgrammes(db)).find((p) => p.programme.slug === slug)
  if (!found) throw new Errors.NotFound('funding programme')
  return { ctx, programme: found.programme, estimate: budgetEstimate(ctx.input, found.programme) }
}

const fileName = (slug: string, ext: string) => `budget-${slug}.${ext}`

export async function tripBudgetCsv(
  db: DbOrTx,
  actor: Actor,
  tripPlanId: string,
  slug: string,
  locale: Locale,
) {
  const { estimate } = await budgetOf(db, actor, tripPlanId, slug)
  return { fileName: fileName(slug, 'csv'), text: budgetCsv(estimate, locale) }
}

export async function tripBudgetPdf(
  db: DbOrTx,
  actor: Actor,
  tripPlanId: string,
  slug: string,
  locale: Locale,
  now = new Date(),
) {
  const { ctx, programme, estimate } = await budgetOf(db, actor, tripPlanId, slug)
  const doc = budgetDocument(
    estimate,
    programme,
    { direction: ctx.plan.direction, outbound: ctx.plan.travel.outbound, return: ctx.plan.travel.return },
    locale,
    now.toISOString(),
  )
  return { fileName: fileName(slug, 'pdf'), bytes: await renderBudgetPdf(doc) }
}
