import type { FastifyRequest } from 'fastify';

/**
 * Secrets that travel in URLs (calendar-feed tokens, invitation and password reset tokens) are cut out before a URL is logged:
 * a log reader must not be able to subscribe to a calendar or accept an invitation.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^(\/calendar\/)[^/?#]+/, '$1[redacted]')
    .replace(/^(\/api\/portal\/invitations\/)[^/?#]+/, '$1[redacted]')
    .replace(/^(\/api\/staff-invitations\/)[^/?#]+/, '$1[redacted]')
    .replace(/^(\/api\/auth\/password-reset\/)[^/?#]+/, '$1[redacted]')
    .replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

/** The request as logged: Fastify's default fields, with the URL redacted. */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
