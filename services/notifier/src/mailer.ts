import { createHash } from 'node:crypto'
import type { Message } from '@dj/messages'
import nodemailer from 'nodemailer'
import { PermanentSendError, TransientSendError } from './errors.js'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  messageId: string
  /** Calendar part: added as text/calendar alternative and as an .ics attachment. */
  ics?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string }
  locale: string
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

/**
 * The Message-ID is a hash of the delivery's idempotency key: a copy re-sent after a crash
 * carries the same id, so receiving MTAs, mail clients and the test sink can drop the duplicate.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Multipart bodies from one rendered message: plain text, and HTML with the same content. */
export function composeBodies(
  message: Message,
  footer: string,
  lang: string,
): { text: string; html: string } {
  const text = [
    ...message.lines,
    ...(message.action ? [`${message.action.label}: ${message.action.url}`] : []),
    '--',
    footer,
  ].join('\n\n')
  const html = [
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    ...message.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    message.action
      ? `<p><a href="${escapeHtml(message.action.url)}" style="display:inline-block;padding:.5em 1em;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(message.action.label)}</a></p>`
      : '',
    `<hr><p style="font-size:small;color:#555">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n')
  return { text, html }
}

/** 5xx replies and unusable addresses will never succeed; everything else may on a retry. */
export function classifySendError(error: unknown): PermanentSendError | TransientSendError {
  const e = error as { responseCode?: number; code?: string; message?: string }
  const message = `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(error)}`
  if (typeof e.responseCode === 'number' && e.responseCode >= 500)
    return new PermanentSendError(message, error)
  if (e.code === 'EENVELOPE' && !(typeof e.responseCode === 'number' && e.responseCode < 500))
    return new PermanentSendError(message, error)
  return new TransientSendError(message, error)
}

export function createSmtpMailer(
  target: string | Record<string, unknown>,
  from: string,
  timeoutMs = 30_000,
): Mailer {
  // No pool: each message opens its own connection, so a dead server costs one failed attempt,
  // not a poisoned pool. How many at once is limited by the caller (DeliverDeps.smtpSlot).
  const options =
    typeof target === 'string'
      ? { url: target, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }
      : { ...target, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }
  const transport = nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0])
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.locale },
          ...(mail.ics
            ? {
                icalEvent: { method: mail.ics.method, content: mail.ics.content },
                attachments: [
                  {
                    filename: 'invite.ics',
                    content: mail.ics.content,
                    contentType: `text/calendar; charset=utf-8; method=${mail.ics.method}`,
                  },
                ],
              }
            : {}),
        })
      } catch (error) {
        throw classifySendError(error)
      }
    },
    close: () => transport.close(),
  }
}
