import type { FastifyServerOptions } from 'fastify'
// The notifier's own code, run beside the API on the same database and Redis prefix, so a test
// can follow an event from the request to the mail.
import { buildNotifier, type Notifier } from '../../../notifier/src/app.js'
import { loadNotifierConfig } from '../../../notifier/src/config.js'
import { type CaughtMail, type MailSink, startSink } from '../../../notifier/src/sink.js'
import type { TestContext } from './app.js'

export interface RunningNotifier {
  notifier: Notifier
  sink: MailSink
  close(): Promise<void>
}

export async function startNotifierBeside(
  ctx: TestContext,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<RunningNotifier> {
  const sink = await startSink()
  const config = loadNotifierConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: ctx.db.url,
      REDIS_URL: ctx.redis.url,
      QUEUE_PREFIX: ctx.redis.prefix,
      EMAIL_LINK_SECRET: ctx.config.EMAIL_LINK_SECRET,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      PUBLIC_WEB_URL: ctx.config.PUBLIC_WEB_URL,
      RELAY_INTERVAL_MS: '50',
      SWEEP_INTERVAL_MS: '3600000',
    },
    envFile: false,
  })
  const notifier = await buildNotifier({ config, logger: options.logger ?? false })
  notifier.start()
  return {
    notifier,
    sink,
    async close() {
      await notifier.close()
      await sink.close()
    },
  }
}

/** The token of the link in a caught mail (`…?token=…`). */
export function tokenInMail(mail: CaughtMail): string {
  const m = /[?&]token=([\w-]+)/.exec(mail.text)
  if (!m?.[1]) throw new Error(`no link token in mail "${mail.subject}"`)
  return decodeURIComponent(m[1])
}
