import type { FastifyPluginAsync } from 'fastify'
import importListRoutes from './import-list.js'
import importRoutes from './imports.js'
import institutionRoutes from './institutions.js'
import interestRoutes from './interests.js'
import memberRoutes from './members.js'
import officerRoutes from './officer.js'
import openDataRoutes from './open-data.js'
import privacyRoutes from './privacy.js'
import regionRoutes from './regions.js'
import searchRoutes from './search.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Deliberately open to anonymous callers (the registry refuses routes that declare neither). */
    public?: boolean
  }
}

export const REGISTRY_TAG = 'registry'

/**
 * The institution registry's routes. Every route is tagged `registry` in OpenAPI (the access
 * matrix test enumerates them from there) and must declare its access: `roles` or `public`.
 */
const registryRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    if (!route.config?.roles && !route.config?.public)
      throw new Error(`registry route ${route.method} ${route.url} declares no access (roles or public)`)
    const tags = route.schema?.tags ?? []
    route.schema = { ...route.schema, tags: [REGISTRY_TAG, ...tags.filter((t) => t !== REGISTRY_TAG)] }
  })
  await app.register(regionRoutes)
  await app.register(institutionRoutes)
  await app.register(memberRoutes)
  await app.register(interestRoutes)
  await app.register(searchRoutes)
  await app.register(officerRoutes)
  await app.register(importRoutes)
  await app.register(importListRoutes)
  await app.register(privacyRoutes)
  await app.register(openDataRoutes)
}

export default registryRoutes
