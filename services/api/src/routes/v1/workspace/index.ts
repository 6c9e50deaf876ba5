import {
  downloadAttachment,
  listMessages,
  markMessagesRead,
  postMessage,
  unreadMessages,
  uploadAttachment,
  workspace,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/workspace/use-cases/workspace.js'
import { endpoint } from '../../../http/endpoint.js'

/** RFC 5987 `filename*` so names in any script survive; the plain `filename` is an ASCII fallback. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  // encodeURIComponent leaves ' ( ) * alone, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** The partnership workspace: timeline, conversation, attachments, read marks. */
const workspaceRoutes: FastifyPluginAsync = async (app) => {
  const maxBytes = app.useCases.deps.attachments.maxBytes
  // The file is the body itself; its type is detected from the bytes by the use case, so the
  // declared content type only selects this parser. Bigger bodies are cut off at the limit (413).
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_req, body, done) => {
      done(null, body)
    },
  )

  endpoint(app, workspace, ({ params, run }) => run(cases.viewWorkspace, params))
  endpoint(app, listMessages, ({ params, query, run }) =>
    run(cases.listMessages, { id: params.id, ...query }),
  )
  endpoint(app, postMessage, ({ params, body, run }) => run(cases.postMessage, { id: params.id, ...body }))
  endpoint(
    app,
    uploadAttachment,
    ({ params, query, request, run }) =>
      run(cases.uploadAttachment, { partnershipId: params.id, ...query, content: request.body }),
    { bodyLimit: maxBytes },
  )
  endpoint(app, downloadAttachment, async ({ params, run, reply }) => {
    const file = await run(cases.downloadAttachment, params)
    // Always a download, never rendered by the browser, in the type its bytes showed.
    void reply
      .type(file.mediaType)
      .header('content-disposition', disposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
    return file.bytes
  })
  endpoint(
    app,
    markMessagesRead,
    ({ params, body, run }) => run(cases.markMessagesRead, { id: params.id, ...body }),
    {
      // The body is optional; an empty POST marks everything read.
      preValidation: async (request) => {
        request.body ??= {}
      },
    },
  )
  endpoint(app, unreadMessages, ({ run }) => run(cases.unreadMessages, {}))
}

export default workspaceRoutes
