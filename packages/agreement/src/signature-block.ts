import { formatDateTime } from '@dj/intl'
import type { Language, Side } from '@dj/vocabulary'
import { type AgreementKey, text } from './catalogs.js'
import { localText } from './render.js'
import { type AgreementState, type Signature, type SlotId, slotKind, slotSide, slots } from './signing.js'

/** Where each side signs: a signature's time is shown in the signer's own zone, named. */
export const SIDE_ZONES: Record<Side, string> = { duren: 'Europe/Berlin', jinhua: 'Asia/Shanghai' }

export interface SignatureLine {
  slot: SlotId
  signature?: Signature
  /** Per language: whom the place is for, and who signed when (or that it is still open). */
  columns: { lang: Language; label: string; text: string }[]
}

export interface SignatureBlock {
  version: number
  hash: string
  heading: { lang: Language; text: string }[]
  status: { lang: Language; text: string }[]
  lines: SignatureLine[]
  /** "Version <hash>" per language, printed under the signatures. */
  versionLine: { lang: Language; text: string }[]
  /** How to check a printed copy: the version hash and where to compare it. */
  footer: { lang: Language; text: string }[]
}

/** The signature block of the current version, in the agreement's languages. */
export function renderSignatureBlock(s: AgreementState, languages: readonly Language[]): SignatureBlock {
  const bySlot = new Map(s.signatures.map((sig) => [sig.slot, sig]))
  const per = (f: (lang: Language) => string) => languages.map((lang) => ({ lang, text: f(lang) }))
  return {
    version: s.version,
    hash: s.hash,
    heading: per((lang) => text(lang, 'signatures.heading')),
    status: per((lang) => text(lang, `status.${s.status}`)),
    lines: slots(s.config).map((slot) => {
      const side = slotSide(slot)
      const signature = bySlot.get(slot)
      return {
        slot,
        ...(signature ? { signature } : {}),
        columns: languages.map((lang) => ({
          lang,
          label: text(lang, 'signatures.slot', {
            slot: slotKind(slot),
            side,
            party: localText(s.fields.parties[side].name, lang) ?? text(lang, 'open'),
          }),
          text: signature
            ? text(lang, 'signatures.signed', {
                name: signature.name,
                role: text(lang, `role.${signature.role}` as AgreementKey),
                date: formatDateTime(lang, SIDE_ZONES[signature.side], signature.at),
              })
            : text(lang, 'signatures.pending'),
        })),
      }
    }),
    versionLine: per((lang) => text(lang, 'signatures.version', { hash: s.hash })),
    footer: per((lang) => text(lang, 'footer.verify', { hash: s.hash })),
  }
}
