import { type AgreementFields, type PersonRole, text } from '@dj/agreement'
import type { Side } from '@dj/vocabulary'
import type { LetterLanguage } from './catalogs.js'
import type { InstitutionNames, VisaLetterInput } from './letter.js'

const LANGS: readonly LetterLanguage[] = ['de', 'en', 'zh']

const roleWords = (role: PersonRole) =>
  Object.fromEntries(LANGS.map((l) => [l, text(l, `role.${role}`)])) as Record<LetterLanguage, string>

/**
 * The host as its agreement describes it: the name in both scripts, the address, the first
 * contact person and the first responsible person as the one who signs (the head of school,
 * usually). The coordinators wrote these for the agreement; the letter reuses them so nobody
 * types the address twice. Anything absent stays null and is printed as open.
 */
export function hostFromAgreement(
  fields: AgreementFields,
  side: Side,
  original: string,
): Pick<VisaLetterInput['host'], 'name' | 'address' | 'contact' | 'signatory'> {
  const party = fields.parties[side]
  const name: InstitutionNames = { original }
  for (const l of LANGS) {
    const v = party.name[l]?.trim()
    if (v) name[l] = v
  }
  const address = Object.fromEntries(
    LANGS.flatMap((l) => (party.address[l]?.trim() ? [[l, party.address[l]!.trim()]] : [])),
  )
  const c = party.contacts[0]
  const signer = party.responsible[0]
  return {
    name,
    address: Object.keys(address).length ? address : null,
    contact: c
      ? { name: c.name, role: roleWords(c.role), email: c.email ?? null, phone: c.phone ?? null }
      : null,
    signatory: signer ? { name: signer.name, role: roleWords(signer.role) } : null,
  }
}
