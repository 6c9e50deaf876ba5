import { brotliCompressSync } from 'node:zlib'
import { partnershipBetween } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { formFields, withChanges } from './helper/form-fields.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost } from './helper/web-session.js'

// Issue 12, items 3–5 and 8 on the web: the agreement page and its edit form for the seven
// readers, the whole journey through the forms (draft, both edit, submit, both sign, an edit voids,
// both sign again, both offices countersign, the PDF), a stale signature's 409, and axe.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let partnershipId = ''
let duId = ''
let jhId = ''
let page = ''

t.before(async () => {
  stack = await startStack('agreement-web')
  const app = stack.api.app
  const seven = await sevenReaders(stack, '')
  sessions = seven.sessions
  const { school: du, club: jh } = seven.actors
  duId = du.id
  jhId = jh.id
  partnershipId = (await partnershipBetween(app, du.id, jh.id)).id
  page = `/partnerships/${partnershipId}/agreement`
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)

/** What a browser would send for the edit form as it stands on the page. */
const formOf = (body: string) =>
  formFields(body, /<form method="post" action="[^"]*\/agreement\/edit"[\s\S]*?<\/form>/)

/** Opens the edit form, changes some fields (a list replaces a checkbox group), posts it as a browser would. */
async function edit(s: WebSession, changes: Record<string, string | string[]>, body?: string) {
  const form = withChanges(formOf(body ?? (await webGet(stack, `${page}/edit`, s)).body), changes)
  return stack.web.inject({
    method: 'POST',
    url: `${page}/edit`,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  })
}
const hashOn = (body: string) => /name="hash" value="([0-9a-f]{64})"/.exec(body)?.[1]

t.test('before there is an agreement: the seven readers, and who may draft it', async (t) => {
  t.same(await matrix((s) => webGet(stack, page, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  t.same(await matrix((s) => webGet(stack, `${page}/edit`, s)), ['sign-in', 200, 200, 404, 403, 403, 403])
  const de = await webGet(stack, page, sessions.du)
  t.match(de.body, CATALOGS.de['agr.none'].slice(0, 40))
  t.match(de.body, CATALOGS.de['agr.draft'], 'a coordinator gets the button')
  const officer = await webGet(stack, page, sessions.officerJh)
  t.notMatch(officer.body, `action="${page}"`, 'officers do not draft')
  t.match(officer.body, CATALOGS.zh['agr.noneReader'])
  const ws = await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)
  t.match(ws.body, `<h2 id="agreement">`, 'the notifications’ #agreement anchor is on the workspace')
  t.match(ws.body, `href="${page}"`, 'and it links to the agreement')
  t.equal((await webPost(stack, page, sessions.officerDu)).statusCode, 403, 'officers cannot draft')
  t.equal((await webPost(stack, page, sessions.stranger)).statusCode, 404, 'strangers cannot draft')
})

t.test('drafted, then both coordinators fill in their side through the form', async (t) => {
  const drafted = await webPost(stack, page, sessions.du)
  t.equal(drafted.statusCode, 303, drafted.body)
  t.equal(drafted.headers.location, `${page}/edit?notice=agreement-drafted`)
  const shown = await webGet(stack, page, sessions.du)
  t.match(shown.body, CATALOGS.de['agr.status.draft'])
  t.match(shown.body, `href="${page}/edit#f-parties.duren.name.zh"`, 'a gap links to its field')
  const form = await webGet(stack, `${page}/edit`, sessions.du)
  // Jinhua opens the form too, before Düren saves.
  const jhForm = await webGet(stack, `${page}/edit`, sessions.jh)
  t.match(form.body, CATALOGS.de['agr.voidWarning'], 'the form says an edit voids the signatures')
  t.match(
    form.body,
    /name="baseHash" type="hidden"|type="hidden" name="baseHash"/,
    'the base version travels with it',
  )
  t.match(form.body, /id="f-term.noticeDays"[^>]*inputmode="numeric"/, 'numbers as numbers')

  const bad = await edit(sessions.du, { 'term.noticeDays': 'dreißig' }, form.body)
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'href="#f-term.noticeDays"', 'the summary links to the field')
  t.match(bad.body, CATALOGS.de['err.number'])

  const badMail = await edit(sessions.du, { 'parties.duren.contacts.0.email': 'not-an-address' }, form.body)
  t.equal(badMail.statusCode, 422, 'the API checks the contact’s address')
  t.match(badMail.body, 'href="#f-parties.duren.contacts.0.email"', 'on its field')

  const res = await edit(
    sessions.du,
    {
      'parties.duren.responsible.0.name': 'Dr. Anna Berg',
      'parties.duren.responsible.0.role': 'head',
      'parties.duren.contacts.0.email': 'kontakt@wirteltor.example',
      'parties.duren.name.zh': '维尔特尔门文理中学',
      'parties.duren.address.de': 'Wirteltorplatz 1, 52349 Düren',
      'purpose.aims.de': 'Gemeinsame Umweltprojekte',
    },
    form.body,
  )
  t.equal(res.statusCode, 303, res.body.slice(0, 2000))
  t.match(String(res.headers.location), /notice=agreement-saved/)
  const withPeople = await webGet(stack, page, sessions.du)
  t.match(withPeople.body, 'Dr. Anna Berg', 'the responsible person is in the agreement')
  const again = await webGet(stack, `${page}/edit`, sessions.du)
  t.match(again.body, 'value="kontakt@wirteltor.example"', 'and the form shows what was saved')
  t.match(again.body, /<option value="head" selected/, 'with the role')

  // Jinhua edits on the version it opened before Düren saved: refused, the entries stay.
  const stale = await edit(sessions.jh, { 'parties.jinhua.name.de': 'Jinhua Nr. 1' }, jhForm.body)
  t.equal(stale.statusCode, 409)
  t.match(stale.body, CATALOGS.zh['agr.err.staleEdit'].slice(0, 12), 'the message, in Chinese')
  t.match(stale.body, 'value="Jinhua Nr. 1"', 'what was typed is still in the form')

  const invalid = await edit(sessions.jh, { 'period.start': '2027-02-30' })
  t.equal(invalid.statusCode, 422, 'a date the schema refuses')
  t.match(invalid.body, 'href="#f-period.start"', 'on its field')

  const jh = await edit(sessions.jh, {
    'parties.jinhua.name.de': 'Jinhua Nr. 1 Mittelschule',
    'parties.jinhua.address.zh': '浙江省金华市婺城区八一南街 1 号',
    'purpose.aims.zh': '通过共同的环境项目加深了解。',
    'period.start': '2027-05-10',
    'period.end': '2027-05-20',
    'term.validUntil': '2028-05-20',
    'groups.jinhua.count': '12',
    'groups.jinhua.ageMin': '14',
    'groups.jinhua.ageMax': '16',
    'groups.jinhua.accompanyingAdults': '2',
    'hosting.costs.travel': 'each_own',
  })
  t.equal(jh.statusCode, 303, jh.body.slice(0, 3000))
  const done = await webGet(stack, page, sessions.jh)
  t.notMatch(done.body, 'id="gaps"', 'nothing is missing any more')
  t.match(done.body, '通过共同的环境项目加深了解。', 'the aims in the Chinese column')
  t.match(done.body, /<div lang="de"><h3>/, 'German beside it')
  const zhEn = await webGet(stack, `${page}?languages=zh,en`, sessions.jh)
  t.match(zhEn.body, /<div lang="en"><h3>/, 'English on request')
  t.notMatch(zhEn.body, /<div lang="de"><h3>/)
  t.equal((await webGet(stack, `${page}?languages=fr`, sessions.jh)).statusCode, 400)
  t.match(done.body, '12', 'the group count')
})

t.test('in the browser: the agreement page and the edit form pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const s = await Session.open(browser, 'zh-CN', { width: 1280, height: 900 }, 'Asia/Shanghai', 'agreement')
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', 'laoshi@jinhua-school.cn')
  await s.page.fill('#f-password', 'correct horse battery')
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  await s.page.goto(`${stack.webUrl}${page}`)
  const view = await s.audit('agreement-zh')
  t.same(serious(view.violations), [], describeViolations(view.violations))
  await s.page.goto(`${stack.webUrl}${page}/edit`)
  const form = await s.audit('agreement-edit-zh')
  t.same(serious(form.violations), [], describeViolations(form.violations))
  await s.page.fill('#f-term\\.noticeDays', 'x')
  await s.page.getByRole('button', { name: CATALOGS.zh['agr.save'], exact: true }).click()
  await s.page.waitForLoadState('load')
  const errors = await s.audit('agreement-edit-errors-zh')
  t.match(await s.page.content(), 'href="#f-term.noticeDays"', 'the error summary')
  t.same(serious(errors.violations), [], describeViolations(errors.violations))
})

t.test('submit, both sign, an edit voids, both sign again, both offices countersign, the PDF', async (t) => {
  const draft = await webGet(stack, page, sessions.jh)
  const submitted = await webPost(stack, `${page}/submit`, sessions.jh, { hash: hashOn(draft.body)! })
  t.equal(submitted.statusCode, 303, submitted.body.slice(0, 2000))
  t.equal(submitted.headers.location, `${page}?notice=agreement-submitted`)

  const officerView = await webGet(stack, page, sessions.officerDu)
  t.match(officerView.body, CATALOGS.de['agr.status.ready_for_signature'])
  t.match(officerView.body, CATALOGS.de['agr.waitingFor'])
  t.notMatch(officerView.body, `action="${page}/sign"`, 'no countersign button before both institutions')
  const ready = await webGet(stack, page, sessions.du)
  const hash = hashOn(ready.body)!
  t.ok(hash, 'the sign button carries the version hash')
  const early = await webPost(stack, `${page}/sign`, sessions.officerDu, { hash })
  t.equal(early.statusCode, 409)
  t.match(early.body, CATALOGS.de['agr.err.institutionsFirst'])
  t.equal(
    (await webPost(stack, `${page}/sign`, sessions.admin, { hash })).statusCode,
    403,
    'admins read only',
  )
  t.equal((await webPost(stack, `${page}/sign`, sessions.stranger, { hash })).statusCode, 404)
  t.equal((await webPost(stack, `${page}/submit`, sessions.officerJh, { hash })).statusCode, 403)

  t.match(ready.body, 'name="role"', 'an institution’s signer says what they sign as')
  const duSigned = await webPost(stack, `${page}/sign`, sessions.du, { hash, role: 'head' })
  t.equal(duSigned.statusCode, 303)
  t.equal(duSigned.headers.location, `${page}?notice=agreement-signed`)
  const signedPage = await webGet(stack, `${page}?notice=agreement-signed`, sessions.du)
  t.match(signedPage.body, CATALOGS.de['notice.agreementSigned'])
  t.match(signedPage.body, `<code>${hash.slice(0, 12)}</code>`, 'the signature names the version hash, short')
  t.match(
    signedPage.body,
    /lehrerin für Gymnasium am Wirteltor \(Schulleitung \/ Leitung\) · <time datetime="[^"]+">[^<]*MEZ/,
    'who and when, in the reader’s zone',
  )

  const jhPage = await webGet(stack, page, sessions.jh)
  t.match(jhPage.body, /北京时间/, 'the same signature in the Chinese reader’s zone')
  t.equal((await webPost(stack, `${page}/sign`, sessions.jh, { hash })).statusCode, 303)
  const both = await webGet(stack, page, sessions.officerJh)
  t.match(both.body, CATALOGS.zh['agr.status.signed_by_institutions'])
  t.match(both.body, CATALOGS.zh['agr.countersign'], 'now the offices countersign')

  // Jinhua changes a number after both signed: every signature is void, the diff is shown.
  const voiding = await edit(sessions.jh, { 'groups.jinhua.accompanyingAdults': '3' })
  t.equal(voiding.statusCode, 303, voiding.body.slice(0, 2000))
  t.match(String(voiding.headers.location), /notice=agreement-voided/)
  const after = await webGet(stack, `${page}?notice=agreement-voided`, sessions.du)
  t.match(after.body, CATALOGS.de['notice.agreementVoided'])
  t.match(after.body, CATALOGS.de['agr.noSignatures'], 'no signature on the new version')
  t.match(after.body, /Begleitende Erwachsene \(Anzahl\): <del>2<\/del> → <ins>3<\/ins>/, 'what changed')
  t.match(after.body, CATALOGS.de['agr.voided'], 'the old signatures are listed as voided')
  const newHash = hashOn(after.body)!
  t.not(newHash, hash)

  // A signature on the version before the edit: 409, the message and the new version.
  const stale = await webPost(stack, `${page}/sign`, sessions.jh, { hash })
  t.equal(stale.statusCode, 409)
  t.match(stale.body, CATALOGS.zh['agr.err.stale'].slice(0, 12))
  t.match(stale.body, `value="${newHash}"`, 'the page offers the current version to sign')

  for (const s of [sessions.du, sessions.jh, sessions.officerJh, sessions.officerDu]) {
    const res = await webPost(stack, `${page}/sign`, s, { hash: newHash })
    t.equal(res.statusCode, 303, res.body.slice(0, 1000))
  }
  const complete = await webGet(stack, page, sessions.admin)
  t.comment(
    `the complete agreement page: ${complete.body.length} B, ${brotliCompressSync(complete.body).length} B brotli`,
  )
  t.match(complete.body, CATALOGS.de['agr.status.complete'])
  t.notMatch(complete.body, `action="${page}/sign"`)
  t.equal(
    (await webGet(stack, `${page}/edit`, sessions.du)).statusCode,
    303,
    'a complete agreement is not edited',
  )

  const pdf = /href="(\/partnerships\/[^"]+\/versions\/\d+\/pdf\?languages=de,zh)"/.exec(complete.body)?.[1]
  t.ok(pdf, 'a PDF link')
  const file = await webGet(stack, pdf!.replaceAll('&amp;', '&'), sessions.officerJh)
  t.equal(file.statusCode, 200)
  t.equal(file.headers['content-type'], 'application/pdf')
  t.match(String(file.headers['content-disposition']), /^attachment;/)
  t.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-')
  t.equal((await webGet(stack, pdf!, sessions.stranger)).statusCode, 404, 'not for strangers')

  t.same(await matrix((s) => webGet(stack, page, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  t.same(await matrix((s) => webGet(stack, pdf!, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
})

t.test(
  'who signs is chosen with the draft: without the offices, with a second signer for Düren',
  async (t) => {
    const other = (await partnershipBetween(stack.api.app, duId, jhId)).id
    const otherPage = `/partnerships/${other}/agreement`
    const form = await webGet(stack, otherPage, sessions.du)
    t.match(
      form.body,
      /name="countersign" value="yes" checked/,
      'the offices countersign unless told otherwise',
    )
    t.match(form.body, 'name="secondSigner" value="duren"')
    const res = await webPost(stack, otherPage, sessions.du, { countersign: 'no', secondSigner: 'duren' })
    t.equal(res.statusCode, 303, res.body.slice(0, 1000))
    const [row] = await stack.api.app.dbHandle.sql<{ config: unknown }[]>`
    select config from agreements where partnership_id = ${other}::uuid`
    t.same(row?.config, { countersign: false, secondSigner: { duren: true, jinhua: false } })
  },
)
