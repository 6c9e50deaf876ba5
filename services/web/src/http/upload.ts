import type { Multipart } from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import type { Access } from './access.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart form (file upload); any other route refuses multipart bodies. */
    upload?: boolean
  }
  interface FastifyRequest {
    /** The rest of a multipart form, after the CSRF field was read and checked. */
    uploadParts?: AsyncIterableIterator<Multipart>
  }
}

export interface UploadedForm {
  fields: Record<string, string>
  file?: { filename: string; content: Buffer }
}

/**
 * The checks of a multipart form, in order, before any file byte is read: who may post (the
 * route's `access`, enforced in onRequest like every page's), then the CSRF token, which must be the form's first part
 * (`csrfField` comes first in the form, and browsers send fields in document order), checked by
 * @fastify/csrf-protection. A token in the URL would also work but would end up in logs and
 * history; the field order keeps it in the body and works without JavaScript.
 */
export function uploadRoute(
  app: FastifyInstance,
  access: Access,
  maxBytes: number,
  /** The longest text field in bytes (a message beside its file needs more than the default). */
  fieldSize = 1024,
) {
  const csrfFirst: preHandlerHookHandler = async (request) => {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize } })
    const first = await parts.next()
    const part = first.done ? undefined : first.value
    // Anything but the token first leaves the body without one: the next check refuses it.
    request.body = part?.type === 'field' && part.fieldname === '_csrf' ? { _csrf: part.value } : {}
    request.uploadParts = parts
  }
  return {
    config: { upload: true, access },
    bodyLimit: maxBytes + 65_536,
    preHandler: [csrfFirst, app.csrfProtection] as preHandlerHookHandler[],
  }
}

/** The fields and the one file of a multipart form whose checks passed (uploadRoute). */
export async function readUploadedForm(request: FastifyRequest): Promise<UploadedForm> {
  const form: UploadedForm = { fields: {} }
  if (!request.uploadParts) return form
  for await (const part of request.uploadParts) {
    if (part.type === 'file') {
      const content = await part.toBuffer()
      if (!form.file) form.file = { filename: part.filename, content }
    } else if (typeof part.value === 'string') form.fields[part.fieldname] = part.value
  }
  return form
}

/** Whether a route takes a multipart form (and checks its CSRF token itself, see uploadRoute). */
export const isUploadRoute = (request: FastifyRequest) => request.routeOptions.config?.upload === true

/** Refuses multipart bodies on routes that did not ask for them, before anything is parsed. */
export function refuseUnexpectedMultipart(request: FastifyRequest, reply: FastifyReply): boolean {
  // By the header: the multipart plugin only marks a request once its body is being parsed.
  const multipart = /^multipart\//i.test(request.headers['content-type'] ?? '')
  if (!multipart || isUploadRoute(request)) return false
  void reply.status(415).type('text/plain; charset=utf-8').send('unsupported media type')
  return true
}
