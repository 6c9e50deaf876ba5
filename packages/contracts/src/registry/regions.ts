import Type, { type Static } from 'typebox'
import { route } from '../route.js'

export const RegionUnit = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  de: Type.String(),
  en: Type.String(),
  zh: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
})
export type RegionUnit = Static<typeof RegionUnit>
export const SideRegions = Type.Object({
  name: Type.Object({ de: Type.String(), en: Type.String(), zh: Type.String() }),
  timeZone: Type.String(),
  units: Type.Array(RegionUnit),
})
export const Regions = Type.Object({ duren: SideRegions, jinhua: SideRegions })
export type Regions = Static<typeof Regions>

export const listRegions = route({
  method: 'GET',
  path: '/v1/regions',
  tags: ['registry', 'regions'],
  summary: 'Municipalities of Kreis Düren and county-level divisions of Jinhua (public)',
  access: { public: true },
  response: { 200: Regions },
})
