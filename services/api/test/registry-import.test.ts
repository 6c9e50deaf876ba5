import type { AddressInfo } from 'node:net'
import { bearer, createStaff, json, registerCoordinator, startTestApp, type TestContext } from '@dj/stack'
import { waitFor } from '@dj/testkit'
import t from 'tap'
import {
  buildRegistryWorkerApp,
  loadRegistryWorkerConfig,
  type RegistryWorkerApp,
} from '../src/registry-worker-app.js'

let ctx: TestContext
let worker: RegistryWorkerApp
let workerPort = 0
t.before(async () => {
  ctx = await startTestApp('registry_import')
  worker = await buildRegistryWorkerApp({
    config: loadRegistryWorkerConfig({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: ctx.db.url,
        REDIS_URL: ctx.redis.url,
        QUEUE_PREFIX: ctx.redis.prefix,
        REGISTRY_WORKER_PORT: '0',
      },
      envFile: false,
    }),
    logger: false,
  })
  await worker.listen({ port: 0, host: '127.0.0.1' })
  workerPort = (worker.server.address() as AddressInfo).port
})
t.teardown(async () => {
  await worker.close()
  await ctx.close()
})

interface Status {
  id: string
  status: string
  total: number
  processed: number
  created: number
  updated: number
  unchanged: number
  failed: number
  report: { line: number; column: string; reason: string }[]
  error: string | null
}

const BOM = '\uFEFF'
const header =
  'external_key,name,kind,subtype,discipline,municipality,name_en,website,size,languages,description,contact_name,contact_email,contact_consent_at'
const good = [
  'jh-001,金华市第一中学,school,senior_high,,婺城区,Jinhua No. 1 Middle School,https://jhyz.example.cn,2400,zh:native;en:intermediate:taught,"一所历史悠久的中学，欢迎""德国""伙伴。",王老师,wang@example.cn,2026-01-15T08:00:00Z',
  'jh-002,义乌市篮球俱乐部,club,sport,篮球,jh-yiwu,,,120,zh:native,,,,',
  'jh-003,东阳职业技术学院,vocational,vocational_college,,Dongyang,,,9000,,"多行\n描述",,,',
]
const bad = [
  'jh-004,永康市小学,school,gymnasium,,永康市,,,300,,,,,', // a Düren school type
  ',无键学校,school,primary,,jh-wuyi,,,100,,,,,', // missing key
  'jh-005,武义县中学,school,junior_middle,,Düren,,,abc,xx:native,,,,', // three problems
  'jh-001,重复,school,primary,,jh-wuyi,,,100,,,,,', // duplicate key in the file
  'jh-006,联系人学校,school,primary,,jh-wuyi,,,100,,,李老师,li@example.cn,', // contact without consent date
]
const file = `${BOM}${header}\r\n${[...good, ...bad].join('\r\n')}\r\n`

async function upload(token: string, body: string | Buffer, fileName = 'schulen.csv') {
  return ctx.app.inject({
    method: 'POST',
    url: `/v1/officer/imports?fileName=${fileName}`,
    headers: { ...bearer(token), 'content-type': 'text/csv' },
    payload: body,
  })
}

async function finished(token: string, id: string): Promise<Status> {
  return waitFor(
    async () => {
      const s = json<Status>(
        await ctx.app.inject({ method: 'GET', url: `/v1/officer/imports/${id}`, headers: bearer(token) }),
      )
      return s.status === 'done' || s.status === 'failed' ? s : undefined
    },
    { what: 'import to finish', timeoutMs: 30_000 },
  )
}

t.test('upload → outbox → relay → registry worker → status; re-import changes nothing', async (t) => {
  const officer = await createStaff(ctx.app, 'officer.import@jinhua.gov.cn', 'officer', 'jinhua')
  const res = await upload(officer.accessToken, Buffer.from(file, 'utf8'))
  t.equal(res.statusCode, 202)
  const queued = json<Status>(res)
  t.equal(queued.status, 'queued')
  const done = await finished(officer.accessToken, queued.id)
  t.match(done, { status: 'done', total: 8, processed: 8, created: 3, updated: 0, unchanged: 0, failed: 5 })
  const where = (line: number) => done.report.filter((r) => r.line === line).map((r) => r.column)
  // Line numbers as in an editor: header is line 1; the multi-line description makes row 3 span lines 4–5.
  t.same(where(6), ['subtype'])
  t.same(where(7), ['external_key'])
  t.same(where(8).sort(), ['languages', 'municipality', 'size'])
  t.same(where(9), ['external_key'])
  t.same(where(10), ['contact_consent_at'])
  const rows = await ctx.app.dbHandle.sql`
    select external_key, name, status, municipality_id, description->'original'->>'text' as d, contact->>'email' as e
    from institutions where external_key like 'jh-%' order by external_key`
  t.same(
    rows.map((r) => [r.external_key, r.name, r.status, r.municipality_id]),
    [
      ['jh-001', '金华市第一中学', 'verified', 'jh-wucheng'],
      ['jh-002', '义乌市篮球俱乐部', 'verified', 'jh-yiwu'],
      ['jh-003', '东阳职业技术学院', 'verified', 'jh-dongyang'],
    ],
  )
  t.equal(rows[0]!.d, '一所历史悠久的中学，欢迎"德国"伙伴。')
  t.equal(rows[0]!.e, 'wang@example.cn')
  t.equal(rows[2]!.d, '多行\n描述')

  // The same file again (this time without BOM and with LF line ends): nothing changes.
  const again = await upload(officer.accessToken, file.slice(1).replace(/\r\n/g, '\n'))
  const second = await finished(officer.accessToken, json<Status>(again).id)
  t.match(second, { status: 'done', created: 0, updated: 0, unchanged: 3, failed: 5 })

  // One changed row is updated, the others stay unchanged.
  const changed = await upload(officer.accessToken, file.replace('2400', '2500'))
  t.match(await finished(officer.accessToken, json<Status>(changed).id), {
    created: 0,
    updated: 1,
    unchanged: 2,
  })

  // Coordinators on the other side find the imported (verified) institutions.
  const dn = await registerCoordinator(ctx.app, 'import.dn@example.org')
  await ctx.app.inject({
    method: 'POST',
    url: '/v1/institutions',
    headers: bearer(dn.accessToken),
    payload: { side: 'duren', name: 'Gymnasium Düren' },
  })
  const found = await ctx.app.inject({
    method: 'GET',
    url: `/v1/search/institutions?q=${encodeURIComponent('篮球')}`,
    headers: bearer(dn.accessToken),
  })
  t.same(
    json<{ items: { name: string }[] }>(found).items.map((i) => i.name),
    ['义乌市篮球俱乐部'],
  )
})

t.test('malformed or huge files are refused and import nothing', async (t) => {
  const officer = await createStaff(ctx.app, 'officer.bad@kreis-dueren.de', 'officer', 'duren')
  const before = await ctx.app.dbHandle.sql`select count(*)::int as n from imports`
  const cases: [string, string | Buffer, number, RegExp][] = [
    ['unclosed quote', `${header}\nd-1,"Gymnasium,school`, 400, /never closed/],
    ['unknown column', 'external_key,name,kind,municipality,farbe\n', 400, /unknown column/],
    ['missing column', 'external_key,name\n', 400, /missing required/],
    ['ragged row', `${header}\nd-1,Schule\n`, 400, /fields, the header has/],
    ['not UTF-8', Buffer.from([0x65, 0x78, 0xff, 0xfe, 0x0a]), 400, /UTF-8/],
    ['empty', '', 400, /./],
  ]
  for (const [name, body, status, detail] of cases) {
    const res = await upload(officer.accessToken, body)
    t.equal(res.statusCode, status, name)
    t.match(String(res.headers['content-type']), /problem\+json/)
    t.match(json<{ detail: string }>(res).detail ?? '', detail, name)
  }
  const huge = `${header}\n${'x'.repeat(6 * 1024 * 1024)}`
  const big = await upload(officer.accessToken, huge)
  t.equal(big.statusCode, 413, 'over 5 MiB')
  const many = `external_key,name,kind,subtype,municipality\n${Array.from({ length: 20_001 }, (_, i) => `k${i},Schule ${i},public,,dn-titz`).join('\n')}`
  const tooMany = await upload(officer.accessToken, many)
  t.equal(tooMany.statusCode, 413, 'over 20,000 rows')
  const after = await ctx.app.dbHandle.sql`select count(*)::int as n from imports`
  t.equal(after[0]!.n, before[0]!.n, 'no import was queued')
})

t.test('the worker answers its health endpoint', async (t) => {
  const res = await fetch(`http://127.0.0.1:${workerPort}/health`)
  t.same(await res.json(), { status: 'ok' })
})
