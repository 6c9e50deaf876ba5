import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { proposals } from '@dj/db'
import { bearer, partnershipBetween, type SeededInstitution } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet } from './helper/web-session.js'

// Issue 12, items 1 and 2 on the web: the workspace page for the seven kinds of reader, the
// conversation's form (text and a file, one multipart form), unread badges, and axe.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let du: SeededInstitution
let jh: SeededInstitution
let partnershipId = ''
let jhToken = ''
let duToken = ''

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

t.before(async () => {
  stack = await startStack('workspace')
  const app = stack.api.app
  const seven = await sevenReaders(stack, '')
  sessions = seven.sessions
  ;({ school: du, club: jh } = seven.actors)
  const jhUser = seven.actors.jh
  jhToken = jhUser.accessToken
  duToken = seven.actors.du.accessToken
  const partnership = await partnershipBetween(app, du.id, jh.id)
  partnershipId = partnership.id
  // The confirmed proposal behind it, so the coordinators' proposal list shows the partnership.
  const [proposal] = await app.db
    .insert(proposals)
    .values({
      interestA: partnership.interestA,
      interestB: partnership.interestB,
      institutionA: du.id,
      institutionB: jh.id,
      status: 'confirmed',
      decidedAt: new Date(),
    })
    .returning({ id: proposals.id })
  await app.db.$client`update partnerships set proposal_id = ${proposal!.id} where id = ${partnershipId}`
  const first = await app.inject({
    method: 'POST',
    url: `/v1/partnerships/${partnershipId}/messages`,
    headers: bearer(jhUser.accessToken),
    payload: { body: '你们好！<script>alert(1)</script>' },
  })
  if (first.statusCode !== 201) throw new Error(first.body)
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const BOUNDARY = '----dj-workspace-test'
/** A multipart form as a browser sends it: the form token first, then the text, then the file. */
function multipart(s: WebSession, body: string, file?: { name: string; content: Buffer }) {
  const parts: Buffer[] = []
  const field = (name: string, value: string) =>
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  field('_csrf', s.csrf)
  field('body', body)
  if (file)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(parts)
}
const postForm = (s: WebSession, body: string, file?: { name: string; content: Buffer }) =>
  stack.web.inject({
    method: 'POST',
    url: `/partnerships/${partnershipId}/messages`,
    headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(s, body, file),
  })

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)

t.test('the page for each of the seven readers, in their language', async (t) => {
  const de = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.match(de.body, CATALOGS.de['ws.title'])
  t.match(de.body, '你们好！&lt;script&gt;', 'the message is shown, escaped')
  t.notMatch(de.body, '<script>alert', 'never as mark-up')
  t.match(de.body, CATALOGS.de['ws.kind.partnership.confirmed'], 'the timeline in German')
  t.match(de.body, /1 neue Nachricht/, 'the unread badge before it was seen')
  t.match(de.body, /name="body"/, 'a coordinator gets the form')
  const again = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.notMatch(again.body, /neue Nachricht/, 'seen once, the badge is gone')

  // Admins operate the platform; the partners' correspondence is not theirs to read.
  t.same(await matrix((s) => webGet(stack, `/partnerships/${partnershipId}/workspace`, s)), [
    'sign-in',
    200,
    200,
    404,
    200,
    200,
    403,
  ])

  const zh = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.jh)
  t.match(zh.body, CATALOGS.zh['ws.title'])
  t.match(zh.body, CATALOGS.zh['ws.kind.partnership.confirmed'], 'the timeline in Chinese')
  t.match(zh.body, /北京时间|CST|GMT\+8/, 'times in the reader’s zone, named')

  const officer = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.officerJh)
  t.notMatch(officer.body, /name="body"/, 'officers read only')
  t.match(officer.body, CATALOGS.zh['ws.readOnly'].slice(0, 10), 'in the officer’s language')
  const readMark = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.match(readMark.body, /Gelesen vom Amt/, 'the office is shown as a reader')
})

t.test('posting through the form: text, a file detected by content, refusals on the field', async (t) => {
  const res = await postForm(sessions.du, 'Guten Tag aus Düren!')
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, `/partnerships/${partnershipId}/workspace#messages`)
  const withFile = await postForm(sessions.du, 'Foto', { name: 'Schulhof.pdf', content: PNG })
  t.equal(withFile.statusCode, 303, withFile.body)
  const pageDe = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.match(pageDe.body, 'Guten Tag aus Düren!')
  const link = /href="\/attachments\/([0-9a-f-]{36})"/.exec(pageDe.body)
  t.ok(link, 'the attachment is linked')
  const file = await webGet(stack, `/attachments/${link![1]}`, sessions.jh)
  t.equal(file.statusCode, 200)
  t.equal(file.headers['content-type'], 'image/png', 'the type its bytes showed, not the name')
  t.match(String(file.headers['content-disposition']), /^attachment;/)
  t.equal(file.headers['x-content-type-options'], 'nosniff')
  t.equal((await webGet(stack, `/attachments/${link![1]}`, sessions.stranger)).statusCode, 404)

  const html = await postForm(sessions.du, '', {
    name: 'x.pdf',
    content: Buffer.from('<html><script>alert(1)</script></html>'),
  })
  t.equal(html.statusCode, 400)
  t.match(html.body, CATALOGS.de['err.attachmentType'], 'the refusal is on the file field')
  const empty = await postForm(sessions.du, '   ')
  t.equal(empty.statusCode, 400)
  t.match(empty.body, CATALOGS.de['err.messageRequired'])

  const unread = await stack.api.app.inject({
    method: 'GET',
    url: '/v1/me/partner-messages/unread',
    headers: bearer(jhToken),
  })
  t.same(JSON.parse(unread.body).items, [{ partnershipId, unread: 2 }], 'the partner has two new messages')
  const list = await webGet(stack, '/proposals', sessions.jh)
  t.match(
    list.body,
    new RegExp(`href="/partnerships/${partnershipId}/workspace">[^<]+</a> <span class="badge">2\\D`),
    'the proposals list shows the new messages beside the workspace link',
  )

  t.equal((await postForm(sessions.officerDu, 'x')).statusCode, 403, 'officers cannot post')
  t.equal((await postForm(sessions.stranger, 'x')).statusCode, 404, 'strangers cannot post')
  t.equal((await postForm(sessions.admin, 'x')).statusCode, 403, 'admins cannot post')
  const anon = await postForm(sessions.anon, 'x')
  t.ok([303, 403].includes(anon.statusCode), 'anonymous cannot post')
})

t.test(
  'in the browser: write a message with a file through the form; axe finds nothing serious',
  async (t) => {
    try {
      browser = await launch()
    } catch (e) {
      t.fail(`no browser: ${(e as Error).message}`)
      return
    }
    const s = await Session.open(browser, 'de-DE', { width: 1280, height: 900 }, 'Asia/Shanghai', 'workspace')
    t.teardown(() => s.close())
    await s.page.goto(`${stack.webUrl}/sign-in`)
    await s.page.fill('#f-email', 'laoshi@jinhua-school.cn')
    await s.page.fill('#f-password', 'correct horse battery')
    await s.page.getByRole('button', { name: CATALOGS.de['signIn.submit'], exact: true }).click()
    await s.page.waitForURL(`${stack.webUrl}/`)
    await s.page.goto(`${stack.webUrl}/partnerships/${partnershipId}/workspace`)
    const before = await s.audit('workspace-zh')
    t.same(serious(before.violations), [], describeViolations(before.violations))
    const path = join(tmpdir(), `plan-${process.pid}.png`)
    writeFileSync(path, PNG)
    await s.page.fill('#f-body', '谢谢，我们很期待这次交流。')
    await s.page.setInputFiles('#f-file', path)
    await s.page.getByRole('button', { name: CATALOGS.zh['ws.send'], exact: true }).click()
    await s.page.waitForURL(`${stack.webUrl}/partnerships/${partnershipId}/workspace#messages`)
    t.match(await s.page.content(), '谢谢，我们很期待这次交流。', 'the message is in the conversation')
    const after = await s.audit('workspace-zh-after-post')
    t.same(serious(after.violations), [], describeViolations(after.violations))
  },
)

t.test("the agreement in the timeline, in the reader's language", async (t) => {
  const base = `/v1/partnerships/${partnershipId}/agreement`
  const created = await stack.api.app.inject({
    method: 'POST',
    url: base,
    headers: bearer(duToken),
    payload: {},
  })
  t.equal(created.statusCode, 201, created.body)
  const de = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.match(de.body, 'Vereinbarung: Fassung 1 geschrieben', 'German')
  t.notMatch(de.body, CATALOGS.de['ws.kind.other'], 'no entry falls back to the generic text')
  const zh = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.jh)
  t.match(zh.body, '协议：已写入第 1 版', 'Chinese')
})
