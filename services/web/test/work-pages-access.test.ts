import {
  bearer,
  createStaff,
  json,
  registerCoordinator,
  type SeededInstitution,
  seedInstitution,
} from '@dj/stack'
import t from 'tap'
import { type Stack, startStack } from './helper/stack.js'
import { anonymousSession, type WebSession, webGet, webPost, webSignIn } from './helper/web-session.js'

// Issue 16, deliverable 3: every new page × the seven kinds of reader (anonymous, the Düren and
// the Jinhua coordinator of a pair, a stranger coordinator, the officer of each side, an admin).
// Anonymous readers are sent to sign in; readers without the role get 403; readers with the
// role but not the object get 404.

let stack: Stack
const READERS = ['anon', 'du', 'jh', 'stranger', 'officerDu', 'officerJh', 'admin'] as const
type Reader = (typeof READERS)[number]
const sessions = {} as Record<Reader, WebSession>
let du: SeededInstitution
let jh: SeededInstitution
let expressionId = ''
let proposalId = ''

t.before(async () => {
  stack = await startStack('work-pages-access')
  const app = stack.api.app
  const duUser = await registerCoordinator(app, 'schmidt@access.example')
  const jhUser = await registerCoordinator(app, 'wang@access.example', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  const strangerUser = await registerCoordinator(app, 'fremd@access.example')
  await createStaff(app, 'amt@access.example', 'officer', 'duren')
  await createStaff(app, 'office@access.example', 'officer', 'jinhua')
  await createStaff(app, 'admin@access.example', 'admin')
  du = await seedInstitution(app, 'duren', 'Gymnasium am Wirteltor', [duUser.id])
  jh = await seedInstitution(app, 'jinhua', '金华市第一中学', [jhUser.id])
  await seedInstitution(app, 'duren', 'Fremde Schule', [strangerUser.id])
  const res = await app.inject({
    method: 'POST',
    url: `/v1/interests/${jh.interestId}/express-interest`,
    headers: bearer(duUser.accessToken),
    payload: { fromInterestId: du.interestId },
  })
  expressionId = json<{ expressionId: string }>(res).expressionId
  const [p] = await app.dbHandle.sql<{ id: string }[]>`
    insert into proposals (interest_a, interest_b, institution_a, institution_b, score, status)
    values (${du.interestId}::uuid, ${jh.interestId}::uuid, ${du.id}::uuid, ${jh.id}::uuid, 0.7, 'declined') returning id`
  proposalId = p!.id
  sessions.anon = await anonymousSession(stack)
  sessions.du = await webSignIn(stack, 'schmidt@access.example')
  sessions.jh = await webSignIn(stack, 'wang@access.example')
  sessions.stranger = await webSignIn(stack, 'fremd@access.example')
  sessions.officerDu = await webSignIn(stack, 'amt@access.example')
  sessions.officerJh = await webSignIn(stack, 'office@access.example')
  sessions.admin = await webSignIn(stack, 'admin@access.example')
})
t.teardown(() => stack?.close())

/** What each reader gets: the status, or `sign-in` for the redirect to the sign-in page. */
async function matrix(request: (s: WebSession) => ReturnType<typeof webGet>) {
  const out: (number | string)[] = []
  for (const r of READERS) {
    const res = await request(sessions[r])
    const location = String(res.headers.location ?? '')
    out.push(res.statusCode === 303 && location.startsWith('/sign-in') ? 'sign-in' : res.statusCode)
  }
  return out
}

t.test('the office work list', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/officer/work', s)), ['sign-in', 403, 403, 403, 200, 200, 200])
  const mine = await webGet(stack, '/officer/work', sessions.officerDu)
  t.match(mine.body, /data-count="proposals"/)
  t.notMatch(mine.body, /Austauschstelle Jinhua|Exchange office Jinhua/, 'an officer sees their own office')
  const admin = await webGet(stack, '/officer/work', sessions.admin)
  t.equal([...admin.body.matchAll(/data-count="proposals"/g)].length, 2, 'an admin sees both offices')
})

t.test('a proposal on its own page', async (t) => {
  t.same(await matrix((s) => webGet(stack, `/proposals/${proposalId}`, s)), [
    'sign-in',
    200,
    200,
    404,
    200,
    200,
    200,
  ])
  t.equal((await webGet(stack, '/proposals/not-an-id', sessions.du)).statusCode, 404)
})

t.test('an expression of interest on its own page, and its answer', async (t) => {
  t.same(await matrix((s) => webGet(stack, `/interest-expressions/${expressionId}`, s)), [
    'sign-in',
    200,
    200,
    404,
    403,
    403,
    403,
  ])
  const page = await webGet(stack, `/interest-expressions/${expressionId}`, sessions.jh)
  t.match(page.body, /action="\/interest-expressions\/[0-9a-f-]{36}\/answer"/, 'the recipient may answer')
  const sender = await webGet(stack, `/interest-expressions/${expressionId}`, sessions.du)
  t.notMatch(sender.body, /\/answer"/, 'the sender has nothing to answer')
  // Everyone but the recipient is refused; the recipient's answer makes the pair a proposal.
  const others = READERS.filter((r) => r !== 'jh')
  const got: (number | string)[] = []
  for (const r of others) {
    const res = await webPost(stack, `/interest-expressions/${expressionId}/answer`, sessions[r])
    const location = String(res.headers.location ?? '')
    got.push(res.statusCode === 303 && location.startsWith('/sign-in') ? 'sign-in' : res.statusCode)
  }
  t.same(got, ['sign-in', 403, 404, 403, 403, 403], 'anon, du, stranger, both officers, admin')
})

t.test('the dashboard shows each reader their own work', async (t) => {
  const coordinator = await webGet(stack, '/', sessions.jh)
  t.match(coordinator.body, /data-todo="interests"/, 'the recipient is asked to answer')
  t.match(coordinator.body, new RegExp(`href="/interest-expressions/${expressionId}"`))
  t.notMatch((await webGet(stack, '/', sessions.stranger)).body, /data-todo=/)
  t.match((await webGet(stack, '/', sessions.officerDu)).body, /href="\/officer\/work"/)
  t.notMatch((await webGet(stack, '/', sessions.anon)).body, /data-todo=|\/officer\/work/)
})
