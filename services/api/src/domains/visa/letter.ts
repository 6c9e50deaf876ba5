import { AgreementFields } from '@dj/agreement'
import type { VisaLetterInfo } from '@dj/contracts'
import { agreements, type DbOrTx, institutions } from '@dj/db'
import {
  type CostBearer,
  HOST_SIDE,
  hostFromAgreement,
  type InstitutionNames,
  LETTER_LANGUAGES,
  localized,
  MAX_TRAVELLERS,
  planFacts,
  TripPlanFields,
  travellerProblems,
  VISA_OF,
  type VisaLetterInput,
  type VisaTraveller,
  visaLetter,
} from '@dj/exchange'
import { renderVisaLetterPdf } from '@dj/pdf'
import type { Side } from '@dj/vocabulary'
import { desc, eq, inArray } from 'drizzle-orm'
import { Value } from 'typebox/value'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { FieldsError } from '../errors.js'
import { loadTripPlan, loadVisit } from '../trip/store.js'
import { workspaceAccess } from '../workspace/access.js'
import { VisaErrors } from './errors.js'

export interface LetterRequest {
  id: string
  travellers: VisaTraveller[]
  costs?: CostBearer
  signatory?: { name: string; role: string }
  hostAddress?: string
  cities?: string[]
}

export interface Ctx {
  actor: Actor
  requestId: string | undefined
  now?: Date
}

/** The civil date in the host's zone: the letter is dated where it is signed. */
const ZONE: Record<Side, string> = { duren: 'Europe/Berlin', jinhua: 'Asia/Shanghai' }
const civilDate = (now: Date, zone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)

type InstitutionRow = Pick<typeof institutions.$inferSelect, 'id' | 'name' | 'nameI18n' | 'contact'>

const namesOf = (i: InstitutionRow): InstitutionNames => {
  const out: InstitutionNames = { original: i.name }
  for (const l of ['de', 'en', 'zh'] as const) {
    const v = i.nameI18n[l]?.trim()
    if (v) out[l] = v
  }
  return out
}

/** The host as its agreement describes it (latest edition), else as the registry knows it. */
async function hostOf(db: DbOrTx, partnershipId: string, host: InstitutionRow, side: Side) {
  const [agreement] = await db
    .select({ fields: agreements.fields })
    .from(agreements)
    .where(eq(agreements.partnershipId, partnershipId))
    .orderBy(desc(agreements.edition))
    .limit(1)
  if (agreement && Value.Check(AgreementFields, agreement.fields)) {
    const fromAgreement = hostFromAgreement(agreement.fields, side, host.name)
    return { ...fromAgreement, name: { ...namesOf(host), ...fromAgreement.name, original: host.name } }
  }
  const c = host.contact
  return {
    name: namesOf(host),
    address: null,
    contact: c ? { name: c.name, role: c.role, email: c.email } : null,
    signatory: null,
  }
}

/** The trip, its visit, the two institutions and the host as the letter names it; host coordinators only. */
async function letterContext(tx: DbOrTx, actor: Actor, tripPlanId: string) {
  const plan = await loadTripPlan(tx, tripPlanId)
  const access = await workspaceAccess(tx, actor, plan.partnershipId)
  if (!plan.visitId) throw new VisaErrors.NoVisit()
  const visit = await loadVisit(tx, plan.visitId)
  if (!visit) throw new VisaErrors.NoVisit()
  const rows = await tx
    .select({
      id: institutions.id,
      name: institutions.name,
      nameI18n: institutions.nameI18n,
      contact: institutions.contact,
    })
    .from(institutions)
    .where(inArray(institutions.id, [visit.hostInstitutionId, visit.travellerInstitutionId]))
  const host = rows.find((r) => r.id === visit.hostInstitutionId)!
  const guest = rows.find((r) => r.id === visit.travellerInstitutionId)!
  if (access.level !== 'act' || access.ownInstitutionId !== host.id) throw new VisaErrors.HostOnly(host.name)
  if (visit.status === 'cancelled') throw new VisaErrors.VisitCancelled()
  const side = HOST_SIDE[visit.direction]
  const facts = Value.Check(TripPlanFields, plan.fields)
    ? planFacts(plan.fields)
    : {
        arrival: visit.startDate,
        departure: visit.endDate,
        purpose: null,
        programme: [],
        accommodation: { kind: 'open' as const, place: null },
      }
  return {
    plan,
    visit,
    side,
    host,
    guest,
    facts,
    hostBlock: await hostOf(tx, plan.partnershipId, host, side),
  }
}

/** What the form shows before anyone types a name: host, visa, languages, dates and the defaults. */
export async function visaLetterInfo(db: DbOrTx, ctx: Ctx, tripPlanId: string): Promise<VisaLetterInfo> {
  const c = await letterContext(db, ctx.actor, tripPlanId)
  const visa = VISA_OF[c.visit.direction]
  const languages = LETTER_LANGUAGES[visa]
  const first = languages[0]
  const s = c.hostBlock.signatory
  return {
    tripPlanId: c.plan.id,
    partnershipId: c.plan.partnershipId,
    visa,
    languages: [...languages],
    host: { id: c.host.id, name: c.host.name },
    guest: { id: c.guest.id, name: c.guest.name },
    arrival: c.facts.arrival,
    departure: c.facts.departure,
    defaults: {
      address: localized(first, c.hostBlock.address),
      signatory: s ? { name: s.name, role: localized(first, s.role) ?? '' } : null,
    },
    maxTravellers: MAX_TRAVELLERS,
  }
}

/**
 * The host institution's visa invitation letter for the trip, as PDF bytes. Only the host's
 * coordinators issue it (the letter is theirs to sign); the travellers are taken from the
 * request, printed and dropped: no row, audit entry, job or log line holds any of them. The
 * audit entry records that a letter was issued and for how many.
 */
export async function issueVisaLetter(
  tx: DbOrTx,
  ctx: Ctx,
  input: LetterRequest,
): Promise<{ bytes: Buffer; fileName: string }> {
  const now = ctx.now ?? new Date()
  const { plan, visit, side, guest, facts, hostBlock } = await letterContext(tx, ctx.actor, input.id)
  const issuedOn = civilDate(now, ZONE[side])
  const problems = travellerProblems(input.travellers, issuedOn)
  if (problems.length > 0) throw new FieldsError(problems)

  const letterInput: VisaLetterInput = {
    direction: visit.direction,
    host: {
      ...hostBlock,
      ...(input.hostAddress ? { address: input.hostAddress } : {}),
      ...(input.signatory ? { signatory: input.signatory } : {}),
    },
    guest: { name: namesOf(guest) },
    ...facts,
    cities: input.cities ?? [],
    costs: input.costs ?? 'travellers',
    travellers: input.travellers,
    issuedOn,
  }
  const letter = visaLetter(letterInput)
  const bytes = await renderVisaLetterPdf({ letter, createdAt: now.toISOString() })
  await writeAudit(tx, {
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.displayName,
    action: 'visa.letter_issued',
    entityType: 'trip_plan',
    entityId: plan.id,
    // How many and which visa; never who.
    after: { visa: letter.visa, travellers: input.travellers.length },
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  })
  return { bytes, fileName: `visa-invitation-${letter.visa.replace('_', '-')}-${issuedOn}.pdf` }
}
