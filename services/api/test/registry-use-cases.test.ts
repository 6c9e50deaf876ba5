import { durenSchool, interestBody, jinhuaSchool, startTestApp, type TestContext } from '@dj/stack'
import t from 'tap'
import type { Actor } from '../src/domains/actor.js'
import { isDomainError } from '../src/domains/errors.js'
import * as importCases from '../src/domains/registry/use-cases/imports.js'
import * as institutionCases from '../src/domains/registry/use-cases/institutions.js'
import * as interestCases from '../src/domains/registry/use-cases/interests.js'
import * as memberCases from '../src/domains/registry/use-cases/members.js'
import * as officerCases from '../src/domains/registry/use-cases/officer.js'
import * as privacyCases from '../src/domains/registry/use-cases/privacy.js'
import * as searchCases from '../src/domains/registry/use-cases/search.js'
import type { Deps, UseCase, UseCaseEnv } from '../src/domains/use-case.js'
import { seedActor } from './helper/actor.js'

/** The registry's use cases called as a CLI or worker would: no HTTP, an actor and an input. */
let ctx: TestContext
let env: UseCaseEnv
t.before(async () => {
  ctx = await startTestApp('registry_use_cases')
  env = ctx.app.useCases
})
t.teardown(() => ctx.close())

const actor = (role: Actor['role'], side: Actor['side'] = null) => seedActor(ctx.app.db, role, side)

const exec = <I, O>(uc: UseCase<I, keyof Deps, O>, who: Actor | null, input: I) =>
  uc.execute(env, { actor: who, input })

/** The code of the domain error a call ends with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
}

t.test('interests: the other side sees open ones only; only editors change them', async (t) => {
  const owner = await actor('coordinator')
  const other = await actor('coordinator')
  const inst = await exec(institutionCases.registerInstitution, owner, durenSchool('UC Gymnasium') as never)
  const partner = await exec(
    institutionCases.registerInstitution,
    other,
    jinhuaSchool('UC Middle School') as never,
  )
  const officer = await actor('officer', 'duren')
  await exec(officerCases.actOnInstitution, officer, { id: inst.id, action: 'verify' })
  const open = await exec(interestCases.createInterest, owner, {
    id: inst.id,
    interest: interestBody() as never,
  })
  const paused = await exec(interestCases.createInterest, owner, {
    id: inst.id,
    interest: interestBody({ status: 'paused' }) as never,
  })
  const mine = await exec(interestCases.listInstitutionInterests, owner, { id: inst.id })
  t.same(mine.items.map((i) => i.id).sort(), [open.id, paused.id].sort(), 'members see all')
  const theirs = await exec(interestCases.listInstitutionInterests, other, { id: inst.id })
  t.same(
    theirs.items.map((i) => i.id),
    [open.id],
    'the other side sees the open one',
  )
  t.equal(await codeOf(exec(interestCases.viewInterest, other, { id: paused.id })), 'NOT_FOUND')
  t.equal(
    await codeOf(exec(interestCases.updateInterest, other, { id: open.id, patch: { ageMin: 12 } })),
    'ACCESS_FORBIDDEN',
    'the other side may look, not edit',
  )
  const updated = await exec(interestCases.updateInterest, owner, { id: open.id, patch: { ageMin: 12 } })
  t.equal(updated.ageMin, 12)
  t.equal(await exec(interestCases.deleteInterest, owner, { id: paused.id }), null)
  t.equal(await codeOf(exec(interestCases.viewInterest, owner, { id: paused.id })), 'NOT_FOUND')
  t.equal(
    await codeOf(exec(interestCases.listInstitutionInterests, null, { id: inst.id })),
    'AUTH_UNAUTHENTICATED',
    'no actor, no answer',
  )
  t.ok(partner.id)
})

t.test('search: which side each kind of actor searches', async (t) => {
  const admin = await actor('admin')
  const officer = await actor('officer', 'jinhua')
  const lonely = await actor('coordinator')
  t.equal(await codeOf(exec(searchCases.searchInstitutions, admin, { limit: 5 })), 'REQUEST_VALIDATION')
  t.equal(await codeOf(exec(searchCases.searchInstitutions, lonely, { limit: 5 })), 'ACCESS_FORBIDDEN')
  const coord = await actor('coordinator')
  await exec(institutionCases.registerInstitution, coord, durenSchool('UC Realschule') as never)
  t.equal(
    await codeOf(exec(searchCases.searchInstitutions, coord, { side: 'duren', limit: 5 })),
    'ACCESS_FORBIDDEN',
    'not the own side',
  )
  const page = await exec(searchCases.searchInstitutions, officer, { limit: 100 })
  t.ok(
    page.items.every((i) => i.side === 'duren' && i.status === 'verified'),
    'officers: the other side by default',
  )
  const hits = await exec(searchCases.searchInterests, coord, { limit: 20 })
  t.ok(
    hits.items.every((h) => h.institution.side === 'jinhua' && Array.isArray(h.expressedFrom)),
    'hits carry expressedFrom',
  )
})

t.test('officer actions: transitions, reasons, own side only', async (t) => {
  const coord = await actor('coordinator')
  const inst = await exec(institutionCases.registerInstitution, coord, durenSchool('UC Schule Nord') as never)
  const foreign = await actor('officer', 'jinhua')
  const officer = await actor('officer', 'duren')
  t.equal(
    await codeOf(exec(officerCases.actOnInstitution, foreign, { id: inst.id, action: 'verify' })),
    'ACCESS_FORBIDDEN',
  )
  t.equal(
    await codeOf(exec(officerCases.actOnInstitution, officer, { id: inst.id, action: 'reject' })),
    'REQUEST_VALIDATION',
    'a rejection needs a reason',
  )
  t.equal(
    await codeOf(
      exec(officerCases.actOnInstitution, officer, { id: inst.id, action: 'suspend', reason: 'x' }),
    ),
    'CONFLICT',
    'pending cannot be suspended',
  )
  const verified = await exec(officerCases.actOnInstitution, officer, { id: inst.id, action: 'verify' })
  t.equal(verified.status, 'verified')
  t.equal(
    await codeOf(exec(officerCases.actOnInstitution, coord, { id: inst.id, action: 'verify' })),
    'ACCESS_FORBIDDEN',
  )
  t.equal(
    await codeOf(exec(officerCases.listOfficerInstitutions, officer, { side: 'jinhua', limit: 10 })),
    'REQUEST_VALIDATION',
    "officers list their own side's queue",
  )
  const queue = await exec(officerCases.listOfficerInstitutions, officer, { status: 'verified', limit: 200 })
  t.ok(queue.items.some((i) => i.id === inst.id))
})

t.test('imports: the file is checked before anything is queued', async (t) => {
  const officer = await actor('officer', 'duren')
  const admin = await actor('admin')
  const csv = (s: string) => Buffer.from(s, 'utf8')
  t.equal(await codeOf(exec(importCases.requestImport, admin, { content: csv('x') })), 'REQUEST_VALIDATION')
  t.equal(await codeOf(exec(importCases.requestImport, officer, { content: 'text' })), 'REQUEST_INVALID')
  t.equal(
    await codeOf(exec(importCases.requestImport, officer, { content: Buffer.from([0xff, 0xfe, 0x00]) })),
    'REGISTRY_IMPORT_MALFORMED',
  )
  t.equal(
    await codeOf(
      exec(importCases.requestImport, officer, { side: 'jinhua', content: csv('external_key\n') }),
    ),
    'ACCESS_FORBIDDEN',
  )
  const created = await exec(importCases.requestImport, officer, {
    fileName: 'uc.csv',
    content: csv('external_key,name,kind,municipality\nk1,Schule Eins,school,dn-dueren\n'),
  })
  t.match(created, { side: 'duren', status: 'queued', fileName: 'uc.csv' })
  const seen = await exec(importCases.viewImport, officer, { id: created.id })
  t.equal(seen.id, created.id)
  t.equal(
    await codeOf(exec(importCases.viewImport, await actor('officer', 'jinhua'), { id: created.id })),
    'ACCESS_FORBIDDEN',
  )
  const list = await exec(importCases.listImports, admin, { limit: 10 })
  t.ok(list.items.some((i) => i.id === created.id) && list.total >= 1)
})

t.test('members and accounts: last owner, self removal, own erasure', async (t) => {
  const owner = await actor('coordinator')
  const inst = await exec(institutionCases.registerInstitution, owner, durenSchool('UC Kolleg') as never)
  t.equal(
    await codeOf(exec(memberCases.removeMember, owner, { id: inst.id, userId: owner.userId })),
    'CONFLICT',
    'the last owner stays',
  )
  const stranger = await actor('coordinator')
  t.equal(
    await codeOf(exec(memberCases.removeMember, stranger, { id: inst.id, userId: stranger.userId })),
    'NOT_FOUND',
  )
  const members = await exec(memberCases.listMembers, owner, { id: inst.id })
  t.same(
    members.items.map((m) => m.role),
    ['owner'],
  )
  const invited = await exec(memberCases.inviteMember, owner, {
    id: inst.id,
    invitation: { email: 'colleague@example.org' },
  })
  t.equal(invited.role, 'member', 'member by default')
  const admin = await actor('admin')
  t.equal(await codeOf(exec(privacyCases.eraseUser, admin, { id: admin.userId })), 'CONFLICT')
  t.equal(await codeOf(exec(privacyCases.eraseUser, admin, { id: owner.userId })), 'CONFLICT', 'last owner')
  t.equal(await exec(privacyCases.eraseUser, admin, { id: stranger.userId }), null)
  t.equal(await codeOf(exec(privacyCases.eraseUser, admin, { id: stranger.userId })), 'NOT_FOUND')
})
