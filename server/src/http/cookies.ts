// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on a cross-site
// POST), and, when mast is reached over HTTPS, Secure with the `__Host-` prefix, which a browser
// accepts only from this host, for path /, over HTTPS: a neighbouring subdomain cannot plant one.
// Plain http://localhost (the demo) cannot set Secure cookies, so there the name is plain.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/session.ts';
import { trustsProxy } from './trust-proxy.ts';

export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** Whether the browser reached mast over HTTPS; a proxy's word for it only when MAST_TRUST_PROXY=1. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustsProxy(c) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function sessionCookieName(c: Context): string {
  return isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  const secure = isHttps(c);
  setCookie(c, sessionCookieName(c), token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(c: Context): void {
  const secure = isHttps(c);
  deleteCookie(c, sessionCookieName(c), { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
