import { TIMELINE_MAX, type TimelineEntry, type Workspace } from '@dj/contracts'
import {
  type DbOrTx,
  institutions,
  meetings,
  partnerMessages,
  proposalDecisions,
  proposals,
  visitPlans,
  visits,
} from '@dj/db'
import { desc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { agreementSource } from '../agreement/timeline.js'
import { workspaceTrips } from '../trip/plan.js'
import type { Partnership } from './access.js'
import { conversationAccess } from './access.js'
import { unreadCount } from './messages.js'

/**
 * One source of timeline entries. Each domain that adds to a partnership's history (the agreement
 * next) adds a source here; the timeline merges them newest first.
 */
export type TimelineSource = (db: DbOrTx, p: Partnership) => Promise<TimelineEntry[]>

const entry = (
  e: Pick<TimelineEntry, 'kind' | 'subjectId'> & { at: Date } & Partial<Omit<TimelineEntry, 'at'>>,
): TimelineEntry => ({ side: null, institutionId: null, ...e, at: e.at.toISOString() })

const sideInstitution = (p: Partnership, side: 'duren' | 'jinhua') =>
  side === 'duren' ? p.institutionA : p.institutionB

/** The proposal, each side's acceptance and each office's confirmation, then the partnership itself. */
const matchingSource: TimelineSource = async (db, p) => {
  const confirmed = entry({ kind: 'partnership.confirmed', subjectId: p.id, at: p.createdAt })
  if (!p.proposalId) return [confirmed]
  const [proposal] = await db
    .select({ id: proposals.id, createdAt: proposals.createdAt })
    .from(proposals)
    .where(eq(proposals.id, p.proposalId))
  if (!proposal) return [confirmed]
  const out: TimelineEntry[] = []
  out.push(entry({ kind: 'proposal.created', subjectId: proposal.id, at: proposal.createdAt }))
  const decisions = await db
    .select()
    .from(proposalDecisions)
    .where(eq(proposalDecisions.proposalId, proposal.id))
    .orderBy(proposalDecisions.createdAt)
  for (const d of decisions) {
    if (d.decision === 'decline') continue
    out.push(
      entry({
        kind: d.decision === 'accept' ? 'proposal.accepted' : 'proposal.officer_confirmed',
        subjectId: proposal.id,
        at: d.createdAt,
        side: d.side,
        institutionId: d.decision === 'accept' ? sideInstitution(p, d.side) : null,
      }),
    )
  }
  out.push(confirmed)
  return out
}

/**
 * Meetings, visit plans and visits. Their tables keep the creation time and the time of the last
 * change, so a booking or a cancellation is dated by the row's last update.
 */
const schedulingSource: TimelineSource = async (db, p) => {
  const [ms, plans, vs] = await Promise.all([
    db.select().from(meetings).where(eq(meetings.partnershipId, p.id)),
    db.select().from(visitPlans).where(eq(visitPlans.partnershipId, p.id)),
    db.select().from(visits).where(eq(visits.partnershipId, p.id)),
  ])
  const out: TimelineEntry[] = []
  for (const mt of ms) {
    out.push(entry({ kind: 'meeting.proposed', subjectId: mt.id, at: mt.createdAt, title: mt.title }))
    if (mt.status === 'scheduled' && mt.startAt && mt.endAt)
      out.push(
        entry({
          kind: 'meeting.scheduled',
          subjectId: mt.id,
          at: mt.updatedAt,
          title: mt.title,
          time: { start: mt.startAt.toISOString(), end: mt.endAt.toISOString() },
        }),
      )
    if (mt.status === 'cancelled')
      out.push(entry({ kind: 'meeting.cancelled', subjectId: mt.id, at: mt.updatedAt, title: mt.title }))
  }
  for (const v of plans) {
    const dates = { start: v.rangeStart, end: v.rangeEnd }
    out.push(entry({ kind: 'visit_plan.proposed', subjectId: v.id, at: v.createdAt, days: v.days, dates }))
    if (v.status === 'booked')
      out.push(entry({ kind: 'visit_plan.booked', subjectId: v.id, at: v.updatedAt, days: v.days }))
    if (v.status === 'cancelled')
      out.push(entry({ kind: 'visit_plan.cancelled', subjectId: v.id, at: v.updatedAt, days: v.days }))
  }
  for (const v of vs) {
    const dates = { start: v.startDate, end: v.endDate }
    out.push(entry({ kind: 'visit.scheduled', subjectId: v.id, at: v.createdAt, title: v.title, dates }))
    if (v.status === 'cancelled')
      out.push(entry({ kind: 'visit.cancelled', subjectId: v.id, at: v.updatedAt, title: v.title, dates }))
  }
  return out
}

/** The newest messages (who wrote when; the text is in the conversation). */
const messageSource: TimelineSource = async (db, p) => {
  const rows = await db
    .select({
      id: partnerMessages.id,
      createdAt: partnerMessages.createdAt,
      side: partnerMessages.authorSide,
      institutionId: partnerMessages.authorInstitutionId,
    })
    .from(partnerMessages)
    .where(eq(partnerMessages.partnershipId, p.id))
    .orderBy(desc(partnerMessages.createdAt), desc(partnerMessages.id))
    .limit(TIMELINE_MAX)
  return rows.map((r) =>
    entry({
      kind: 'message.posted',
      subjectId: r.id,
      at: r.createdAt,
      side: r.side,
      institutionId: r.institutionId,
    }),
  )
}

export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  matchingSource,
  schedulingSource,
  messageSource,
  agreementSource,
]

/** Newest first; entries at the same instant keep the order of their story (later kinds first). */
export async function timelineOf(db: DbOrTx, p: Partnership, sources = TIMELINE_SOURCES) {
  const all = (await Promise.all(sources.map((s) => s(db, p)))).flat()
  return all
    .map((e, i) => ({ e, i }))
    .sort((x, y) => (x.e.at === y.e.at ? y.i - x.i : x.e.at < y.e.at ? 1 : -1))
    .slice(0, TIMELINE_MAX)
    .map((x) => x.e)
}

export async function workspaceView(db: DbOrTx, actor: Actor, partnershipId: string): Promise<Workspace> {
  const access = await conversationAccess(db, actor, partnershipId)
  const p = access.partnership
  const [parties, timeline, unread] = await Promise.all([
    db
      .select({
        id: institutions.id,
        name: institutions.name,
        nameI18n: institutions.nameI18n,
        side: institutions.side,
      })
      .from(institutions)
      .where(inArray(institutions.id, [p.institutionA, p.institutionB])),
    timelineOf(db, p),
    unreadCount(db, actor, access),
  ])
  const party = (id: string) => {
    const i = parties.find((x) => x.id === id)!
    return { id: i.id, name: i.name, nameI18n: i.nameI18n as Record<string, string>, side: i.side }
  }
  return {
    partnership: { id: p.id, proposalId: p.proposalId, createdAt: p.createdAt.toISOString() },
    institutions: { a: party(p.institutionA), b: party(p.institutionB) },
    viewer: { canPost: access.level === 'act', ownInstitutionId: access.ownInstitutionId },
    unread,
    timeline,
    trips: await workspaceTrips(db, p.id, new Date()),
  }
}
