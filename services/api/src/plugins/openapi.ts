import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { ProblemSchema } from '../http/problem.js'

/** OpenAPI 3.1 generated from the routes' TypeBox schemas; served at /openapi.json and /docs. */
export const openapiPlugin = fp(
  async (app) => {
    app.addSchema(ProblemSchema)
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Düren–Jinhua exchange platform API',
          version: '0.1.0',
          description:
            'Matches schools, clubs and vocational institutions of Kreis Düren and the Jinhua city region. Errors are RFC 9457 problem+json.',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi', fastify: '5.x' },
)
