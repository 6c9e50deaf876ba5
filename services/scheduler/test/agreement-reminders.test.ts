import { draftAgreement, versionHash } from '@dj/agreement'
import { agreementSignatures, agreements, agreementVersions, timers } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { waitFor } from '@dj/testkit'
import { and, eq, isNull } from 'drizzle-orm'
import t from 'tap'
import { agreementTarget } from '../src/agreement-reminders.js'
import { fireTimer } from '../src/fire.js'
import { partnershipFixture } from './helper/fixtures.js'
import { schedulerHarness } from './helper/harness.js'

/*
 * Signature reminders of the exchange agreement (issue 12, item 4). Time is never waited for: the
 * reminders lie days ahead, and a test makes one due by promoting its delayed BullMQ job (what the
 * clock does when its time comes) or by firing its timer as the job would.
 */

const h = schedulerHarness('scheduler_agreement')
const { db, due, settled, drained } = h
const DAY = 86_400_000
const queue = h.queue

type Config = { countersign: boolean; secondSigner: { duren: boolean; jinhua: boolean } }

/** A partnership's agreement out for signature since `readyAt` (as the API's submit leaves it). */
async function readyAgreement(
  readyAt: Date,
  config: Config = { countersign: true, secondSigner: { duren: false, jinhua: false } },
) {
  const { a, b, partnership } = await partnershipFixture(db())
  const fields = draftAgreement({
    duren: { id: a.inst.id, kind: 'school', name: { de: a.inst.name } },
    jinhua: { id: b.inst.id, kind: 'school', name: { zh: b.inst.name } },
    interests: {},
  })
  const hash = versionHash(fields)
  const [row] = await db()
    .insert(agreements)
    .values({
      partnershipId: partnership.id,
      version: 1,
      hash,
      fields: fields as unknown as Record<string, unknown>,
      status: 'ready_for_signature',
      config,
    })
    .returning()
  await db()
    .insert(agreementVersions)
    .values({ agreementId: row!.id, version: 1, fields: row!.fields, hash, readyAt })
  const ag = { id: row!.id, partnershipId: partnership.id, a, b, hash, fields }
  await announce('agreement.ready', ag, 1)
  return ag
}

type Ag = Awaited<ReturnType<typeof readyAgreement>>

/** The agreement event the API writes with a transition (audience does not matter to the scheduler). */
function announce(
  type: 'agreement.ready' | 'agreement.signed' | 'agreement.completed',
  ag: Ag,
  version: number,
) {
  const ids = { agreementId: ag.id, partnershipId: ag.partnershipId, version, hash: ag.hash }
  return db().transaction((tx) =>
    type === 'agreement.signed'
      ? writeOutbox(tx, {
          type,
          audience: {},
          ...ids,
          slot: 'duren.first',
          side: 'duren',
          by: null,
          institutionsSigned: false,
        })
      : writeOutbox(tx, { type, audience: {}, ...ids, by: null }),
  )
}

/** A signature as the API stores it (the event comes separately, or not at all). */
async function sign(ag: Ag, slot: string, version = 1, at = new Date()) {
  const side = slot.split('.')[0] as 'duren' | 'jinhua'
  const officer = slot.endsWith('.officer')
  await db()
    .insert(agreementSignatures)
    .values({
      agreementId: ag.id,
      version,
      versionHash: ag.hash,
      slot,
      userId: side === 'duren' ? ag.a.user.id : ag.b.user.id,
      name: 'Signer',
      role: officer ? 'officer' : 'head',
      side,
      institutionId: officer ? null : side === 'duren' ? ag.a.inst.id : ag.b.inst.id,
      officer,
      signedAt: at,
    })
}

const timersOf = (ag: Ag) =>
  db()
    .select()
    .from(timers)
    .where(eq(timers.target, agreementTarget(ag.id)))
    .orderBy(timers.id)

async function pendingArmed(ag: Ag, n: number, idPart = '') {
  return waitFor(
    async () => {
      const rows = (await timersOf(ag)).filter((r) => r.status === 'pending')
      if (!rows.every((r) => r.id.includes(idPart))) return undefined
      if (rows.length !== n) return undefined
      const states = await Promise.all(rows.map((r) => queue().getJobState(r.id)))
      return states.every((s) => s === 'delayed') ? rows : undefined
    },
    { what: `${n} armed agreement timers` },
  )
}

async function events(type: string, ag: Ag) {
  return h.handle.sql<{ payload: { audience: unknown; slot: string; step?: number; version: number } }[]>`
    select payload from outbox where event_type = ${type} and payload->>'agreementId' = ${ag.id}
    order by created_at, id`
}

const timerOf = (rows: { id: string }[], slot: string, step: number) =>
  rows.find((r) => r.id.endsWith(`_${slot}_${step}`))!

t.test(
  'ready plans two reminders and the office notice per open place, days after it went out',
  async (t) => {
    const readyAt = new Date(Date.now() - 60_000)
    const ag = await readyAgreement(readyAt)
    const rows = await pendingArmed(ag, 6)
    t.same(
      rows.map((r) => r.id.replace(`agreement-reminder_${ag.id}_1_`, '')),
      [
        'duren.first_1',
        'duren.first_2',
        'duren.first_3',
        'jinhua.first_1',
        'jinhua.first_2',
        'jinhua.first_3',
      ],
      'the institutions sign first: no officer place is reminded yet',
    )
    t.same(
      rows.filter((r) => r.id.includes('duren')).map((r) => (r.fireAt.getTime() - readyAt.getTime()) / DAY),
      [3, 7, 10],
    )
    t.same(
      rows.map((r) => r.kind),
      [1, 2].flatMap(() => ['agreement.reminder', 'agreement.reminder', 'agreement.overdue']),
    )
    t.ok(rows.every((r) => r.sequence === 1))
    // A second delivery of the event changes nothing.
    await announce('agreement.ready', ag, 1)
    await drained()
    t.equal((await timersOf(ag)).length, 6)
  },
)

t.test('at most two reminders per open place, then the office of that side is told', async (t) => {
  const ag = await readyAgreement(new Date())
  const rows = await pendingArmed(ag, 6)
  for (const step of [1, 2, 3]) {
    const id = timerOf(rows, 'jinhua.first', step).id
    await due(id)
    t.equal((await settled(id)).status, 'fired', `step ${step} fired`)
  }
  const reminders = await events('agreement.reminder', ag)
  t.same(
    reminders.map((e) => [e.payload.slot, e.payload.step, e.payload.audience]),
    [
      ['jinhua.first', 1, { institutionIds: [ag.b.inst.id] }],
      ['jinhua.first', 2, { institutionIds: [ag.b.inst.id] }],
    ],
    'the institution that has not signed, twice',
  )
  const overdue = await events('agreement.overdue', ag)
  t.same(
    overdue.map((e) => [e.payload.slot, e.payload.audience]),
    [['jinhua.first', { officerSides: ['jinhua'] }]],
    'then the office of that side, once',
  )
  // Nothing fires again: the timers are closed, and a replayed job is a no-op.
  for (const step of [1, 2, 3])
    t.equal(await fireTimer(db(), timerOf(rows, 'jinhua.first', step).id), 'skipped')
  await h.scheduler.resync()
  t.equal((await events('agreement.reminder', ag)).length, 2)
  t.equal((await events('agreement.overdue', ag)).length, 1)
  t.equal((await timersOf(ag)).filter((r) => r.id.includes('jinhua')).length, 3, 'no third reminder planned')
})

t.test('a signature stops that signer’s reminders at once, the other’s go on', async (t) => {
  const ag = await readyAgreement(new Date())
  const rows = await pendingArmed(ag, 6)
  await due(timerOf(rows, 'duren.first', 1).id)
  await settled(timerOf(rows, 'duren.first', 1).id)

  // Signed, but the scheduler has not seen the event yet: the next reminder re-checks and is dropped.
  await sign(ag, 'duren.first')
  t.equal(
    await fireTimer(db(), timerOf(rows, 'duren.first', 2).id),
    'stale',
    'a signed place is not reminded',
  )
  // The event cancels what is left of that place, in PostgreSQL and in Redis.
  await announce('agreement.signed', ag, 1)
  const third = timerOf(rows, 'duren.first', 3).id
  await waitFor(async () => (await settled(third)).status === 'cancelled', { what: 'cancelled' })
  await waitFor(async () => (await queue().getJobState(third)) === 'unknown', { what: 'job removed' })
  t.same(
    (await events('agreement.reminder', ag)).map((e) => [e.payload.slot, e.payload.step]),
    [['duren.first', 1]],
    'only the reminder before the signature went out',
  )
  t.equal((await events('agreement.overdue', ag)).length, 0)
  const left = (await timersOf(ag)).filter((r) => r.status === 'pending')
  t.same(
    left.map((r) => r.id.replace(`agreement-reminder_${ag.id}_1_`, '')),
    ['jinhua.first_1', 'jinhua.first_2', 'jinhua.first_3'],
  )
})

t.test(
  'once the institutions signed, the offices are reminded from the last signature; completion stops all',
  async (t) => {
    const ag = await readyAgreement(new Date(Date.now() - DAY))
    await pendingArmed(ag, 6)
    const last = new Date(Date.now() - 1000)
    await sign(ag, 'duren.first', 1, new Date(Date.now() - 2 * DAY))
    await sign(ag, 'jinhua.first', 1, last)
    await db().update(agreements).set({ status: 'signed_by_institutions' }).where(eq(agreements.id, ag.id))
    await announce('agreement.signed', ag, 1)
    const rows = await pendingArmed(ag, 6, '.officer_')
    t.equal(
      (await timersOf(ag)).filter((r) => r.id.includes('.first_')).every((r) => r.status === 'cancelled'),
      true,
      "the institutions' reminders cancelled",
    )
    t.same(
      rows.filter((r) => r.id.includes('duren')).map((r) => (r.fireAt.getTime() - last.getTime()) / DAY),
      [3, 7, 10],
    )
    const first = timerOf(rows, 'jinhua.officer', 1).id
    await due(first)
    await settled(first)
    t.same(
      (await events('agreement.reminder', ag)).map((e) => [e.payload.slot, e.payload.audience]),
      [['jinhua.officer', { officerSides: ['jinhua'] }]],
    )
    await sign(ag, 'duren.officer')
    await sign(ag, 'jinhua.officer')
    await db().update(agreements).set({ status: 'countersigned' }).where(eq(agreements.id, ag.id))
    await announce('agreement.completed', ag, 1)
    await waitFor(async () => (await timersOf(ag)).every((r) => r.status !== 'pending'), {
      what: 'all closed',
    })
    t.equal((await events('agreement.reminder', ag)).length, 1)
  },
)

t.test('an edit voids the version: its reminders stop, the new version gets its own', async (t) => {
  const ag = await readyAgreement(new Date())
  const old = await pendingArmed(ag, 6)
  await sign(ag, 'duren.first')
  // As the API's edit: version 2, out for signature again at once, version 1's signatures voided.
  const readyAt = new Date()
  const fields = { ...ag.fields, topics: ['culture'] }
  const hash = versionHash(fields as typeof ag.fields)
  await db().transaction(async (tx) => {
    await tx
      .update(agreementSignatures)
      .set({ voidedAt: readyAt })
      .where(and(eq(agreementSignatures.agreementId, ag.id), isNull(agreementSignatures.voidedAt)))
    await tx.update(agreements).set({ version: 2, hash, fields }).where(eq(agreements.id, ag.id))
    await tx.insert(agreementVersions).values({ agreementId: ag.id, version: 2, fields, hash, readyAt })
  })
  // A job of version 1 running before the event is handled finds its version gone.
  t.equal(await fireTimer(db(), timerOf(old, 'jinhua.first', 1).id), 'stale')
  await announce('agreement.ready', ag, 2)
  const rows = await pendingArmed(ag, 6, '_2_')
  t.ok(
    rows.every((r) => r.sequence === 2),
    'new reminders for version 2, both places again',
  )
  t.ok(
    (await timersOf(ag)).filter((r) => r.sequence === 1).every((r) => r.status === 'cancelled'),
    'every version 1 timer cancelled',
  )
  t.equal((await events('agreement.reminder', ag)).length, 0)
})

t.test(
  'a scheduler restart between planning and the due time still fires each reminder exactly once',
  async (t) => {
    const ag = await readyAgreement(new Date())
    const rows = await pendingArmed(ag, 6)
    const ids = [timerOf(rows, 'duren.first', 1).id, timerOf(rows, 'jinhua.first', 1).id]
    await h.scheduler.stop()
    // Down while their time comes: the jobs are due, nobody runs them.
    for (const id of ids) await due(id)
    await h.start()
    // Start-up re-sync and the periodic loop may overlap: resync again, still one job per timer.
    await h.scheduler.resync()
    for (const id of ids) t.equal((await settled(id)).status, 'fired')
    await h.scheduler.resync()
    for (const id of ids) t.equal(await fireTimer(db(), id), 'skipped', 'firing again is a no-op')
    t.same(
      (await events('agreement.reminder', ag)).map((e) => e.payload.slot).sort(),
      ['duren.first', 'jinhua.first'],
      'one reminder per place',
    )
    t.equal(
      (await timersOf(ag)).filter((r) => r.status === 'pending').length,
      4,
      'the later steps still wait',
    )
  },
)
