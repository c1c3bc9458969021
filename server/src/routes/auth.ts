// Sign-in, sign-out and "who am I". A wrong username and a wrong password get the same answer
// in the same time, so sign-in cannot be used to find out who has an account.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { ApiErrorSchema, LoginRequestSchema, SessionResponseSchema, RoleSchema, OrganisationKindSchema, type SessionResponse } from '@mast/shared';
import { getUserByUsername, recordAudit, type Database, type SessionWithUser } from '@mast/db';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE, endSession, startSession, validateSessionToken } from '../auth/session.ts';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { withAuth, type AppEnv } from '../http/with-auth.ts';
import { loginLockedFor, recordFailedLogin } from '../auth/login-throttle.ts';

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  summary: 'Sign in with username and password; sets the session cookie',
  request: { body: { content: json(LoginRequestSchema), required: true } },
  responses: {
    200: { description: 'Signed in', content: json(SessionResponseSchema) },
    400: { description: 'Malformed request', content: json(ApiErrorSchema) },
    401: {
      description: 'Wrong username or password (the same answer for both); attemptsLeft says how many more wrong attempts this window allows',
      content: json(ApiErrorSchema),
    },
    429: {
      description: 'Too many failed sign-ins for this username; retryAfterSeconds (and Retry-After) say when to try again',
      content: json(ApiErrorSchema),
    },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  summary: 'Sign out: ends the session',
  responses: { 204: { description: 'Signed out' }, 401: { description: 'Not signed in', content: json(ApiErrorSchema) } },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  summary: 'The signed-in user',
  responses: {
    200: { description: 'The session', content: json(SessionResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  },
});

function sessionResponse(s: Pick<SessionWithUser, 'username' | 'displayName' | 'role' | 'organisation' | 'organisationKind'>, expiresAt: Date): SessionResponse {
  return {
    user: {
      username: s.username,
      displayName: s.displayName,
      role: RoleSchema.parse(s.role),
      organisation: s.organisation,
      organisationKind: OrganisationKindSchema.parse(s.organisationKind),
    },
    expiresAt: expiresAt.toISOString(),
  };
}

function inMinutes(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function authRoutes(database: Database, now: () => Date) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const lockedFor = await loginLockedFor(database.db, username, now());
    if (lockedFor !== null) {
      return apiError(c, 429, 'rate_limited', `Too many failed sign-ins. Try again in ${inMinutes(lockedFor)}.`, {
        retryAfterSeconds: lockedFor,
      }) as never;
    }
    const user = await getUserByUsername(database.db, username);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      // Counted by the username typed, account or not: the answer is the same for both.
      const failed = await recordFailedLogin(database.db, username, now());
      await recordAudit(database.db, { userId: user?.id ?? null, action: 'login-failed' });
      if (failed.lockedForSeconds !== undefined) {
        return apiError(c, 401, 'unauthorized', `Wrong username or password. Too many failed sign-ins: try again in ${inMinutes(failed.lockedForSeconds)}.`, {
          attemptsLeft: 0,
          retryAfterSeconds: failed.lockedForSeconds,
        }) as never;
      }
      return apiError(c, 401, 'unauthorized', 'Wrong username or password.', { attemptsLeft: failed.attemptsLeft }) as never;
    }
    if (user.disabledAt) {
      // A disabled account answers as a wrong password does: nothing tells whether it exists.
      await recordFailedLogin(database.db, username, now());
      await recordAudit(database.db, { userId: user.id, action: 'login-refused-disabled' });
      return apiError(c, 401, 'unauthorized', 'Wrong username or password.') as never;
    }
    const { token, expiresAt } = await startSession(database.db, user.id, now());
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      expires: expiresAt,
    });
    await recordAudit(database.db, { userId: user.id, action: 'login' });
    const session = await validateSessionToken(database.db, token, now());
    return c.json(sessionResponse(session!, expiresAt), 200);
  });

  app.use('/auth/logout', withAuth(database, now));
  app.openapi(logoutRoute, async (c) => {
    await endSession(database.db, c.get('sessionToken'));
    await recordAudit(database.db, { userId: c.get('session').userId, action: 'logout' });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.use('/auth/me', withAuth(database, now));
  app.openapi(meRoute, (c) => {
    const s = c.get('session');
    return c.json(sessionResponse(s, s.expiresAt), 200);
  });
  return app;
}
