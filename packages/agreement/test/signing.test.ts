import t, { type Test } from 'tap'
import {
  type AgreementState,
  apply,
  createAgreement,
  type Effect,
  isComplete,
  pendingSigners,
  SIGNING_ERROR_STATUS,
  type Signer,
  type SigningConfig,
  type Transition,
  versionHash,
} from '../src/index.js'
import { clone, completeFields } from './fixtures.js'

const AT = '2027-01-10T09:00:00Z'
const CONFIG: SigningConfig = { countersign: true, secondSigner: { duren: false, jinhua: false } }

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
  userId: 'u-wang',
  name: '王芳',
  role: 'coordinator',
  side: 'jinhua',
  capacity: 'institution',
  institutionId: 'inst-jinhua',
}
const li: Signer = { ...wang, userId: 'u-li', name: '李明', role: 'head' }
const officerDuren: Signer = {
  userId: 'u-off-d',
  name: 'Petra Schmitz',
  role: 'officer',
  side: 'duren',
  capacity: 'officer',
}
const officerJinhua: Signer = {
  userId: 'u-off-j',
  name: '陈静',
  role: 'officer',
  side: 'jinhua',
  capacity: 'officer',
}

function ok(t: Test, tr: Transition): { state: AgreementState; effects: Effect[] } {
  if (!tr.ok) throw new Error(`refused: ${JSON.stringify(tr.error)}`)
  t.pass('accepted')
  return tr
}
const code = (tr: Transition) => (tr.ok ? 'ok' : tr.error.code)

/** A submitted agreement, out for signature. */
function ready(t: Test, config: SigningConfig = CONFIG): AgreementState {
  const created = ok(t, createAgreement(completeFields(), config)).state
  return ok(t, apply(created, { type: 'submit', hash: created.hash, by: 'u-becker', at: AT })).state
}
const sign = (s: AgreementState, signer: Signer, hash = s.hash) =>
  apply(s, { type: 'sign', hash, signer, at: AT })

t.test('draft → ready → signed by institutions → countersigned', async (t) => {
  const created = ok(t, createAgreement(completeFields(), CONFIG)).state
  t.equal(created.status, 'draft')
  t.equal(created.version, 1)
  t.equal(created.hash, versionHash(created.fields))
  t.equal(code(sign(created, becker)), 'not_ready', 'a draft is not signed')

  const submitted = ok(t, apply(created, { type: 'submit', hash: created.hash, by: 'u-becker', at: AT }))
  t.equal(submitted.state.status, 'ready_for_signature')
  t.same(submitted.effects, [{ type: 'ready', version: 1, hash: created.hash }])
  t.same(
    pendingSigners(submitted.state).map((p) => p.slot),
    ['duren.first', 'jinhua.first'],
  )

  const one = ok(t, sign(submitted.state, becker))
  t.equal(one.state.status, 'ready_for_signature')
  t.match(one.effects, [
    {
      type: 'signed',
      signature: {
        slot: 'duren.first',
        userId: 'u-becker',
        name: 'Anna Becker',
        role: 'coordinator',
        side: 'duren',
        institutionId: 'inst-duren',
        at: AT,
        version: 1,
        versionHash: created.hash,
      },
    },
  ])
  t.same(
    pendingSigners(one.state).map((p) => p.slot),
    ['jinhua.first'],
    'the signer leaves the reminder list at once',
  )
  t.equal(code(sign(one.state, officerDuren)), 'institutions_first')

  const two = ok(t, sign(one.state, wang))
  t.equal(two.state.status, 'signed_by_institutions')
  t.same(
    two.effects.map((e) => e.type),
    ['signed', 'institutions_signed'],
  )
  t.notOk(isComplete(two.state))
  t.same(
    pendingSigners(two.state).map((p) => p.slot),
    ['duren.officer', 'jinhua.officer'],
  )

  const three = ok(t, sign(two.state, officerJinhua))
  t.equal(three.state.status, 'signed_by_institutions')
  const four = ok(t, sign(three.state, officerDuren))
  t.equal(four.state.status, 'countersigned')
  t.same(
    four.effects.map((e) => e.type),
    ['signed', 'completed'],
  )
  t.ok(isComplete(four.state))
  t.same(pendingSigners(four.state), [])
  t.same(
    four.state.signatures.map((s) => s.slot),
    ['duren.first', 'jinhua.first', 'jinhua.officer', 'duren.officer'],
  )
  t.equal(code(sign(four.state, wagner)), 'completed')
  t.equal(
    code(
      apply(four.state, {
        type: 'edit',
        fields: completeFields(),
        baseHash: four.state.hash,
        by: 'x',
        at: AT,
      }),
    ),
    'completed',
    'a complete agreement is not edited',
  )
})

t.test('a signature on another version is stale (409), and says which is current', async (t) => {
  const s = ready(t)
  const old = s.hash
  const f = clone(s.fields)
  f.term.noticeDays = 60
  const edited = ok(t, apply(s, { type: 'edit', fields: f, baseHash: old, by: 'u-wang', at: AT })).state
  const tr = sign(edited, becker, old)
  t.same(tr, { ok: false, error: { code: 'stale_version', current: { version: 2, hash: edited.hash } } })
  t.equal(SIGNING_ERROR_STATUS.stale_version, 409, 'the API answers 409')
  t.equal(
    code(apply(edited, { type: 'edit', fields: completeFields(), baseHash: old, by: 'u-becker', at: AT })),
    'stale_version',
    'an edit based on an old version does not overwrite a newer one',
  )
  t.equal(code(apply(edited, { type: 'submit', hash: old, by: 'u-becker', at: AT })), 'stale_version')
})

t.test('signing twice, and signing for someone else', async (t) => {
  const s = ok(t, sign(ready(t), becker)).state
  t.same(sign(s, becker), { ok: false, error: { code: 'already_signed', slot: 'duren.first' } })
  t.same(sign(s, wagner), { ok: false, error: { code: 'already_signed' } }, 'Düren has no second place')
  t.equal(
    code(sign(s, { ...wang, institutionId: 'inst-duren' })),
    'wrong_signer',
    'institution of the other side',
  )
  t.equal(
    code(sign(s, { ...wang, institutionId: 'inst-other' })),
    'wrong_signer',
    'an institution not party to it',
  )
  t.equal(code(sign(s, { ...wang, institutionId: undefined })), 'wrong_signer')
})

t.test(
  'a second signer per institution: two people, the reserved place for the designated one',
  async (t) => {
    const config: SigningConfig = {
      countersign: true,
      secondSigner: { duren: true, jinhua: false },
      designated: { 'duren.first': 'u-wagner' },
    }
    let s = ready(t, config)
    t.same(
      pendingSigners(s).map((p) => [p.slot, p.userId]),
      [
        ['duren.first', 'u-wagner'],
        ['duren.second', undefined],
        ['jinhua.first', undefined],
      ],
    )
    s = ok(t, sign(s, becker)).state
    t.equal(s.signatures[0]?.slot, 'duren.second', 'the coordinator takes the open place, not the head’s')
    t.same(sign(s, { ...becker, userId: 'u-third', name: 'Dritte Person' }), {
      ok: false,
      error: { code: 'wrong_signer' },
    })
    s = ok(t, sign(s, wang)).state
    t.equal(s.status, 'ready_for_signature', 'Düren’s second signature is still missing')
    const done = ok(t, sign(s, wagner))
    t.equal(done.state.signatures.at(-1)?.slot, 'duren.first')
    t.equal(done.state.status, 'signed_by_institutions')
  },
)

t.test('officers’ countersignature off: the institutions complete it; officers cannot sign', async (t) => {
  const config: SigningConfig = { countersign: false, secondSigner: { duren: false, jinhua: true } }
  let s = ready(t, config)
  t.equal(code(sign(s, officerDuren)), 'wrong_signer')
  s = ok(t, sign(s, wang)).state
  s = ok(t, sign(s, becker)).state
  t.equal(s.status, 'ready_for_signature', 'Jinhua signs with two people')
  const last = ok(t, sign(s, li))
  t.equal(last.state.status, 'signed_by_institutions')
  t.same(
    last.effects.map((e) => e.type),
    ['signed', 'institutions_signed', 'completed'],
  )
  t.ok(isComplete(last.state))
  t.same(pendingSigners(last.state), [])
  t.equal(code(sign(last.state, officerJinhua)), 'completed')
})

t.test('any edit after a signature voids all signatures and says what changed', async (t) => {
  let s = ready(t)
  s = ok(t, sign(s, becker)).state
  s = ok(t, sign(s, wang)).state
  s = ok(t, sign(s, officerDuren)).state
  t.equal(s.signatures.length, 3)
  const f = clone(s.fields)
  f.period.end = '2027-03-19'
  f.parties.jinhua.name.de = 'Mittelschule Nr. 1 Jinhua'
  const tr = ok(t, apply(s, { type: 'edit', fields: f, baseHash: s.hash, by: 'u-wang', at: AT }))
  t.equal(tr.state.signatures.length, 0, 'every signature is gone')
  t.equal(tr.state.version, 2)
  t.not(tr.state.hash, s.hash)
  t.equal(tr.state.status, 'ready_for_signature', 'still complete, so it goes out again')
  const changes = [
    {
      path: 'parties.jinhua.name.de',
      before: 'Erste Mittelschule Jinhua',
      after: 'Mittelschule Nr. 1 Jinhua',
    },
    { path: 'period.end', before: '2027-03-20', after: '2027-03-19' },
  ]
  t.same(tr.effects, [
    { type: 'edited', version: 2, hash: tr.state.hash, by: 'u-wang', changes },
    { type: 'voided', version: 1, signatures: s.signatures, changes },
    { type: 'ready', version: 2, hash: tr.state.hash },
  ])
  t.same(
    pendingSigners(tr.state).map((p) => p.slot),
    ['duren.first', 'jinhua.first'],
    'everyone is asked again',
  )
  t.equal(code(sign(tr.state, becker)), 'ok', 'and may sign the new version')
})

t.test(
  'an edit that leaves a gap sends the agreement back to draft; a no-op edit voids nothing',
  async (t) => {
    const s = ok(t, sign(ready(t), becker)).state
    t.equal(
      code(apply(s, { type: 'edit', fields: clone(s.fields), baseHash: s.hash, by: 'x', at: AT })),
      'no_change',
    )
    const f = clone(s.fields)
    f.period.start = null
    const tr = ok(t, apply(s, { type: 'edit', fields: f, baseHash: s.hash, by: 'u-becker', at: AT }))
    t.equal(tr.state.status, 'draft')
    t.same(
      tr.effects.map((e) => e.type),
      ['edited', 'voided'],
    )
    const back = apply(tr.state, { type: 'submit', hash: tr.state.hash, by: 'u-becker', at: AT })
    t.same(back, {
      ok: false,
      error: { code: 'incomplete', gaps: [{ path: 'period.start', problem: 'required' }] },
    })
  },
)

t.test('a draft is edited freely and stays a draft; submitting twice is refused', async (t) => {
  const created = ok(t, createAgreement(completeFields(), CONFIG)).state
  const f = clone(created.fields)
  f.topics = ['culture']
  const edited = ok(t, apply(created, { type: 'edit', fields: f, baseHash: created.hash, by: 'u', at: AT }))
  t.equal(edited.state.status, 'draft')
  t.same(
    edited.effects.map((e) => e.type),
    ['edited'],
  )
  const s = ready(t)
  t.equal(code(apply(s, { type: 'submit', hash: s.hash, by: 'u', at: AT })), 'already_submitted')
})

t.test('fields that break the schema are refused, with where', async (t) => {
  const s = ready(t)
  const f = clone(s.fields) as unknown as { groups: { duren: { bands: unknown[] } } }
  f.groups.duren.bands.push({ kind: 'pupils', ageMin: 14, ageMax: 15, count: 2, names: ['Max', 'Lea'] })
  const tr = apply(s, { type: 'edit', fields: f as never, baseHash: s.hash, by: 'u', at: AT })
  t.equal(code(tr), 'invalid_fields', 'no place for pupils’ names')
  if (!tr.ok && tr.error.code === 'invalid_fields')
    t.ok(
      tr.error.errors.some((e) => e.path.startsWith('/groups/duren/bands/1')),
      JSON.stringify(tr.error.errors),
    )
  const minor = clone(s.fields) as unknown as { parties: { duren: { responsible: { adult: boolean }[] } } }
  minor.parties.duren.responsible[0] = { ...minor.parties.duren.responsible[0], adult: false } as never
  t.equal(code(createAgreement(minor as never, CONFIG)), 'invalid_fields', 'responsible persons are adults')
})
