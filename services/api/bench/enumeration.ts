// Issue 11, "no enumeration": how long a password-reset request takes for a known and an unknown
// address. Prints medians of interleaved requests (so load on the machine hits both kinds alike)
// after a warm-up, and their difference; asserts nothing. Run: pnpm bench:enumeration
import { randomUUID } from 'node:crypto'
import { startTestApp } from '@dj/stack'

const ROUNDS = Number(process.env.ENUM_ROUNDS ?? 30)
const WARM_UP = 20
const ctx = await startTestApp('bench-enumeration')

async function accounts(n: number, label: string): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${label}-${i}@known.example.org`)
  for (const email of emails)
    await ctx.app.dbHandle.sql`
      insert into users (email, display_name, email_verified_at) values (${email}, ${email}, now())`
  return emails
}

let client = 0
async function timedRequest(email: string): Promise<number> {
  client += 1
  const started = process.hrtime.bigint()
  await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/password-reset/request',
    payload: { email },
    remoteAddress: `10.11.${Math.floor(client / 250)}.${client % 250}`,
  })
  return Number(process.hrtime.bigint() - started) / 1e6
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

try {
  const warmKnown = await accounts(WARM_UP, 'warm')
  const known = await accounts(ROUNDS, 'known')
  const unknown = Array.from({ length: ROUNDS + WARM_UP }, () => `${randomUUID()}@nobody.example.org`)
  for (let i = 0; i < WARM_UP; i++) {
    await timedRequest(warmKnown[i]!)
    await timedRequest(unknown.pop()!)
  }
  const times = { known: [] as number[], unknown: [] as number[] }
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)
    for (const kind of order) times[kind].push(await timedRequest(kind === 'known' ? known[i]! : unknown[i]!))
  }
  const k = median(times.known)
  const u = median(times.unknown)
  console.log(`reset request, medians over ${ROUNDS} interleaved requests each:`)
  console.log(`  known address   ${k.toFixed(2)} ms`)
  console.log(`  unknown address ${u.toFixed(2)} ms`)
  console.log(`  difference      ${(k - u).toFixed(2)} ms (ratio known/unknown ${(k / u).toFixed(3)})`)
} finally {
  await ctx.close()
}
