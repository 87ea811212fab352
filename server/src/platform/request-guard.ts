import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@needlepoint/core/errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types a state-changing route accepts as its body; default `application/json`. */
    accepts?: readonly string[];
  }
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const defaultAccepts = ['application/json'] as const;

/** The media type of a Content-Type header, without parameters, lower case. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Cross-site request forgery defences on every state-changing request, checked before any body is read
 * (the origin first, the body's type after the route's access check, so a caller without access learns nothing):
 * - the browser's `Origin` must be the app's own (PUBLIC_URL, or the address the request was sent to);
 *   without an Origin, `Sec-Fetch-Site` must not say the request came from another site. Clients that send
 *   neither (scripts, FHIR clients) are not browsers and carry no ambient cookie of a victim.
 * - the body's content type must be one the route declares (JSON unless it says otherwise), so an HTML form
 *   (text/plain, urlencoded, multipart) from another site never reaches a handler.
 */
export function registerRequestGuard(app: FastifyInstance, options: { publicUrl: string }): void {
  const publicOrigin = new URL(options.publicUrl).origin;

  app.addHook('onRequest', async (request) => {
    if (!stateChanging.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const own = request.headers.host ? `${request.protocol}://${request.headers.host}` : null;
      if (origin !== publicOrigin && origin !== own) {
        throw new DomainError('AUTH_ORIGIN_REFUSED', 'Requests from another site are not accepted', {
          details: { origin },
        });
      }
    } else {
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        throw new DomainError('AUTH_ORIGIN_REFUSED', 'Requests from another site are not accepted', {
          details: { secFetchSite: site },
        });
      }
    }
  });
}

/** The second half of the guard: registered after the access check. */
export function registerBodyTypeGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!stateChanging.has(request.method) || !hasBody(request)) return;
    const accepts = request.routeOptions.config?.accepts ?? defaultAccepts;
    const type = mediaTypeOf(request.headers['content-type']);
    if (!accepts.includes(type)) {
      throw new DomainError(
        'REQUEST_CONTENT_TYPE_UNSUPPORTED',
        `Unsupported content type${type ? ` ${type}` : ''}; send ${accepts.join(' or ')}`,
        { details: { accepts: [...accepts] } },
      );
    }
  });
}
