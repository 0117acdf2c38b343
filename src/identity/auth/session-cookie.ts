import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/** The browser session: the same token as the bearer one, in an HttpOnly, SameSite=Strict cookie. */
export const SESSION_COOKIE = 'engine_session';

export const sessionCookieOptions = (request: FastifyRequest, maxAgeMs: number): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  // Secure whenever the engine is reached over TLS; on plain http (a laptop) it could not be set.
  secure: request.protocol === 'https',
  maxAge: Math.floor(maxAgeMs / 1000),
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write carried by the session cookie must come from a page of the engine's own origin.
 * SameSite=Strict keeps other sites' requests from carrying the cookie; this also refuses a
 * same-site neighbour (another port or subdomain) and any browser that ignores SameSite.
 * Browsers send `Origin` on every cross-origin request and on same-origin writes; without it,
 * `Sec-Fetch-Site: same-origin` will do; a write with neither is refused.
 * @returns why the write is refused, or null when it may go on.
 */
export function cookieWriteRefusal(request: FastifyRequest): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const host = request.headers.host;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let originHost: string | null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (host && originHost === host) return null;
    return `a write with the session cookie must come from this engine's own pages, not from ${origin.slice(0, 200)}`;
  }
  if (request.headers['sec-fetch-site'] === 'same-origin') return null;
  return "a write with the session cookie must come from this engine's own pages (the request has no Origin header); scripts and other clients send Authorization: Bearer instead";
}
