import t from 'tap'
import {
  type AgreementState,
  apply,
  createAgreement,
  planSignatureReminders,
  reminderStillDue,
  type Signer,
  type SigningConfig,
} from '../src/index.js'
import { completeFields } from './fixtures.js'

const READY = '2027-01-10T09:00:00.000Z'
const DAY = 86_400_000
const CONFIG: SigningConfig = {
  countersign: true,
  secondSigner: { duren: true, jinhua: false },
  designated: { 'duren.second': 'u-wagner' },
}
const becker: Signer = {
  userId: 'u-becker',
  name: 'Anna Becker',
  role: 'coordinator',
  side: 'duren',
  capacity: 'institution',
  institutionId: 'inst-duren',
}
const wagner: Signer = { ...becker, userId: 'u-wagner', name: 'Dr. Klaus Wagner', role: 'head' }
const wang: Signer = {
  ...becker,
  userId: 'u-wang',
  name: '王芳',
  side: 'jinhua',
  institutionId: 'inst-jinhua',
}

function ok(s: AgreementState, e: Parameters<typeof apply>[1]): AgreementState {
  const r = apply(s, e)
  if (!r.ok) throw new Error(r.error.code)
  return r.state
}

function ready(): AgreementState {
  const c = createAgreement(completeFields(), CONFIG)
  if (!c.ok) throw new Error(c.error.code)
  return ok(c.state, { type: 'submit', hash: c.state.hash, by: 'u-becker', at: READY })
}

const days = (iso: string, from: string) => (Date.parse(iso) - Date.parse(from)) / DAY

t.test('two reminders and the office notice per open place, counted from when it went out', async (t) => {
  const plan = planSignatureReminders(ready(), READY)
  t.same(
    plan.map((r) => [r.slot, r.step, days(r.fireAt, READY)]),
    [
      ['duren.first', 1, 3],
      ['duren.first', 2, 7],
      ['duren.first', 3, 10],
      ['duren.second', 1, 3],
      ['duren.second', 2, 7],
      ['duren.second', 3, 10],
      ['jinhua.first', 1, 3],
      ['jinhua.first', 2, 7],
      ['jinhua.first', 3, 10],
    ],
  )
  t.equal(
    plan.find((r) => r.slot === 'duren.second')?.userId,
    'u-wagner',
    'a reserved place names its person',
  )
  t.equal(plan.find((r) => r.slot === 'duren.first')?.userId, undefined)
})

t.test(
  'a signature removes that place; the offices follow from the last institution signature',
  async (t) => {
    let s = ready()
    s = ok(s, { type: 'sign', hash: s.hash, signer: becker, at: '2027-01-11T09:00:00.000Z' })
    t.notOk(reminderStillDue(s, s.version, 'duren.first'), 'signed: no more reminders')
    t.ok(reminderStillDue(s, s.version, 'jinhua.first'))
    t.notOk(
      planSignatureReminders(s, READY).some((r) => r.slot === 'duren.first'),
      'the signed place is no longer planned',
    )
    s = ok(s, { type: 'sign', hash: s.hash, signer: wang, at: '2027-01-12T09:00:00.000Z' })
    const last = '2027-01-15T09:00:00.000Z'
    s = ok(s, { type: 'sign', hash: s.hash, signer: wagner, at: last })
    t.equal(s.status, 'signed_by_institutions')
    const plan = planSignatureReminders(s, READY)
    t.same(
      plan.map((r) => [r.slot, r.step, days(r.fireAt, last)]),
      [
        ['duren.officer', 1, 3],
        ['duren.officer', 2, 7],
        ['duren.officer', 3, 10],
        ['jinhua.officer', 1, 3],
        ['jinhua.officer', 2, 7],
        ['jinhua.officer', 3, 10],
      ],
    )
  },
)

t.test(
  'an edit makes the old version’s reminders stale; a draft or a complete agreement has none',
  async (t) => {
    let s = ready()
    s = ok(s, { type: 'sign', hash: s.hash, signer: becker, at: READY })
    const fields = completeFields()
    fields.term.noticeDays = 30
    const edited = ok(s, { type: 'edit', fields, baseHash: s.hash, by: 'u-wang', at: READY })
    t.notOk(reminderStillDue(edited, 1, 'jinhua.first'), 'version 1 is void')
    t.ok(reminderStillDue(edited, 2, 'duren.first'), 'everyone is asked again on version 2')
    const c = createAgreement(completeFields(), {
      countersign: false,
      secondSigner: { duren: false, jinhua: false },
    })
    if (!c.ok) throw new Error(c.error.code)
    t.same(planSignatureReminders(c.state, READY), [], 'a draft is not reminded')
    let done = ok(c.state, { type: 'submit', hash: c.state.hash, by: 'u-becker', at: READY })
    done = ok(done, { type: 'sign', hash: done.hash, signer: becker, at: READY })
    done = ok(done, { type: 'sign', hash: done.hash, signer: wang, at: READY })
    t.same(planSignatureReminders(done, READY), [], 'complete without countersignature: nobody left')
  },
)
