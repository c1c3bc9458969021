// The signed-in user's own security: set up an authenticator (TOTP) and see the recovery codes
// once, and change the password. A session that must set up a second factor before it may use
// mast (the demo is off) reaches these routes and nothing else.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  AccountSecuritySchema,
  ApiErrorSchema,
  PasswordChangeRequestSchema,
  TotpConfirmRequestSchema,
  TotpConfirmResponseSchema,
  TotpEnrolmentSchema,
  type TotpConfirmResponse,
} from '@mast/shared';
import { countUnusedRecoveryCodes, endUserSessions, getSession, getUserById, setPasswordHash, type Database } from '@mast/db';
import { confirmEnrolment, startEnrolment } from '../auth/second-factor.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { attemptKeys, attemptSucceeded, beginAttempt } from '../auth/login-throttle.ts';
import { auditSignIn } from '../auth/sign-in-audit.ts';
import { endSession } from '../auth/session.ts';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { withAuth, type AppEnv } from '../http/with-auth.ts';
import { clientAddress } from '../http/audit-context.ts';
import { beginSession, sessionResponse, slowDown, type AuthOptions } from './auth.ts';

const securityRoute = createRoute({
  method: 'get',
  path: '/account/security',
  summary: "The signed-in user's second factor: set up or not, recovery codes left",
  responses: { 200: { description: 'The account', content: json(AccountSecuritySchema) }, 401: { description: 'Not signed in', content: json(ApiErrorSchema) } },
});

const totpStartRoute = createRoute({
  method: 'post',
  path: '/account/totp',
  summary: 'Start setting up an authenticator: a new key, as an otpauth URI for a QR code',
  responses: {
    200: { description: 'The key to scan', content: json(TotpEnrolmentSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    409: { description: 'An authenticator is already set up (an administrator resets it for a lost phone)', content: json(ApiErrorSchema) },
  },
});

const totpConfirmRoute = createRoute({
  method: 'post',
  path: '/account/totp/confirm',
  summary: 'Confirm the authenticator with a code from it; answers the ten recovery codes, shown only now',
  request: { body: { content: json(TotpConfirmRequestSchema), required: true } },
  responses: {
    200: { description: 'Set up', content: json(TotpConfirmResponseSchema) },
    400: { description: 'Malformed request', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    409: { description: 'No set-up under way, or one already confirmed', content: json(ApiErrorSchema) },
    422: { description: 'The code does not match the new key', content: json(ApiErrorSchema) },
    429: { description: 'Too many wrong codes', content: json(ApiErrorSchema) },
  },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/account/password',
  summary: "Change the password (current and new); ends the user's other sessions",
  request: { body: { content: json(PasswordChangeRequestSchema), required: true } },
  responses: {
    204: { description: 'Changed' },
    400: { description: 'Malformed request', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in, or the current password is wrong', content: json(ApiErrorSchema) },
    422: { description: 'The new password may not be used (the message says why)', content: json(ApiErrorSchema) },
    429: { description: 'Too many wrong attempts', content: json(ApiErrorSchema) },
  },
});

export function accountRoutes(database: Database, opts: AuthOptions) {
  const { now, limits } = opts;
  const db = database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const asUser = (s: { userId: number; organisationId: number; role: string }) => ({ id: s.userId, organisationId: s.organisationId, role: s.role });

  app.use('/account/security', withAuth(database, now, limits, ['full', 'enrol']));
  app.openapi(securityRoute, async (c) => {
    const s = c.get('session');
    return c.json(
      {
        secondFactor: s.hasSecondFactor,
        recoveryCodesLeft: s.hasSecondFactor ? await countUnusedRecoveryCodes(db, s.userId) : 0,
        required: opts.requireSecondFactor,
        enrolling: s.stage === 'enrol',
      },
      200,
    );
  });

  app.use('/account/totp', withAuth(database, now, limits, ['full', 'enrol']));
  app.openapi(totpStartRoute, async (c) => {
    const s = c.get('session');
    if (s.hasSecondFactor) return apiError(c, 409, 'conflict', 'An authenticator is already set up. For a lost phone, ask an administrator to reset it.') as never;
    const enrolment = await startEnrolment(db, { id: s.userId, username: s.username });
    await auditSignIn(db, c, 'second-factor-enrolment-started', asUser(s), { sessionId: s.sessionId });
    return c.json(enrolment, 200);
  });

  app.use('/account/totp/confirm', withAuth(database, now, limits, ['full', 'enrol']));
  app.openapi(totpConfirmRoute, async (c) => {
    const s = c.get('session');
    const user = await getUserById(db, s.userId);
    if (!user?.totpSecret || user.totpEnabledAt) return apiError(c, 409, 'conflict', 'There is no authenticator being set up: start again.') as never;
    const keys = attemptKeys('totp', String(s.userId), clientAddress(c));
    const attempt = await beginAttempt(db, keys, now());
    if (!attempt.granted) return slowDown(c, attempt.retryAfterSeconds) as never;
    const recoveryCodes = await confirmEnrolment(db, user, c.req.valid('json').code, now());
    if (!recoveryCodes) {
      await auditSignIn(db, c, 'second-factor-enrolment-failed', user, { sessionId: s.sessionId });
      return apiError(c, 422, 'unprocessable', 'That code does not match: check the phone shows mast and try the newest code.', {
        attemptsLeft: attempt.attemptsLeft,
      }) as never;
    }
    await attemptSucceeded(db, keys);
    await auditSignIn(db, c, 'second-factor-enrolled', user, { sessionId: s.sessionId, detail: { method: 'totp', recoveryCodes: recoveryCodes.length } });
    const body: TotpConfirmResponse = { recoveryCodes };
    if (s.stage === 'enrol') {
      // Set up: the session that was only allowed this far is replaced by a full one.
      await endSession(db, c.get('sessionToken'));
      const started = await beginSession(database, c, user.id, 'full', opts);
      await auditSignIn(db, c, 'login', user, { sessionId: started.sessionId, detail: { secondFactor: 'totp-enrolled' } });
      const full = await getSession(db, started.sessionId, now(), limits.idleMinutes * 60);
      body.session = sessionResponse(full!, started.expiresAt);
    }
    return c.json(body, 200);
  });

  app.use('/account/password', withAuth(database, now, limits));
  app.openapi(passwordRoute, async (c) => {
    const s = c.get('session');
    const { currentPassword, newPassword } = c.req.valid('json');
    const keys = attemptKeys('login', s.username, clientAddress(c));
    const attempt = await beginAttempt(db, keys, now());
    if (!attempt.granted) return slowDown(c, attempt.retryAfterSeconds) as never;
    const user = await getUserById(db, s.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      await auditSignIn(db, c, 'password-change-failed', asUser(s), { sessionId: s.sessionId });
      return apiError(c, 401, 'unauthorized', 'The current password is wrong.', { attemptsLeft: attempt.attemptsLeft }) as never;
    }
    await attemptSucceeded(db, keys);
    const problem = passwordProblem(newPassword);
    if (problem) return apiError(c, 422, 'unprocessable', problem, { fields: ['newPassword'] }) as never;
    await setPasswordHash(db, user.id, await hashPassword(newPassword));
    const ended = await endUserSessions(db, user.id, s.sessionId);
    await auditSignIn(db, c, 'password-changed', asUser(s), { sessionId: s.sessionId, detail: { otherSessionsEnded: ended } });
    return c.body(null, 204);
  });
  return app;
}
