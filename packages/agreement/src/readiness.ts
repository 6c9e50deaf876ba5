import type { Side } from '@dj/vocabulary'
import type { AgreementFields, LocalText } from './fields.js'

/** Something a version lacks before it can go out for signature; `path` is dotted like a diff's. */
export interface Gap {
  path: string
  problem: 'required' | 'order' | 'duplicate'
}

/** The script a party writes its own name and address in; the other script is asked for too. */
export const OWN_LANGUAGE: Record<Side, 'de' | 'zh'> = { duren: 'de', jinhua: 'zh' }

const blank = (t: LocalText, lang: keyof LocalText) => !t[lang]?.trim()

/**
 * What is missing before the fields can be signed. The schema admits a half-filled draft; a
 * signed agreement names both parties in both scripts, has dates, people, numbers and a term.
 */
export function readiness(f: AgreementFields): Gap[] {
  const gaps: Gap[] = []
  const need = (path: string, ok: boolean, problem: Gap['problem'] = 'required') => {
    if (!ok) gaps.push({ path, problem })
  }
  for (const side of ['duren', 'jinhua'] as const) {
    const party = f.parties[side]
    need(`parties.${side}.name.de`, !blank(party.name, 'de'))
    need(`parties.${side}.name.zh`, !blank(party.name, 'zh'))
    need(`parties.${side}.address.${OWN_LANGUAGE[side]}`, !blank(party.address, OWN_LANGUAGE[side]))
    need(`parties.${side}.responsible`, party.responsible.length > 0)
    need(`parties.${side}.contacts`, party.contacts.length > 0)
    f.groups[side].bands.forEach((band, i) => {
      need(`groups.${side}.bands.${i}.ageMax`, band.ageMin <= band.ageMax, 'order')
    })
  }
  need('purpose.formats', f.purpose.formats.length > 0)
  need('topics', f.topics.length > 0)
  need('languages', f.languages.length > 0)
  need('period.start', f.period.start !== null)
  need('period.end', f.period.end !== null)
  if (f.period.start && f.period.end) need('period.end', f.period.start <= f.period.end, 'order')
  need('groups', f.groups.duren.bands.length + f.groups.jinhua.bands.length > 0)
  const items = f.hosting.costs.map((c) => c.item)
  need('hosting.costs', new Set(items).size === items.length, 'duplicate')
  need('term.validUntil', f.term.validUntil !== null)
  if (f.term.validUntil && f.period.end) need('term.validUntil', f.period.end <= f.term.validUntil, 'order')
  return gaps
}
