import { REGIONS } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'

const Unit = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  de: Type.String(),
  en: Type.String(),
  zh: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
})
const SideRegions = Type.Object({
  name: Type.Object({ de: Type.String(), en: Type.String(), zh: Type.String() }),
  timeZone: Type.String(),
  units: Type.Array(Unit),
})

const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/regions',
    {
      config: { public: true },
      schema: {
        tags: ['regions'],
        summary: 'Municipalities of Kreis Düren and county-level divisions of Jinhua (public)',
        response: { 200: Type.Object({ duren: SideRegions, jinhua: SideRegions }) },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=86400')
      return {
        duren: { ...REGIONS.duren, units: [...REGIONS.duren.units] },
        jinhua: { ...REGIONS.jinhua, units: [...REGIONS.jinhua.units] },
      }
    },
  )
}

export default regionRoutes
