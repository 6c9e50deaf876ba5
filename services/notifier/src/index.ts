export { type BuildNotifierOptions, buildNotifier, type Notifier } from './app.js'
export { loadNotifierConfig, type NotifierConfig, NotifierEnv } from './config.js'
export { buildIcs, type IcsEvent } from './ics.js'
export { type CaughtMail, type MailSink, startSink } from './sink.js'
