import type { App } from '@dj/api'
import { visitPlans, visits } from '@dj/db'
import { bearer, createStaff, registerCoordinator } from './api.js'
import { type SeededInstitution, seedInstitution, seedProposal } from './matching.js'

export type Login = Awaited<ReturnType<typeof registerCoordinator>>

/**
 * The seven actors every route of a partnership is checked for: the coordinator of each party, a
 * coordinator of a third institution, the officer of each side and an admin (anonymous is `null`).
 */
export interface SevenActors {
  du: Login
  jh: Login
  stranger: Login
  officerDu: Login
  officerJh: Login
  admin: Login
  school: SeededInstitution
  club: SeededInstitution
  strangerInstitution: SeededInstitution
}

export type ActorName = 'anonymous' | 'du' | 'jh' | 'stranger' | 'officerDu' | 'officerJh' | 'admin'
export const ACTOR_NAMES: readonly ActorName[] = [
  'anonymous',
  'du',
  'jh',
  'stranger',
  'officerDu',
  'officerJh',
  'admin',
]

/** The access token of an actor by name (null for anonymous). */
export const tokenOf = (a: SevenActors, who: ActorName): string | null =>
  who === 'anonymous' ? null : a[who].accessToken

/**
 * The seven actors with their institutions. E-mail addresses (and so the names, their local part)
 * are prefixed (`x.lehrerin@…`) unless `prefix` is '', so two sets can share a database.
 */
export async function sevenActors(app: App, prefix = 'x'): Promise<SevenActors> {
  const at = (address: string) => (prefix ? `${prefix}.${address}` : address)
  const du = await registerCoordinator(app, at('lehrerin@gym-dueren.de'))
  const jh = await registerCoordinator(app, at('laoshi@jinhua-school.cn'), {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  const stranger = await registerCoordinator(app, at('fremd@other-school.de'))
  const officerDu = await createStaff(app, at('amt@kreis-dueren.de'), 'officer', 'duren')
  const officerJh = await createStaff(app, at('office@jinhua.gov.cn'), 'officer', 'jinhua')
  const admin = await createStaff(app, at('admin@platform.example'), 'admin')
  const school = await seedInstitution(app, 'duren', 'Gymnasium am Wirteltor', [du.id])
  const club = await seedInstitution(app, 'jinhua', '金华第一中学', [jh.id])
  const strangerInstitution = await seedInstitution(app, 'duren', 'Realschule Jülich', [stranger.id])
  return { du, jh, stranger, officerDu, officerJh, admin, school, club, strangerInstitution }
}

/**
 * A confirmed partnership between the actors' school and club through the real routes (both
 * accept, both offices confirm), as the matcher and the offices leave it.
 */
export async function confirmedPartnership(
  app: App,
  a: SevenActors,
): Promise<{ proposalId: string; partnershipId: string }> {
  const proposalId = await seedProposal(app, a.school, a.club)
  const post = async (url: string, token: string) => {
    const r = await app.inject({ method: 'POST', url, headers: bearer(token) })
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.body}`)
  }
  for (const who of [a.du, a.jh]) await post(`/v1/proposals/${proposalId}/accept`, who.accessToken)
  for (const who of [a.officerDu, a.officerJh])
    await post(`/v1/officer/proposals/${proposalId}/confirm`, who.accessToken)
  const [p] = await app.dbHandle.sql<{ id: string }[]>`
    select id from partnerships where proposal_id = ${proposalId}`
  return { proposalId, partnershipId: p!.id }
}

/**
 * A booked visit of the partnership as the scheduler leaves it (plan confirmed by both sides and
 * the visit row). Default: the Jinhua club visits the Düren school for 5 days from `start`;
 * `direction: 'duren_to_jinhua'` sends the school to the club.
 */
export async function bookedVisit(
  app: App,
  a: SevenActors,
  partnershipId: string,
  o: { start: string; days?: number; direction?: 'duren_to_jinhua' | 'jinhua_to_duren'; groupSize?: number },
): Promise<{ planId: string; visitId: string; startDate: string; endDate: string }> {
  const days = o.days ?? 5
  const direction = o.direction ?? 'jinhua_to_duren'
  const toDuren = direction === 'jinhua_to_duren'
  const host = toDuren ? a.school : a.club
  const traveller = toDuren ? a.club : a.school
  const endDate = new Date(Date.parse(`${o.start}T00:00:00Z`) + (days - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const [plan] = await app.db
    .insert(visitPlans)
    .values({
      partnershipId,
      hostInstitutionId: host.id,
      travellerInstitutionId: traveller.id,
      direction,
      days,
      groupSize: o.groupSize ?? 12,
      rangeStart: o.start,
      rangeEnd: endDate,
      hostConfirmedStart: o.start,
      travellerConfirmedStart: o.start,
      status: 'booked',
      createdBy: a.du.id,
    })
    .returning()
  const [visit] = await app.db
    .insert(visits)
    .values({
      visitPlanId: plan!.id,
      partnershipId,
      hostInstitutionId: host.id,
      travellerInstitutionId: traveller.id,
      title: 'Besuch / Visit / 访问',
      startDate: o.start,
      endDate,
      timeZone: toDuren ? 'Europe/Berlin' : 'Asia/Shanghai',
      uid: `visit-${plan!.id}@dueren-jinhua.exchange`,
      organizerEmail: 'termine@dueren-jinhua.example',
    })
    .returning()
  return { planId: plan!.id, visitId: visit!.id, startDate: o.start, endDate }
}

/** The parts of an agreement's fields the fixture fills in (AgreementFields of @dj/agreement). */
interface DraftFields {
  parties: Record<'duren' | 'jinhua', { name: Record<string, string>; address: Record<string, string> }>
  purpose: { formats: string[]; aims: Record<string, string> }
  topics: string[]
  languages: string[]
  groups: Record<'duren' | 'jinhua', { bands: object[] }>
  period: { start: string | null; end: string | null }
  term: { validUntil: string | null }
}
interface AgreementAnswer {
  id: string
  hash: string
  version: number
  fields: DraftFields
}

/**
 * The partnership's agreement drafted, filled in, sent out, signed by both institutions and
 * countersigned by both offices through the real routes: where issue 13's exchange starts.
 */
export async function countersignedAgreement(
  app: App,
  a: SevenActors,
  partnershipId: string,
  o: { start: string; end: string; validUntil?: string },
): Promise<AgreementAnswer> {
  const url = `/v1/partnerships/${partnershipId}/agreement`
  const call = async <T = AgreementAnswer>(
    method: 'POST' | 'PUT',
    path: string,
    token: string,
    payload: object,
  ) => {
    const r = await app.inject({ method, url: path, headers: bearer(token), payload })
    if (r.statusCode !== 200 && r.statusCode !== 201) throw new Error(`${method} ${path}: ${r.body}`)
    return r.json() as T
  }
  const draft = await call('POST', url, a.du.accessToken, {})
  const f = structuredClone(draft.fields)
  f.parties.duren.name.zh = '维尔特尔门文理中学'
  f.parties.duren.address = { de: 'Wirteltorplatz 1, 52349 Düren' }
  f.parties.jinhua.name.de = 'Jinhua Nr. 1 Mittelschule'
  f.parties.jinhua.address = { zh: '浙江省金华市婺城区八一南街 1 号' }
  f.purpose.aims = { de: 'Gemeinsame Umweltprojekte.', zh: '共同的环境项目。' }
  if (f.purpose.formats.length === 0) f.purpose.formats = ['pupil_exchange']
  if (f.topics.length === 0) f.topics = ['environment']
  if (f.languages.length === 0) f.languages = ['de', 'zh']
  if (f.groups.duren.bands.length + f.groups.jinhua.bands.length === 0)
    f.groups.jinhua.bands = [{ kind: 'pupils', ageMin: 12, ageMax: 14, count: 12 }]
  f.period = { start: o.start, end: o.end }
  f.term.validUntil = o.validUntil ?? o.end
  const edited = await call<{ agreement: AgreementAnswer }>('PUT', url, a.du.accessToken, {
    baseHash: draft.hash,
    fields: f,
  })
  const hash = edited.agreement.hash
  await call('POST', `${url}/submit`, a.du.accessToken, { hash })
  let last = edited.agreement
  for (const who of [a.du, a.jh, a.officerDu, a.officerJh])
    last = await call('POST', `${url}/sign`, who.accessToken, { hash })
  return last
}
