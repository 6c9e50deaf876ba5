import type { AddressInfo } from 'node:net'
import { type AddressObject, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface CaughtMail {
  seq: number
  messageId: string
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  date: string
  receivedAt: string
  headers: Record<string, string>
  attachments: { filename: string | null; contentType: string; content: string }[]
}

export interface SinkOptions {
  port?: number
  host?: string
}

export interface MailSink {
  readonly port: number
  readonly messages: CaughtMail[]
  /** 'accept' normally; 'tempfail' answers 421 to every connection (a server in trouble). */
  mode: 'accept' | 'tempfail'
  /** Delay before answering 250 to DATA: a slow server, so a test can kill a sender mid-conversation. */
  dataDelayMs: number
  /** Addresses answered with 550 at RCPT TO (a permanent failure). */
  rejectRecipients: Set<string>
  /** Most messages ever received at the same time (open DATA phases). */
  readonly peakConcurrentData: number
  /** Stops listening: clients get "connection refused" until `resume()`. */
  pause(): Promise<void>
  resume(): Promise<void>
  close(): Promise<void>
}

const tempfail = () => Object.assign(new Error('Service temporarily unavailable'), { responseCode: 421 })

/** An in-process SMTP server that keeps what it receives, parsed; for tests and the dev demo. */
export async function startSink(options: SinkOptions = {}): Promise<MailSink> {
  const messages: CaughtMail[] = []
  let seq = 0
  const state = {
    mode: 'accept' as 'accept' | 'tempfail',
    rejectRecipients: new Set<string>(),
    dataDelayMs: 0,
    inData: 0,
    peakData: 0,
  }
  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      callback(state.mode === 'tempfail' ? tempfail() : undefined)
    },
    onRcptTo(address, _session, callback) {
      if (state.rejectRecipients.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }))
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      state.inData += 1
      state.peakData = Math.max(state.peakData, state.inData)
      simpleParser(stream)
        .then(async (parsed) => {
          if (state.dataDelayMs > 0) await new Promise((r) => setTimeout(r, state.dataDelayMs))
          const addrText = (a: AddressObject | AddressObject[] | undefined) =>
            (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(', ')
          const headers: Record<string, string> = {}
          for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v)
          messages.push({
            seq: ++seq,
            messageId: parsed.messageId ?? '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: addrText(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            date: parsed.date?.toISOString() ?? '',
            receivedAt: new Date().toISOString(),
            headers,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? null,
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
          })
          callback()
        })
        .catch((error: Error) => callback(error))
        .finally(() => {
          state.inData -= 1
        })
    },
  }
  let server = new SMTPServer(serverOptions)
  server.on('error', () => {})
  let port = options.port ?? 0
  const host = options.host ?? '127.0.0.1'
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        port = (server.server.address() as AddressInfo).port
        resolve()
      })
    })
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()))
  await listen()
  return {
    get port() {
      return port
    },
    messages,
    get mode() {
      return state.mode
    },
    set mode(m) {
      state.mode = m
    },
    get dataDelayMs() {
      return state.dataDelayMs
    },
    set dataDelayMs(ms) {
      state.dataDelayMs = ms
    },
    rejectRecipients: state.rejectRecipients,
    get peakConcurrentData() {
      return state.peakData
    },
    async pause() {
      await stop()
    },
    async resume() {
      server = new SMTPServer(serverOptions)
      server.on('error', () => {})
      await listen()
    },
    close: stop,
  }
}
