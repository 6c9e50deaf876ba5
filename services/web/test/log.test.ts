import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadWebConfig } from '../src/config.js'
import { SESSION_SECRET } from './helper/stack.js'

// Issue 11, "no usable secret at rest": the emailed links land on the web with their token in
// the URL. The request log must not keep it (with or without the sign-in detour).

t.test('the request log cuts the token out of emailed links', async (t) => {
  const lines: string[] = []
  const config = loadWebConfig({
    env: {
      NODE_ENV: 'test',
      API_URL: 'http://127.0.0.1:9',
      SESSION_SECRET,
      PUBLIC_WEB_URL: 'http://127.0.0.1',
    },
    envFile: false,
  })
  const web = await buildApp({
    config,
    logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
  })
  t.teardown(() => web.close())
  const token = 'Secret-Link-Token_0123456789abcdefghijklmnopq'
  const urls = [
    `/verify-email?token=${token}`,
    `/reset-password?token=${token}`,
    `/invitations/accept?token=${token}`,
    `/sign-in?next=${encodeURIComponent(`/invitations/accept?token=${token}`)}`,
  ]
  for (const url of urls) await web.inject(url)
  const logged = lines.filter((l) => l.includes('"url"'))
  t.ok(logged.length >= urls.length, 'every request is logged')
  t.same(
    lines.filter((l) => l.includes(token)),
    [],
    'no log line holds the token',
  )
  t.ok(
    logged.some((l) => l.includes('/reset-password?token=[redacted]')),
    'the path stays readable',
  )
})
