import { reminderStillDue, SIGNATURE_OVERDUE_DAYS, type SlotId, slotKind, slotSide } from '@dj/agreement'
import { type Db, type DbOrTx, institutions } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { expireProposal } from '@dj/proposals'
import type { InstitutionRef } from '@dj/queue'
import { eq, inArray, sql } from 'drizzle-orm'
import { AGREEMENT_OVERDUE, AGREEMENT_REMINDER, loadAgreementState } from './agreement-reminders.js'
import { CHECKLIST_DUE, fireChecklistReminder } from './checklist-reminders.js'
import { SchedulerError } from './errors.js'
import { FUNDING_DEADLINE, fireFundingDeadline } from './funding-deadlines.js'
import { loadReminderTarget, type ReminderTargetKind } from './reminders.js'
import { fireReportTimer, REPORT_OVERDUE, REPORT_REMINDER } from './reports.js'
import { closeTimer, lockPendingTimer, type TimerRow } from './timers.js'

export type FireOutcome = 'fired' | 'stale' | 'skipped'

async function refs(tx: DbOrTx, a: string, b: string): Promise<[InstitutionRef, InstitutionRef] | null> {
  const rows = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, [a, b]))
  const ra = rows.find((r) => r.id === a)
  const rb = rows.find((r) => r.id === b)
  return ra && rb ? [ra, rb] : null
}

type Handler = (tx: DbOrTx, timer: TimerRow) => Promise<boolean>

const str = (v: unknown) => String(v)

/**
 * A signature reminder (steps 1, 2) or the office's notice (step 3), if the place is still open on
 * the version it was planned for: a signature, an edit or completion since makes it stale, even
 * when the event that cancels its timer has not been handled yet. The agreement row is read, not
 * locked: the API takes the agreement then cancels timers in a signature's transaction, and this
 * holds the timer first, so locking both here could deadlock; a signature committing meanwhile
 * waits for this timer's lock and then finds it fired.
 */
async function agreementReminder(tx: DbOrTx, timer: TimerRow): Promise<boolean> {
  const a = await loadAgreementState(tx, str(timer.payload.agreementId))
  const slot = str(timer.payload.slot) as SlotId
  if (!a || !reminderStillDue(a.state, timer.sequence, slot)) return false
  const side = slotSide(slot)
  const officer = slotKind(slot) === 'officer'
  const institutionId = officer ? null : a.state.fields.parties[side].institutionId
  const [by] = institutionId
    ? await tx
        .select({ id: institutions.id, name: institutions.name, side: institutions.side })
        .from(institutions)
        .where(eq(institutions.id, institutionId))
    : []
  const facts = {
    agreementId: a.id,
    partnershipId: a.partnershipId,
    version: a.state.version,
    hash: a.state.hash,
    slot,
    side,
    by: by ?? null,
  }
  if (timer.kind === AGREEMENT_OVERDUE) {
    await writeOutbox(tx, {
      type: 'agreement.overdue',
      audience: { officerSides: [side] },
      ...facts,
      days: SIGNATURE_OVERDUE_DAYS,
    })
    return true
  }
  // The person the place is kept for, else whoever may sign it: the institution's members or the office.
  const designated = a.state.config.designated?.[slot]
  const audience = designated
    ? { userIds: [designated] }
    : officer
      ? { officerSides: [side] }
      : { institutionIds: institutionId ? [institutionId] : [] }
  await writeOutbox(tx, {
    type: 'agreement.reminder',
    audience,
    ...facts,
    step: Number(timer.payload.step) === 2 ? 2 : 1,
  })
  return true
}

/** Each returns true when it wrote its effect, false when the timer turned out to be stale. */
const handlers: Record<string, Handler> = {
  [AGREEMENT_REMINDER]: agreementReminder,
  [AGREEMENT_OVERDUE]: agreementReminder,
  [CHECKLIST_DUE]: fireChecklistReminder,
  [FUNDING_DEADLINE]: (tx, timer) => fireFundingDeadline(tx, timer),
  [REPORT_REMINDER]: fireReportTimer,
  [REPORT_OVERDUE]: fireReportTimer,

  async reminder(tx, timer) {
    const kind = str(timer.payload.kind) as ReminderTargetKind
    const target = await loadReminderTarget(tx, kind, str(timer.payload.targetId))
    // A reminder of an older version (rescheduled) or of a cancelled event must not go out.
    if (!target?.scheduled || target.sequence !== timer.sequence || !target.time) return false
    await writeOutbox(tx, {
      type: 'reminder.due',
      audience: { institutionIds: target.institutionIds },
      kind,
      targetId: target.id,
      title: target.title,
      time: target.time,
      offset: timer.payload.offset as '7d' | '24h' | '1h',
    })
    return true
  },

  async 'proposal.expiring'(tx, timer) {
    const id = str(timer.payload.proposalId)
    const rows = (await tx.execute(sql`
      select institution_a, institution_b, expires_at from proposals
      where id = ${id}::uuid and status = 'open' and expires_at = ${str(timer.payload.expiresAt)}::timestamptz
        and expires_at > now()`)) as unknown as {
      institution_a: string
      institution_b: string
      expires_at: Date
    }[]
    const p = rows[0]
    if (!p) return false
    const pair = await refs(tx, p.institution_a, p.institution_b)
    if (!pair) return false
    const expiresAt = new Date(p.expires_at).toISOString()
    for (const [own, partner] of [pair, [pair[1], pair[0]]] as const) {
      await writeOutbox(tx, {
        type: 'proposal.expiring',
        audience: { institutionIds: [own.id] },
        proposalId: id,
        own,
        partner,
        expiresAt,
      })
    }
    return true
  },

  // The same rule as the API's "expire now" sweep, from the shared proposals package.
  async 'proposal.expire'(tx, timer) {
    return expireProposal(tx, str(timer.payload.proposalId), new Date())
  },

  async 'interest.reconfirm'(tx, timer) {
    const rows = (await tx.execute(sql`
      select i.id, i.institution_id, n.name, n.side from interests i
      join institutions n on n.id = i.institution_id
      where i.id = ${str(timer.payload.interestId)}::uuid and i.status = 'open'
        and i.last_confirmed_at = ${str(timer.payload.lastConfirmedAt)}::timestamptz`)) as unknown as {
      id: string
      institution_id: string
      name: string
      side: 'duren' | 'jinhua'
    }[]
    const i = rows[0]
    if (!i) return false
    await writeOutbox(tx, {
      type: 'interest.reconfirm_requested',
      audience: { institutionIds: [i.institution_id] },
      interestId: i.id,
      institution: { id: i.institution_id, name: i.name, side: i.side },
      deadline: str(timer.payload.deadline),
    })
    return true
  },

  async 'interest.pause'(tx, timer) {
    const rows = await tx.execute(sql`
      update interests set status = 'paused', updated_at = now()
      where id = ${str(timer.payload.interestId)}::uuid and status = 'open'
        and last_confirmed_at = ${str(timer.payload.lastConfirmedAt)}::timestamptz
      returning id`)
    return rows.length > 0
  },
}

/**
 * Fires one timer at most once: the row is locked, skipped unless pending, and marked fired (or
 * cancelled when stale) in the same transaction as the outbox event it writes.
 */
export async function fireTimer(db: Db, id: string): Promise<FireOutcome> {
  return db.transaction(async (tx) => {
    const timer = await lockPendingTimer(tx, id)
    if (!timer) return 'skipped'
    const handler = handlers[timer.kind]
    if (!handler) throw new SchedulerError('SCHEDULER_UNKNOWN_TIMER_KIND', `${timer.kind} (timer ${id})`)
    const done = await handler(tx, timer)
    await closeTimer(tx, id, done ? 'fired' : 'cancelled')
    return done ? 'fired' : 'stale'
  })
}
