import type { FastifyRequest } from 'fastify'

/**
 * The token of an emailed link (verification, reset, invitation) in a query string, also when it
 * is nested, URL-encoded, in a `next` parameter (the sign-in detour of an invitation link).
 */
const SECRET_PARAMS = /((?:[?&]|%3F|%26)token(?:=|%3D))(?:[^&#%]|%(?!26|23))*/gi

/**
 * The request as the log shows it: the emailed link's token is cut from the URL, so no log
 * line lets anyone reset a password, verify an address or accept an invitation.
 */
export function loggedRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(SECRET_PARAMS, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}
