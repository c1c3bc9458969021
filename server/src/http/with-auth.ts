// Guards every /api/ route but the public ones: no valid session cookie, no data. A session still
// waiting for its second factor (or for one to be set up) opens only the routes that finish
// signing in, named by `stages`.
import { createMiddleware } from 'hono/factory';
import type { Database, SessionStage, SessionWithUser } from '@mast/db';
import { validateSessionToken } from '../auth/session.ts';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../config.ts';
import { readSessionCookie } from './cookies.ts';
import { apiError } from './errors.ts';

export type AppEnv = { Variables: { session: SessionWithUser; sessionToken: string } };

export function withAuth(
  database: Database,
  now: () => Date = () => new Date(),
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  stages: readonly SessionStage[] = ['full'],
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = readSessionCookie(c);
    const session = token ? await validateSessionToken(database.db, token, now(), limits) : undefined;
    if (!token || !session || !stages.includes(session.stage)) return apiError(c, 401, 'unauthorized', 'Sign in to use mast.');
    c.set('session', session);
    c.set('sessionToken', token);
    await next();
  });
}
