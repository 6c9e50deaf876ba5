import { type DbOrTx, institutions, memberships, type Side } from '@dj/db'
import { eq, sql } from 'drizzle-orm'
import type { SessionChanged } from '../accounts/session-state.js'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { FieldsError } from '../errors.js'
import type { Institution, InstitutionView } from './access.js'
import { type ProfileFields, profileProblems } from './validate.js'

export interface ProfileInput extends ProfileFields {
  name?: string
  nameI18n?: Partial<Record<'de' | 'zh' | 'en', string>>
  website?: string | null
  size?: number | null
  description?: Institution['description']
  contact?: Institution['contact']
}

export function publicInstitution(i: Institution) {
  return {
    id: i.id,
    side: i.side,
    name: i.name,
    nameI18n: i.nameI18n as Record<string, string>,
    kind: i.kind,
    subtype: i.subtype,
    discipline: i.discipline,
    municipalityId: i.municipalityId,
    website: i.website,
    size: i.size,
    languages: i.languages,
    description: i.description,
    status: i.status,
  }
}

/** The profile as the viewer may see it; the contact person only with full access. */
export function institutionFor(
  view: Pick<InstitutionView, 'inst' | 'access' | 'memberRole'>,
  showContact: boolean,
) {
  const { inst } = view
  if (view.access === 'public')
    return {
      ...publicInstitution(inst),
      access: 'public' as const,
      ...(showContact ? { contact: inst.contact } : {}),
    }
  return {
    ...publicInstitution(inst),
    access: 'full' as const,
    contact: showContact ? inst.contact : null,
    contactConsentAt: showContact ? (inst.contactConsentAt?.toISOString() ?? null) : null,
    statusReason: inst.statusReason,
    externalKey: inst.externalKey,
    demo: inst.demo,
    ...(inst.source ? { source: inst.source } : {}),
    myRole: view.memberRole,
    createdAt: inst.createdAt.toISOString(),
    updatedAt: inst.updatedAt.toISOString(),
  }
}

function profileValues(input: ProfileInput) {
  const v: Partial<typeof institutions.$inferInsert> = {}
  if (input.name !== undefined) v.name = input.name.trim()
  if (input.kind !== undefined) v.kind = input.kind
  if (input.subtype !== undefined) v.subtype = input.subtype
  if (input.discipline !== undefined) v.discipline = input.discipline
  if (input.municipalityId !== undefined) v.municipalityId = input.municipalityId
  if (input.nameI18n !== undefined) v.nameI18n = input.nameI18n
  if (input.website !== undefined) v.website = input.website
  if (input.size !== undefined) v.size = input.size
  if (input.languages !== undefined) v.languages = input.languages
  if (input.description !== undefined) v.description = input.description
  if (input.contact !== undefined) {
    v.contact = input.contact
    // A changed contact person needs their own consent; removing the contact clears it.
    v.contactConsentAt = input.contact ? (input.contactConsent ? new Date() : undefined) : null
  }
  return v
}

export async function registerInstitution(
  tx: DbOrTx,
  p: Actor,
  input: ProfileInput & { side: Side; name: string },
  requestId: string | undefined,
  changed: SessionChanged,
): Promise<Institution> {
  const problems = profileProblems(input.side, input, false)
  if (problems.length > 0) throw new FieldsError(problems)
  const [row] = await tx
    .insert(institutions)
    .values({ ...profileValues(input), side: input.side, name: input.name.trim(), status: 'pending' })
    .returning()
  await tx.insert(memberships).values({ userId: p.userId, institutionId: row!.id, role: 'owner' })
  changed(p.userId) // the owner's sides (session state) now include this one
  await writeAudit(tx, {
    actorId: p.userId,
    actorLabel: p.displayName,
    action: 'institution.registered',
    entityType: 'institution',
    entityId: row!.id,
    after: { side: row!.side, name: row!.name },
    requestId,
  })
  return row!
}

export async function updateInstitution(tx: DbOrTx, inst: Institution, input: ProfileInput) {
  const merged: ProfileFields = {
    kind: input.kind !== undefined ? input.kind : inst.kind,
    subtype: input.subtype !== undefined ? input.subtype : inst.subtype,
    discipline: input.discipline !== undefined ? input.discipline : inst.discipline,
    municipalityId: input.municipalityId !== undefined ? input.municipalityId : inst.municipalityId,
    languages: input.languages ?? inst.languages,
    contact: input.contact,
    ...(input.contactConsent !== undefined ? { contactConsent: input.contactConsent } : {}),
  }
  const problems = profileProblems(inst.side, merged, false)
  if (problems.length > 0) throw new FieldsError(problems)
  const [row] = await tx
    .update(institutions)
    .set({ ...profileValues(input), updatedAt: sql`now()` })
    .where(eq(institutions.id, inst.id))
    .returning()
  return row!
}
