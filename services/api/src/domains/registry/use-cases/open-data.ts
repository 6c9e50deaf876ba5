import {
  ClaimBody,
  ClaimDecisionBody,
  type OfficerClaim,
  OpenDataUploadQuery,
  type UnclaimedSchool,
  UnclaimedSchoolQuery,
} from '@dj/contracts'
import { institutionClaims, institutions, memberships, type Side, users } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import Type from 'typebox'
import type { Actor } from '../../actor.js'
import { writeAudit } from '../../audit.js'
import { Errors, FieldsError } from '../../errors.js'
import { containsPattern } from '../../keyset.js'
import { useCase } from '../../use-case.js'
import { requireActingOfficer } from '../access.js'
import { CsvFormatError } from '../csv.js'
import { RegistryErrors } from '../errors.js'
import { readJinhuaList } from '../opendata/jinhua-list.js'
import { readSchulgrunddaten, SCHULGRUNDDATEN_ATTRIBUTION } from '../opendata/schulgrunddaten.js'
import { writeOpenDataSchools } from '../opendata/store.js'
import { decodeOpenDataFile, domainOf, emailMatchesDomain } from '../opendata/text.js'

/** Which side each format fills: the ministry's file is Düren's, our template Jinhua's. */
const SIDE_OF = { schulgrunddaten: 'duren', jinhua_list: 'jinhua' } as const satisfies Record<string, Side>
const attributionOf = (source: string | null) =>
  source === 'schulgrunddaten' ? SCHULGRUNDDATEN_ATTRIBUTION : null

/**
 * An officer imports an open-data file of their side. Unlike the registry CSV import (queued to
 * the registry worker: 20,000 rows with validation per field) this runs in the request: the
 * county's part of the NRW file is a few hundred schools and the officer wants the result at once.
 */
export const importOpenData = useCase({
  name: 'registry.importOpenData',
  input: Type.Object({ ...OpenDataUploadQuery.properties, content: Type.Unsafe<unknown>({}) }),
  caller: ['officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const side = SIDE_OF[input.format]
    requireActingOfficer(actor, side)
    if (!(input.content instanceof Uint8Array))
      throw new Errors.Invalid('send the file as the body with Content-Type text/csv')
    let decoded: ReturnType<typeof decodeOpenDataFile>
    let file: ReturnType<typeof readSchulgrunddaten>
    try {
      decoded = decodeOpenDataFile(input.content)
      file =
        input.format === 'schulgrunddaten' ? readSchulgrunddaten(decoded.text) : readJinhuaList(decoded.text)
    } catch (error) {
      if (error instanceof CsvFormatError) throw new RegistryErrors.ImportMalformed(error.message)
      throw error
    }
    const outcome = await writeOpenDataSchools(db, side, input.format, file)
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: 'open_data.imported',
      entityType: 'open_data_import',
      after: {
        format: input.format,
        fileName: input.fileName ?? null,
        added: outcome.added,
        updated: outcome.updated,
        skipped: outcome.skipped.length,
      },
      requestId,
    })
    return {
      format: input.format,
      side,
      encoding: decoded.encoding,
      rows: file.rows,
      ...outcome,
      attribution: attributionOf(input.format),
    }
  },
})

/** Open data as published: any signed-in user may browse the entries nobody has claimed yet. */
export const listUnclaimedSchools = useCase({
  name: 'registry.listUnclaimedSchools',
  input: UnclaimedSchoolQuery,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const rows = await db
      .select({
        inst: institutions,
        myClaimId: sql<string | null>`(select c.id from ${institutionClaims} c
          where c.institution_id = ${institutions}.id and c.user_id = ${actor.userId} and c.status = 'pending')`,
      })
      .from(institutions)
      .where(
        and(
          isNotNull(institutions.source),
          inArray(institutions.claimState, ['unclaimed', 'claim_pending']),
          input.side ? eq(institutions.side, input.side) : undefined,
          input.q ? sql`${institutions.name} ilike ${containsPattern(input.q)}` : undefined,
        ),
      )
      .orderBy(institutions.side, sql`lower(${institutions.name})`, institutions.id)
      .limit(input.limit)
    const items: UnclaimedSchool[] = rows.map(({ inst, myClaimId }) => ({
      id: inst.id,
      side: inst.side,
      name: inst.name,
      nameI18n: inst.nameI18n as Record<string, string>,
      kind: inst.kind ?? 'school',
      subtype: inst.subtype,
      municipalityId: inst.municipalityId,
      address: inst.address ?? null,
      website: inst.website,
      lat: inst.lat,
      lon: inst.lon,
      claimState: inst.claimState as UnclaimedSchool['claimState'],
      source: inst.source!,
      myClaimId,
    }))
    const sources = new Set(items.map((i) => i.source))
    return { items, attribution: [...sources].flatMap((s) => attributionOf(s) ?? []) }
  },
})

type ClaimRow = typeof institutionClaims.$inferSelect
type InstitutionRow = typeof institutions.$inferSelect
const claimOf = (c: ClaimRow, inst: InstitutionRow) => ({
  id: c.id,
  status: c.status,
  institution: { id: inst.id, name: inst.name, side: inst.side },
  role: c.role,
  createdAt: c.createdAt.toISOString(),
  decidedAt: c.decidedAt?.toISOString() ?? null,
  reason: c.reason,
})

/** A coordinator asks to take over an unclaimed school; the office of its side is told. */
export const claimSchool = useCase({
  name: 'registry.claimSchool',
  input: Type.Object({ id: Type.String({ format: 'uuid' }), ...ClaimBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    if (!actor.emailVerified) throw new Errors.EmailNotVerified()
    const [inst] = await db.select().from(institutions).where(eq(institutions.id, input.id)).for('update')
    if (!inst?.source || inst.claimState === 'claimed' || inst.claimState === null)
      throw new Errors.NotFound('unclaimed school')
    if (inst.claimState === 'claim_pending')
      throw new Errors.Conflict(
        'someone has already asked to take over this school; the office decides first',
      )
    const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId))
    const [claim] = await db
      .insert(institutionClaims)
      .values({ institutionId: inst.id, userId: actor.userId, role: input.role.trim() })
      .returning()
    await db
      .update(institutions)
      .set({ claimState: 'claim_pending', updatedAt: sql`now()` })
      .where(eq(institutions.id, inst.id))
    const ref = { id: inst.id, name: inst.name, side: inst.side }
    await writeOutbox(db, {
      type: 'institution.claim_requested',
      audience: { officerSides: [inst.side] },
      claimId: claim!.id,
      institution: ref,
      domainMatch: emailMatchesDomain(me?.email ?? '', inst.emailDomain),
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: 'institution.claim_requested',
      entityType: 'institution',
      entityId: inst.id,
      after: { claimId: claim!.id },
      requestId,
    })
    return claimOf(claim!, inst)
  },
})

async function officerClaims(
  db: Parameters<typeof writeAudit>[0],
  actor: Actor,
  where: ReturnType<typeof and>,
) {
  const rows = await db
    .select({
      claim: institutionClaims,
      inst: institutions,
      user: { id: users.id, name: users.displayName, email: users.email },
    })
    .from(institutionClaims)
    .innerJoin(institutions, eq(institutions.id, institutionClaims.institutionId))
    .innerJoin(users, eq(users.id, institutionClaims.userId))
    .where(and(where, actor.role === 'officer' ? eq(institutions.side, actor.side!) : undefined))
    .orderBy(
      sql`${institutionClaims.status} = 'pending' desc`,
      desc(institutionClaims.createdAt),
      institutionClaims.id,
    )
    .limit(500)
  return rows.map(({ claim, inst, user }): OfficerClaim => {
    const claimantDomain = domainOf(user.email)
    return {
      ...claimOf(claim, inst),
      claimant: user,
      schoolDomain: inst.emailDomain,
      claimantDomain,
      domainMatch: emailMatchesDomain(user.email, inst.emailDomain),
      address: inst.address ?? null,
      website: inst.website,
    }
  })
}

/** The office's claims (officers: their side's schools; admins: all), pending first. */
export const listClaims = useCase({
  name: 'registry.listClaims',
  input: Type.Object({
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('refused')]),
    ),
  }),
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    return {
      items: await officerClaims(
        db,
        actor,
        input.status ? and(eq(institutionClaims.status, input.status)) : undefined,
      ),
    }
  },
})

/** One claim; another side's claim is not found (as for any object of the other office). */
export const viewClaim = useCase({
  name: 'registry.viewClaim',
  input: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const [claim] = await officerClaims(db, actor, and(eq(institutionClaims.id, input.id)))
    if (!claim) throw new Errors.NotFound('claim')
    return claim
  },
})

/**
 * The office confirms (the claimant becomes the school's owner member and the entry is verified)
 * or refuses (the school is unclaimed again). Told to the claimant in the same transaction.
 */
export const decideClaim = useCase({
  name: 'registry.decideClaim',
  input: Type.Object({ id: Type.String({ format: 'uuid' }), ...ClaimDecisionBody.properties }),
  caller: ['officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId, sessionChanged }) {
    const [row] = await db
      .select({ claim: institutionClaims, inst: institutions })
      .from(institutionClaims)
      .innerJoin(institutions, eq(institutions.id, institutionClaims.institutionId))
      .where(eq(institutionClaims.id, input.id))
      .for('update')
    if (!row || (actor.role === 'officer' && row.inst.side !== actor.side)) throw new Errors.NotFound('claim')
    requireActingOfficer(actor, row.inst.side)
    if (row.claim.status !== 'pending') throw new Errors.Conflict(`this claim is already ${row.claim.status}`)
    const reason = input.reason?.trim() || null
    if (input.decision === 'refuse' && !reason)
      throw new FieldsError([{ field: 'reason', message: 'say why the claim is refused' }])
    const confirmed = input.decision === 'confirm'
    await db
      .update(institutionClaims)
      .set({
        status: confirmed ? 'confirmed' : 'refused',
        decidedBy: actor.userId,
        decidedAt: sql`now()`,
        reason,
      })
      .where(eq(institutionClaims.id, row.claim.id))
    if (confirmed) {
      await db
        .insert(memberships)
        .values({ userId: row.claim.userId, institutionId: row.inst.id, role: 'owner' })
        .onConflictDoUpdate({
          target: [memberships.userId, memberships.institutionId],
          set: { role: 'owner' },
        })
      await db
        .update(institutions)
        .set({
          claimState: 'claimed',
          status: 'verified',
          statusChangedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(institutions.id, row.inst.id))
      sessionChanged(row.claim.userId) // the new owner's sides now include this one
    } else {
      await db
        .update(institutions)
        .set({ claimState: 'unclaimed', updatedAt: sql`now()` })
        .where(eq(institutions.id, row.inst.id))
    }
    await writeOutbox(db, {
      type: 'institution.claim_decided',
      audience: { userIds: [row.claim.userId] },
      claimId: row.claim.id,
      institution: { id: row.inst.id, name: row.inst.name, side: row.inst.side },
      decision: confirmed ? 'confirmed' : 'refused',
      reason,
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: confirmed ? 'institution.claim_confirmed' : 'institution.claim_refused',
      entityType: 'institution',
      entityId: row.inst.id,
      after: { claimId: row.claim.id, userId: row.claim.userId, reason },
      requestId,
    })
    const [claim] = await officerClaims(db, actor, and(eq(institutionClaims.id, row.claim.id)))
    return claim!
  },
})
