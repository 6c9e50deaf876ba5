/**
 * The partner-search request mix of bench/search.ts, shared with bench/search-plans.ts so the
 * plans profiled are those of the requests timed.
 */
import { createRandom } from '@dj/demo-data'

/** Seeds the demo population and the mix. */
export const SEED = 20260101

const TOPICS = [
  'education',
  'science',
  'economy',
  'energy_hydrogen',
  'culture',
  'sport',
  'social',
  'vocational_training',
]
const FORMATS = [
  'pupil_exchange_hosting',
  'group_visit',
  'virtual_exchange',
  'club_encounter',
  'vocational_placement',
]
const ZH_QUERIES = ['中学', '小学', '金华', '义乌', '篮球', '实验', '职业技术', '东阳市', '俱乐部', '兰溪']
const DE_QUERIES = [
  'Gymnasium',
  'Düren',
  'Jülich',
  'Tischtennis',
  'Grundschule',
  'Musikverein',
  'Kreuzau',
  'Wasserstoff',
]
const JH_AREAS = ['jh-wucheng', 'jh-jindong', 'jh-lanxi', 'jh-yiwu', 'jh-dongyang', 'jh-yongkang']
const DN_AREAS = ['dn-dueren', 'dn-juelich', 'dn-kreuzau', 'dn-linnich', 'dn-langerwehe']

/** A realistic mix: 60% searches from Düren (into Jinhua), 40% the other way; about 40% with text. */
export function requestMix(count: number): { url: string; side: 'duren' | 'jinhua' }[] {
  const r = createRandom(SEED)
  const year = new Date().getUTCFullYear() + 1
  return Array.from({ length: count }, () => {
    const side = r.chance(0.6) ? ('duren' as const) : ('jinhua' as const)
    const p = new URLSearchParams()
    if (r.chance(0.4)) p.set('q', r.pick(side === 'duren' ? ZH_QUERIES : DE_QUERIES))
    if (r.chance(0.4)) p.append('topic', r.pick(TOPICS))
    if (r.chance(0.3)) p.append('format', r.pick(FORMATS))
    if (r.chance(0.3)) {
      const a = r.int(8, 16)
      p.set('ageMin', String(a))
      p.set('ageMax', String(a + 3))
    }
    if (r.chance(0.2)) p.append('lang', r.pick(['en', 'de', 'zh']))
    if (r.chance(0.2)) {
      const m = r.int(1, 10)
      p.set('from', `${year}-${String(m).padStart(2, '0')}-01`)
      p.set('to', `${year}-${String(m + 2).padStart(2, '0')}-28`)
    }
    if (r.chance(0.25)) p.set('municipalityId', r.pick(side === 'duren' ? JH_AREAS : DN_AREAS))
    if (r.chance(0.15)) p.set('kind', r.pick(['school', 'club', 'vocational']))
    p.set('limit', '20')
    const what = r.chance(0.5) ? 'institutions' : 'interests'
    return { url: `/v1/search/${what}?${p}`, side }
  })
}
