import t from 'tap'
import { ENDPOINTS } from '../bench/api/endpoints.js'
import { runApiBench } from '../bench/api/run.js'

// The `pnpm bench:api` machinery end to end at a tiny scale, one round of one second: it must
// capture SQL for every endpoint, get the API's rows back from the bare server (the proof it
// runs the same SQL) and produce figures for both servers. Nothing here asserts on time.
// Seeds a database and starts two server processes: on a loaded machine that alone can take minutes.
t.setTimeout(420_000)

t.test('bench:api captures, replays the same SQL and measures both servers', async (t) => {
  const result = await runApiBench(
    {
      scale: 0.1,
      seconds: 1,
      rounds: 1,
      connections: [2],
      only: [],
      warmupSeconds: 0,
      logLevel: 'silent',
    },
    () => {},
  )
  t.equal(result.checks.length, ENDPOINTS.length, 'every endpoint checked')
  for (const c of result.checks) {
    t.equal(c.apiStatus, 200, `${c.endpoint}: the measured API answers 200`)
    t.equal(c.bareStatus, 200, `${c.endpoint}: the bare server answers 200`)
    t.ok(c.sameAnswer, `${c.endpoint}: the measured API answers as the recording instance did`)
    t.ok(c.sameRows, `${c.endpoint}: the bare server returns the rows the API got`)
  }
  for (const c of result.captures) {
    t.ok(c.statements.length > 0, `${c.endpoint.name}: statements captured`)
    t.ok(
      c.statements.every((s) => s.rows !== undefined && s.error === null),
      `${c.endpoint.name}: every replayed statement succeeded in the API`,
    )
  }
  t.equal(result.rows.length, ENDPOINTS.length, 'a row of figures per endpoint')
  for (const r of result.rows) {
    for (const side of ['api', 'bare'] as const) {
      t.ok(r[side].requests > 0, `${r.endpoint} ${side}: requests answered`)
      t.equal(r[side].non2xx + r[side].errors, 0, `${r.endpoint} ${side}: no failed responses`)
      t.ok(Number.isFinite(r[side].p99), `${r.endpoint} ${side}: percentiles computed`)
    }
    t.ok(Number.isFinite(r.ratio) && r.ratio > 0, `${r.endpoint}: a ratio`)
  }
})
