// Guards every /api/ route but the public ones: no valid session cookie, no data.
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import type { Database, SessionWithUser } from '@mast/db';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session.ts';
import { apiError } from './errors.ts';

export type AppEnv = { Variables: { session: SessionWithUser; sessionToken: string } };

export function withAuth(database: Database, now: () => Date = () => new Date()) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await validateSessionToken(database.db, token, now()) : undefined;
    if (!token || !session) return apiError(c, 401, 'unauthorized', 'Sign in to use mast.');
    c.set('session', session);
    c.set('sessionToken', token);
    await next();
  });
}
