import { createServer } from 'node:http'
import { startSink } from './sink.js'

/**
 * Local demo mail catcher: SMTP on :1025 (what the notifier sends to in development), a page
 * listing the caught mail on http://localhost:8025 and the same as JSON on /messages.
 * Mail is kept in memory only.
 */
const smtpPort = Number(process.env['SINK_SMTP_PORT'] ?? 1025)
const httpPort = Number(process.env['SINK_HTTP_PORT'] ?? 8025)
const sink = await startSink({ port: smtpPort, host: '127.0.0.1' })

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const http = createServer((req, res) => {
  if (req.url === '/messages') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify([...sink.messages].reverse()))
    return
  }
  if (req.url !== '/' && req.url !== '/index.html') {
    res.writeHead(404).end('not found')
    return
  }
  const rows = [...sink.messages]
    .reverse()
    .map(
      (m) => `<article><h2>${esc(m.subject)}</h2>
<p><b>To:</b> ${esc(m.to.join(', '))} · <b>Date:</b> ${esc(m.date)} · <b>Message-ID:</b> ${esc(m.messageId)}
${m.attachments.length ? ` · <b>Attachments:</b> ${esc(m.attachments.map((a) => a.filename ?? a.contentType).join(', '))}` : ''}</p>
<pre>${esc(m.text)}</pre></article>`,
    )
    .join('\n<hr>\n')
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Dev mail sink (${sink.messages.length})</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}pre{white-space:pre-wrap;background:#f4f4f4;padding:1em}</style>
</head><body><h1>Caught mail: ${sink.messages.length}</h1>${rows || '<p>Nothing yet.</p>'}</body></html>`)
})
http.listen(httpPort, '127.0.0.1', () => {
  console.log(
    `dev mail sink: SMTP 127.0.0.1:${sink.port}, web http://localhost:${httpPort} (JSON: /messages)`,
  )
})

const stop = async () => {
  http.close()
  await sink.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
