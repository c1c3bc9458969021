// Refuses state-changing API requests that a browser sent from another site (CSRF): a page on
// evil.example could otherwise POST a steward's decision with the steward's cookie. A browser
// says where a request comes from in Origin, and (all current ones) in Sec-Fetch-Site; either
// naming another site is refused. A request with neither did not come from a browser page, so
// no cookie was lent to it. Partner systems that authenticate with a Bearer feed token carry no
// cookie and are not affected.
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { apiError } from './errors.ts';
import { isHttps } from './cookies.ts';
import { trustsProxy } from './trust-proxy.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** mast's own origin as the browser sees it: the scheme it used and the Host it asked for. */
function ownOrigin(c: Context): string | undefined {
  const forwardedHost = trustsProxy(c) ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const host = forwardedHost ?? c.req.header('host') ?? new URL(c.req.url).host;
  return host ? `${isHttps(c) ? 'https' : 'http'}://${host.toLowerCase()}` : undefined;
}

export function isCrossSite(c: Context): boolean {
  if (!STATE_CHANGING.has(c.req.method)) return false;
  if (/^Bearer\s/i.test(c.req.header('authorization') ?? '')) return false;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  return origin.toLowerCase() !== ownOrigin(c);
}

export function withSameOrigin() {
  return createMiddleware(async (c, next) => {
    if (isCrossSite(c)) return apiError(c, 403, 'cross_site', 'This request came from another site and was refused.');
    await next();
  });
}
