import type { AddressInfo } from 'node:net'
// The API's own test helper: real API, fresh database and Redis prefix per test file.
import { latestEventToken, startTestApp, type TestContext } from '@dj/stack'
import { buildApp, type WebApp } from '../../src/app.js'
import { loadWebConfig } from '../../src/config.js'

export interface Stack {
  api: TestContext
  apiUrl: string
  web: WebApp
  webUrl: string
  close(): Promise<void>
}

export const SESSION_SECRET = 'web-test-session-secret-0123456789abcdef'

export async function startWeb(
  apiUrl: string,
  env: Record<string, string> = {},
): Promise<{ web: WebApp; webUrl: string }> {
  const config = loadWebConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      API_URL: apiUrl,
      SESSION_SECRET,
      PUBLIC_WEB_URL: 'http://127.0.0.1',
      ...env,
    },
    envFile: false,
  })
  const web = await buildApp({ config, logger: false })
  await web.listen({ port: 0, host: '127.0.0.1' })
  return { web, webUrl: `http://127.0.0.1:${(web.server.address() as AddressInfo).port}` }
}

/** API (in-process, ephemeral port) + web app (ephemeral port) on one fresh database. */
export async function startStack(label: string): Promise<Stack> {
  const api = await startTestApp(`web-${label}`)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const apiUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`
  const { web, webUrl } = await startWeb(apiUrl)
  return {
    api,
    apiUrl,
    web,
    webUrl,
    async close() {
      await web.close()
      await api.close()
    },
  }
}

/** The token a user was emailed, derived from the outbox event the way the API tests do. */
export async function emailedToken(stack: Stack, email: string, type: string): Promise<string> {
  const rows = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from users where lower(email) = lower(${email})`
  if (!rows[0]) throw new Error(`no account for ${email}`)
  return latestEventToken(stack.api.app, rows[0].id, type)
}
