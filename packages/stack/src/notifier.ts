// The notifier's own code, run beside the API on the same database and Redis prefix, so a test
// can follow an event from the request to the mail.
import {
  type App,
  type BuildOptions,
  buildApp,
  type CaughtMail,
  loadNotifierConfig,
  type MailSink,
  startSink,
} from '@dj/notifier'
import type { FastifyServerOptions } from 'fastify'
import type { TestContext } from './api.js'

/** The notifier's app and its parts; `start()` makes it ready (so working), `close()` stops it. */
export interface Notifier {
  app: App
  deps: App['notifier']['deps']
  producers: App['notifier']['producers']
  relay: App['notifier']['relay']
  worker: App['notifier']['worker']
  sweep: App['notifier']['sweep']
  start(): Promise<void>
  /** Closes the app: stops taking work, lets active jobs finish within SHUTDOWN_DEADLINE_MS. */
  close(): Promise<void>
}

/** Builds the notifier's app the way its server.ts does, without starting it. */
export async function buildNotifier(options: BuildOptions): Promise<Notifier> {
  const app = await buildApp({ logger: false, ...options })
  const { deps, producers, relay, worker, sweep } = app.notifier
  return {
    app,
    deps,
    producers,
    relay,
    worker,
    sweep,
    async start() {
      await app.ready()
    },
    async close() {
      await app.close()
    },
  }
}

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
  await notifier.start()
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

export {
  type CaughtMail,
  loadNotifierConfig,
  type MailSink,
  renderDigest,
  renderEmail,
  startSink,
} from '@dj/notifier'
