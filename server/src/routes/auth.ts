// Sign-in, the second factor, sign-out and "who am I". A wrong username and a wrong password get
// the same answer in the same time, so sign-in cannot be used to find out who has an account.
// Every attempt is counted before the password is checked (auth/login-throttle.ts): guesses are
// slowed, never turned into a lock-out of the real user.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ApiErrorSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  SecondFactorRequestSchema,
  SessionResponseSchema,
  SignedInStatusSchema,
  RoleSchema,
  OrganisationKindSchema,
  type SessionResponse,
} from '@mast/shared';
import { endUserSessions, getSession, getUserById, getUserByUsername, type Database, type SessionStage, type SessionWithUser } from '@mast/db';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { endSession, sessionIdOf, startSession, validateSessionToken } from '../auth/session.ts';
import { attemptKeys, attemptSucceeded, beginAttempt } from '../auth/login-throttle.ts';
import { verifySecondFactor } from '../auth/second-factor.ts';
import { auditSignIn } from '../auth/sign-in-audit.ts';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { withAuth, type AppEnv } from '../http/with-auth.ts';
import { clientAddress } from '../http/audit-context.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../http/cookies.ts';
import type { SessionLimits } from '../config.ts';

const slowed = { description: 'Too many wrong attempts from here: retryAfterSeconds (and Retry-After) say when the next may be tried', content: json(ApiErrorSchema) };

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  summary: 'Sign in with username and password; sets the session cookie (a short-lived one when a second factor is still to come)',
  request: { body: { content: json(LoginRequestSchema), required: true } },
  responses: {
    200: { description: 'Signed in, or a second factor to give or set up next', content: json(LoginResponseSchema) },
    400: { description: 'Malformed request', content: json(ApiErrorSchema) },
    401: {
      description: 'Wrong username or password (the same answer for both); attemptsLeft says how many more wrong attempts from this client go through before each must wait',
      content: json(ApiErrorSchema),
    },
    429: slowed,
  },
});

const secondFactorRoute = createRoute({
  method: 'post',
  path: '/auth/second-factor',
  summary: 'Finish signing in with a code from the authenticator or a recovery code',
  request: { body: { content: json(SecondFactorRequestSchema), required: true } },
  responses: {
    200: { description: 'Signed in', content: json(SessionResponseSchema) },
    400: { description: 'Malformed request', content: json(ApiErrorSchema) },
    401: { description: 'Wrong or used code, or no sign-in waiting for one', content: json(ApiErrorSchema) },
    429: slowed,
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  summary: 'Sign out: ends the session',
  responses: { 204: { description: 'Signed out' }, 401: { description: 'Not signed in', content: json(ApiErrorSchema) } },
});

const logoutEverywhereRoute = createRoute({
  method: 'post',
  path: '/auth/logout-everywhere',
  summary: 'Sign out everywhere: ends every session of the signed-in user, on every device',
  responses: { 204: { description: 'Signed out everywhere' }, 401: { description: 'Not signed in', content: json(ApiErrorSchema) } },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/auth/status',
  summary: 'Whether this browser is signed in (200 either way, so a sign-in page asking does not log a failed request)',
  responses: { 200: { description: 'Signed in or not', content: json(SignedInStatusSchema) } },
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

export function sessionResponse(s: Pick<SessionWithUser, 'username' | 'displayName' | 'role' | 'organisation' | 'organisationKind'>, expiresAt: Date): SessionResponse {
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
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function slowDown(c: Context, retryAfterSeconds: number) {
  return apiError(c, 429, 'rate_limited', `Too many wrong attempts. Try again in ${inMinutes(retryAfterSeconds)}.`, { retryAfterSeconds });
}

export interface AuthOptions {
  now: () => Date;
  limits: SessionLimits;
  /** The demo is off: a password account without a second factor must set one up before it gets in. */
  requireSecondFactor: boolean;
}

/** Starts a session of the given stage and hands its cookie to the browser. */
export async function beginSession(database: Database, c: Context, userId: number, stage: SessionStage, opts: AuthOptions) {
  const started = await startSession(database.db, userId, opts.now(), opts.limits, stage);
  setSessionCookie(c, started.token, started.expiresAt);
  return { ...started, sessionId: sessionIdOf(started.token) };
}

export function authRoutes(database: Database, opts: AuthOptions) {
  const { now, limits } = opts;
  const db = database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const keys = attemptKeys('login', username, clientAddress(c));
    const attempt = await beginAttempt(db, keys, now());
    if (!attempt.granted) {
      await auditSignIn(db, c, 'login-slowed', undefined);
      return slowDown(c, attempt.retryAfterSeconds) as never;
    }
    const user = await getUserByUsername(db, username);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    // A disabled account answers as a wrong password does: nothing tells whether it exists.
    if (!user || !ok || user.disabledAt) {
      await auditSignIn(db, c, user?.disabledAt && ok ? 'login-refused-disabled' : 'login-failed', user);
      return apiError(c, 401, 'unauthorized', 'Wrong username or password.', { attemptsLeft: attempt.attemptsLeft }) as never;
    }
    await attemptSucceeded(db, keys);
    if (user.totpEnabledAt) {
      const pending = await beginSession(database, c, user.id, 'second-factor', opts);
      await auditSignIn(db, c, 'login-password-accepted', user, { sessionId: pending.sessionId });
      return c.json({ status: 'second-factor' as const }, 200);
    }
    if (opts.requireSecondFactor) {
      const pending = await beginSession(database, c, user.id, 'enrol', opts);
      await auditSignIn(db, c, 'login-password-accepted', user, { sessionId: pending.sessionId, detail: { enrolSecondFactor: true } });
      return c.json({ status: 'enrol-second-factor' as const }, 200);
    }
    const { expiresAt, sessionId } = await beginSession(database, c, user.id, 'full', opts);
    await auditSignIn(db, c, 'login', user, { sessionId, detail: { secondFactor: 'none' } });
    const session = await getSession(db, sessionId, now(), limits.idleMinutes * 60);
    return c.json({ status: 'signed-in' as const, ...sessionResponse(session!, expiresAt) }, 200);
  });

  app.use('/auth/second-factor', withAuth(database, now, limits, ['second-factor']));
  app.openapi(secondFactorRoute, async (c) => {
    const pending = c.get('session');
    const keys = attemptKeys('totp', String(pending.userId), clientAddress(c));
    const attempt = await beginAttempt(db, keys, now());
    const user = await getUserById(db, pending.userId);
    if (!attempt.granted) {
      await auditSignIn(db, c, 'second-factor-slowed', user, { sessionId: pending.sessionId });
      return slowDown(c, attempt.retryAfterSeconds) as never;
    }
    const method = user ? await verifySecondFactor(db, user, c.req.valid('json').code, now()) : null;
    if (!user || !method) {
      await auditSignIn(db, c, 'second-factor-failed', user, { sessionId: pending.sessionId });
      return apiError(c, 401, 'unauthorized', 'That code is wrong or has been used.', { attemptsLeft: attempt.attemptsLeft }) as never;
    }
    await attemptSucceeded(db, keys);
    // A new token for the full session: the one that only waited for a code is spent.
    await endSession(db, c.get('sessionToken'));
    const { expiresAt, sessionId } = await beginSession(database, c, user.id, 'full', opts);
    await auditSignIn(db, c, 'login', user, { sessionId, detail: { secondFactor: method } });
    return c.json(sessionResponse(pending, expiresAt), 200);
  });

  app.use('/auth/logout', withAuth(database, now, limits, ['full', 'second-factor', 'enrol']));
  app.openapi(logoutRoute, async (c) => {
    const s = c.get('session');
    await endSession(db, c.get('sessionToken'));
    await auditSignIn(db, c, 'logout', { id: s.userId, organisationId: s.organisationId, role: s.role }, { sessionId: s.sessionId });
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.use('/auth/logout-everywhere', withAuth(database, now, limits));
  app.openapi(logoutEverywhereRoute, async (c) => {
    const s = c.get('session');
    const ended = await endUserSessions(db, s.userId);
    await auditSignIn(db, c, 'logout-everywhere', { id: s.userId, organisationId: s.organisationId, role: s.role }, { sessionId: s.sessionId, detail: { sessionsEnded: ended } });
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.openapi(statusRoute, async (c) => {
    const token = readSessionCookie(c);
    const session = token ? await validateSessionToken(database.db, token, now(), limits) : undefined;
    return c.json({ signedIn: session?.stage === 'full' }, 200);
  });

  app.use('/auth/me', withAuth(database, now, limits));
  app.openapi(meRoute, (c) => {
    const s = c.get('session');
    return c.json(sessionResponse(s, s.expiresAt), 200);
  });
  return app;
}

