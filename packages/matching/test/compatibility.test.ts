import t from 'tap'
import { checkPair, PairSet } from '../src/compatibility.js'
import { interest } from './helpers.js'

const d = (over = {}) => interest({ id: 'd1', side: 'duren', ...over })
const j = (over = {}) => interest({ id: 'j1', side: 'jinhua', ...over })

t.test('baseline pair is feasible and every check is ok', async (t) => {
  const r = checkPair(d(), j())
  t.ok(r.feasible)
  t.same(r.failed, [])
  t.same(
    r.checks.map((c) => c.constraint),
    ['excluded', 'format', 'age', 'language', 'window', 'group_size'],
  )
  t.ok(r.checks.every((c) => c.ok))
})

t.test('each hard constraint can fail on its own', async (t) => {
  const cases: [string, ReturnType<typeof checkPair>][] = [
    ['excluded', checkPair(d(), j(), { excluded: new PairSet([['d1', 'j1']]) })],
    ['excluded', checkPair(d(), j(), { excluded: new PairSet([['inst-d1', 'inst-j1']]) })],
    [
      'format',
      checkPair(
        d({ formats: ['group_visit'], direction: 'visit' }),
        j({ formats: ['group_visit'], direction: 'visit' }),
      ),
    ],
    ['age', checkPair(d({ ageMin: 6, ageMax: 10 }), j({ ageMin: 11, ageMax: 14 }))],
    [
      'language',
      checkPair(
        d({ languages: [{ lang: 'de', level: 'native' }] }),
        j({ languages: [{ lang: 'zh', level: 'native' }] }),
      ),
    ],
    [
      'window',
      checkPair(
        d({ windows: [{ start: '2027-04-01', end: '2027-04-10' }] }),
        j({ windows: [{ start: '2027-04-05', end: '2027-06-01' }] }),
      ),
    ],
    [
      'group_size',
      checkPair(
        d({ groupMin: 30, groupMax: 30, hostingCapacity: 10 }),
        j({ groupMin: 30, groupMax: 30, hostingCapacity: 10 }),
      ),
    ],
  ]
  for (const [name, r] of cases) {
    t.notOk(r.feasible, `${name} makes it infeasible`)
    t.same(r.failed, [name], `only ${name} fails`)
  }
})

t.test('window needs the shorter minimum duration of overlap', async (t) => {
  const a = d({ durationMinDays: 5, windows: [{ start: '2027-04-01', end: '2027-04-10' }] })
  const b = j({ durationMinDays: 14, windows: [{ start: '2027-04-06', end: '2027-06-01' }] })
  t.ok(checkPair(a, b).feasible, '5 days overlap = shorter minimum (5)')
  const b2 = j({ durationMinDays: 14, windows: [{ start: '2027-04-07', end: '2027-06-01' }] })
  t.same(checkPair(a, b2).failed, ['window'], '4 days is too short')
})

t.test('virtual pairs ignore windows and group size, any direction', async (t) => {
  const a = d({
    formats: ['virtual_exchange'],
    direction: 'virtual',
    windows: [],
    groupMin: 99,
    groupMax: 99,
    hostingCapacity: 0,
  })
  const b = j({ formats: ['virtual_exchange'], direction: 'host', windows: [] })
  t.ok(checkPair(a, b).feasible)
  t.same(checkPair(a, j({ formats: ['pupil_exchange_hosting'] })).failed, ['format', 'window'])
})

t.test('format table: hosting needs direction, visitor needs direction', async (t) => {
  const host = d({ formats: ['hosting_only'], direction: 'host' })
  t.ok(checkPair(host, j({ formats: ['group_visit'], direction: 'visit' })).feasible)
  t.same(checkPair(host, j({ formats: ['group_visit'], direction: 'host' })).failed, ['format'])
  t.same(
    checkPair(
      d({ formats: ['hosting_only'], direction: 'visit' }),
      j({ formats: ['group_visit'], direction: 'visit' }),
    ).failed,
    ['format'],
  )
  t.ok(
    checkPair(d({ formats: ['club_encounter'] }), j({ formats: ['group_visit'], direction: 'visit' }))
      .feasible,
  )
  t.same(checkPair(d({ formats: ['joint_project'] }), j({ formats: ['staff_exchange'] })).failed, ['format'])
})

t.test('vocational placement needs a training provider as host', async (t) => {
  const trainee = d({ formats: ['vocational_placement'], direction: 'visit', subtype: 'gymnasium' })
  t.ok(
    checkPair(
      trainee,
      j({ formats: ['vocational_placement'], direction: 'host', subtype: 'secondary_vocational' }),
    ).feasible,
  )
  t.ok(
    checkPair(
      trainee,
      j({
        formats: ['vocational_placement'],
        direction: 'host',
        institutionKind: 'vocational',
        subtype: 'training_company',
      }),
    ).feasible,
  )
  t.same(
    checkPair(trainee, j({ formats: ['vocational_placement'], direction: 'host', subtype: 'senior_high' }))
      .failed,
    ['format'],
  )
  const bk = d({ formats: ['vocational_placement'], direction: 'host', subtype: 'berufskolleg' })
  t.ok(
    checkPair(bk, j({ formats: ['vocational_placement'], direction: 'visit', subtype: 'senior_high' }))
      .feasible,
  )
})

t.test('group size checks the visiting group against the actual host', async (t) => {
  // d can only host and has room for 12; j visits with at least 15.
  const a = d({ direction: 'host', hostingCapacity: 12 })
  t.same(checkPair(a, j({ direction: 'visit', groupMin: 15, groupMax: 20 })).failed, ['group_size'])
  t.ok(checkPair(a, j({ direction: 'visit', groupMin: 12, groupMax: 20 })).feasible)
})

t.test('invalid interests are rejected with coded errors', async (t) => {
  t.throws(() => checkPair(d({ windows: [{ start: '2027-02-30', end: '2027-03-01' }] }), j()), {
    code: 'MATCH_INVALID_INPUT',
  })
  t.throws(() => checkPair(d({ ageMin: 12, ageMax: 10 }), j()), { name: 'MatchError' })
})
