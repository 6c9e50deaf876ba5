import { randomUUID } from 'node:crypto'
import { startTestApp, type TestContext } from '@dj/stack'
import t from 'tap'
import { RESET_ANSWER_FLOOR_MS } from '../src/domains/accounts/password-reset.js'

// Issue 11, "no enumeration": a reset request must not tell by its answer or by its time whether
// the address has an account. Tests assert no durations (they would flake on a loaded machine):
// here the answer, the effect and that every answer waits for the same floor whatever the
// address; `pnpm bench:enumeration` prints the medians of both kinds.

let ctx: TestContext
t.before(async () => {
  ctx = await startTestApp('enumeration')
})
t.teardown(() => ctx.close())

const ROUNDS = 10
const WARM_UP = 5

async function accounts(n: number, label: string): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${label}-${i}@known.example.org`)
  for (const email of emails)
    await ctx.app.dbHandle.sql`
      insert into users (email, display_name, email_verified_at) values (${email}, ${email}, now())`
  return emails
}

let client = 0
/** One request from its own client address (the per-client limits stay out of the way). */
async function timedRequest(email: string): Promise<{ ms: number; status: number; body: string }> {
  client += 1
  const started = process.hrtime.bigint()
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/password-reset/request',
    payload: { email },
    remoteAddress: `10.11.${Math.floor(client / 250)}.${client % 250}`,
  })
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode, body: res.body }
}

t.test(
  'reset request: same answer, same effect and the same floor for known and unknown addresses',
  async (t) => {
    const warmKnown = await accounts(WARM_UP, 'warm')
    const known = await accounts(ROUNDS, 'known')
    const unknown = Array.from({ length: ROUNDS + WARM_UP }, () => `${randomUUID()}@nobody.example.org`)
    for (let i = 0; i < WARM_UP; i++) {
      await timedRequest(warmKnown[i]!)
      await timedRequest(unknown.pop()!)
    }
    const times = { known: [] as number[], unknown: [] as number[] }
    const answers = new Set<string>()
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which kind goes first, so neither always follows the other.
      const order = i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)
      for (const kind of order) {
        const r = await timedRequest(kind === 'known' ? known[i]! : unknown[i]!)
        times[kind].push(r.ms)
        answers.add(`${r.status} ${r.body}`)
      }
    }
    t.same([...answers], ['202 {"status":"accepted"}'], 'one answer for both')
    const [events] = await ctx.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from outbox where event_type = 'auth.password_reset_requested'`
    t.equal(events!.n, ROUNDS + WARM_UP, 'a reset mail for each known address, none for the unknown')
    // The floor is a timer, so this lower bound holds on any machine; it is what hides the time a
    // known address costs beyond an unknown one.
    const fastest = Math.min(...times.known, ...times.unknown)
    t.ok(
      fastest >= RESET_ANSWER_FLOOR_MS - 1,
      `no answer before the ${RESET_ANSWER_FLOOR_MS} ms floor (fastest ${fastest.toFixed(1)} ms)`,
    )
  },
)
