import type { FitInput, FundingProgramme } from '../src/index.js'
import { FUNDING_SEED } from '../src/index.js'

export const programme = (slug: string): FundingProgramme => {
  const p = FUNDING_SEED.find((s) => s.slug === slug)
  if (!p) throw new Error(`no seed programme ${slug}`)
  return p
}

/** A sports club's youth group from Düren visiting its Jinhua partner: 12 young people, 2 leaders, 10 days. */
export const clubTrip: FitInput = {
  formats: ['club_encounter'],
  institutions: [
    { side: 'duren', kind: 'club' },
    { side: 'jinhua', kind: 'club' },
  ],
  direction: 'duren_to_jinhua',
  ages: { min: 12, max: 17 },
  participants: 12,
  leaders: 2,
  days: 10,
  staff: false,
}
