// Builds the mast HTTP app: public routes (health, sign-in, the OpenAPI document), then the
// session guard, then everything else; the built PWA is served on the same origin.
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { primaryReads, type Database, type Reads } from '@mast/db';
import { apiError, onError } from './http/errors.ts';
import { withAuth, type AppEnv } from './http/with-auth.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { DEFAULT_WEB_ROOT, mountWeb } from './http/static-web.ts';
import { contentSecurityPolicyFor, PERMISSIONS_POLICY } from './http/security-headers.ts';
import { withBodyLimit } from './http/body-limit.ts';
import { compressAnswers } from './http/compress-answers.ts';
import { setAnswerHeader } from './http/response-headers.ts';
import { withSameOrigin } from './http/same-origin.ts';
import { withTrustProxy } from './http/trust-proxy.ts';
import { accountRoutes } from './routes/account.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { addressRoutes } from './routes/addresses.ts';
import { reviewRoutes } from './routes/review.ts';
import { addressReviewRoutes } from './routes/address-review.ts';
import { peopleRoutes } from './routes/people.ts';
import { feedUploadRoutes } from './routes/feed-uploads.ts';
import { feedAdminRoutes } from './routes/feed-admin.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { inviteRoutes } from './routes/invites.ts';
import { oidcRoutes } from './routes/oidc.ts';
import type { JobWorker } from './jobs/worker.ts';
import { DEFAULT_ALERT_LIST_HOURS, DEFAULT_SESSION_LIMITS, DEFAULT_UPLOAD_LIMITS, type SessionLimits } from './config.ts';
import { accessRoutes } from './routes/access.ts';
import { currentAgreement } from './access/agreement.ts';
import { currentAlertRules } from './alerts/rules-file.ts';
import { alertRoutes } from './routes/alerts.ts';
import { loadPseudonymSecret } from './retention/pseudonym-secret.ts';
import type { AlertRules, SharingAgreement } from '@mast/shared';
import { withBulkReadGuard, type BulkReadOptions } from './audit/bulk-read-guard.ts';
import { auditRoutes } from './routes/audit.ts';

// Settings come in from readConfig() (main.ts); the defaults here are those of an unset environment.
export interface AppOptions {
  database: Database;
  /** Where lookups read from (a caught-up replica, else the primary); default: the primary alone. */
  reads?: Reads;
  /** The clock, injectable for tests. */
  now?: () => Date;
  /** The built PWA; false to serve the API only. */
  webRoot?: string | false;
  /** Where partner uploads are staged before a job applies them. */
  dataDir?: string;
  /** This process's job worker, woken when an upload is queued. */
  jobs?: Pick<JobWorker, 'wake'>;
  /** Partner uploads over HTTPS: size limit, uploads per feed per hour, how long to wait for a report. */
  uploads?: { maxBytes?: number; perHour?: number; waitMs?: number };
  /** Idle timeout and absolute limit. */
  sessions?: SessionLimits;
  /** Every password account must have a second factor (default: not). */
  requireSecondFactor?: boolean;
  /** The data sharing agreement lookups are shaped by (default: shared/sharing-agreement/access.yaml). */
  agreement?: SharingAgreement;
  /** The trigger rules alerts are shown under (default: shared/alert-rules/rules.yaml). */
  alertRules?: AlertRules;
  /** How long a phone keeps its alert list (default 12 hours: a shift). */
  alertListHours?: number;
  /** The origin people reach mast at (MAST_PUBLIC_URL), for invitation links and the sign-on callback; default: the origin asked at. */
  publicOrigin?: string;
  /** How long an invitation link stays usable (default 72 hours). */
  inviteHours?: number;
  /** Believe a proxy's X-Forwarded-For, -Proto and -Host (default: not). */
  trustProxy?: boolean;
  /** Views a minute before reading slows. */
  bulkRead?: Partial<BulkReadOptions>;
}

export function createApp({
  database,
  reads = primaryReads(database),
  now = () => new Date(),
  webRoot,
  dataDir = '.data',
  jobs,
  uploads = {},
  sessions = DEFAULT_SESSION_LIMITS,
  requireSecondFactor = false,
  agreement = currentAgreement(),
  alertRules = currentAlertRules(),
  alertListHours = DEFAULT_ALERT_LIST_HOURS,
  bulkRead = {},
  trustProxy = false,
  publicOrigin,
  inviteHours,
}: AppOptions) {
  const auth = { now, limits: sessions, requireSecondFactor };
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.use('*', withTrustProxy(trustProxy));
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  const csp = contentSecurityPolicyFor(webRoot === false ? false : (webRoot ?? DEFAULT_WEB_ROOT));
  app.use('*', async (c, next) => {
    await next();
    setAnswerHeader(c, 'Content-Security-Policy', csp);
    setAnswerHeader(c, 'Permissions-Policy', PERMISSIONS_POLICY);
  });
  // Before any body is read: too large a body is refused unread, a cross-site one untouched.
  app.use('/api/*', withBodyLimit());
  app.use('/api/*', withSameOrigin());
  // JSON and any text the build did not precompress go out gzipped to a browser that takes it.
  app.use('*', compressAnswers());
  app.use('/api/*', async (c, next) => {
    await next();
    // Answers hold personal data: no browser or proxy may keep a copy.
    setAnswerHeader(c, 'Cache-Control', 'no-store');
  });

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', healthRoutes(database, reads));
  api.route('/', authRoutes(database, auth));
  api.route('/', accountRoutes(database, auth));
  api.route('/', inviteRoutes(database, now));
  api.route('/', oidcRoutes(database, now, publicOrigin));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: { title: 'mast API', version: '0.1.0', description: 'Multi-Agency Safeguarding Tracker: address-centred lookups of partner involvement.' },
  });
  // Partner systems authenticate with a feed token, not a session.
  api.route(
    '/',
    feedUploadRoutes(database, {
      dataDir,
      jobs,
      now,
      maxBytes: uploads.maxBytes ?? DEFAULT_UPLOAD_LIMITS.maxBytes,
      perHour: uploads.perHour ?? DEFAULT_UPLOAD_LIMITS.perHour,
      waitMs: uploads.waitMs ?? 25_000,
    }),
  );
  api.use('*', withAuth(database, now, auth.limits));
  const bulkReadGuard = withBulkReadGuard(database, { now, ...bulkRead });
  api.use('/addresses/:uprn', bulkReadGuard);
  api.use('/people/*', bulkReadGuard);
  api.use('/review/*', bulkReadGuard);
  api.route('/', addressRoutes(database, reads, now, () => agreement));
  api.route('/', accessRoutes(database, now));
  // The alert list's keys are derived with the server's own secret (the one the trend copy is keyed with).
  let secret: Promise<Uint8Array> | undefined;
  const serverSecret = () => (secret ??= loadPseudonymSecret(dataDir));
  api.route('/', alertRoutes(database, reads, now, () => agreement, () => alertRules, { listHours: alertListHours, secret: serverSecret }));
  api.route('/', reviewRoutes(database));
  api.route('/', addressReviewRoutes(database));
  api.route('/', peopleRoutes(database, reads, now, () => agreement, () => alertRules));
  api.route('/', feedAdminRoutes(database, now));
  api.route('/', adminUserRoutes(database, now, { publicOrigin, ...(inviteHours !== undefined && { hours: inviteHours }) }));
  api.route('/', auditRoutes(database, now));
  api.route('/', analyticsRoutes(database, now, () => agreement));
  app.route('/api', api);
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', 'There is no such API route.'));

  if (webRoot !== false) mountWeb(app, webRoot);
  app.notFound((c) => apiError(c, 404, 'not_found', 'Not found.'));
  return app;
}
