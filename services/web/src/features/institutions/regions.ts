import {
  CLUB_FIELDS,
  type InstitutionKind,
  listRegions,
  type Regions,
  SCHOOL_TYPES,
  type Side,
  VOCATIONAL_TYPES,
} from '@dj/contracts'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

export type { Regions }

let regionsCache: Promise<Regions | null> | undefined
/** Towns of Kreis Düren and divisions of Jinhua: fixed data, fetched once per process. */
export function loadRegions(v: View): Promise<Regions | null> {
  regionsCache ??= v.call(listRegions).then((r) => {
    if (!r.ok) regionsCache = undefined
    return r.ok ? r.data : null
  })
  return regionsCache
}
const regionLabel = (v: View, x: { de: string; en: string; zh: string }) =>
  v.locale === 'zh' ? x.zh : v.locale === 'en' ? x.en : x.de
export function municipalityOptions(v: View, regions: Regions | null, only?: Side) {
  if (!regions) return []
  return (['duren', 'jinhua'] as const)
    .filter((side) => !only || side === only)
    .flatMap((side) =>
      regions[side].units.map((u) => ({
        value: u.id,
        label: regionLabel(v, u),
        group: regionLabel(v, regions[side].name),
      })),
    )
}

/** Kind and subtype in one choice ("school:gymnasium"), grouped; the API checks it fits the side. */
const TYPE_GROUPS: [MessageKey, InstitutionKind, [string, MessageKey][]][] = [
  ['kindGroup.schoolDuren', 'school', SCHOOL_TYPES.duren.map((s) => [s, `subtype.${s}` as MessageKey])],
  ['kindGroup.schoolJinhua', 'school', SCHOOL_TYPES.jinhua.map((s) => [s, `subtype.${s}` as MessageKey])],
  ['kind.club', 'club', CLUB_FIELDS.map((s) => [s, `subtype.${s}` as MessageKey])],
  [
    'kind.vocational',
    'vocational',
    VOCATIONAL_TYPES.map((s) => [
      s,
      `subtype.${s === 'vocational_college' ? 'vocational_college_v' : s}` as MessageKey,
    ]),
  ],
  ['kind.public', 'public', [['', 'kind.public']]],
]
export const typeOptions = (v: View) =>
  TYPE_GROUPS.flatMap(([group, kind, subs]) =>
    subs.map(([sub, label]) => ({ value: `${kind}:${sub}`, label: v.t(label), group: v.t(group) })),
  )
export const parseType = (value: string | undefined) => {
  const [kind = '', subtype = ''] = (value ?? '').split(':')
  const group = TYPE_GROUPS.find(([, k, subs]) => k === kind && subs.some(([s]) => s === subtype))
  return group ? { kind: group[1], subtype: subtype || null } : null
}
