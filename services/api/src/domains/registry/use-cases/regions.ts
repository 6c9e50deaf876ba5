import { REGIONS } from '@dj/db'
import Type from 'typebox'
import { useCase } from '../../use-case.js'

/** The municipalities of Kreis Düren and the divisions of Jinhua (public, static). */
export const listRegions = useCase({
  name: 'registry.listRegions',
  input: Type.Object({}),
  caller: 'anyone',
  transaction: false,
  async run() {
    return {
      duren: { ...REGIONS.duren, units: [...REGIONS.duren.units] },
      jinhua: { ...REGIONS.jinhua, units: [...REGIONS.jinhua.units] },
    }
  },
})
