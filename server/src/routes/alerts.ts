// Alerts for the people who act on them: the list a crew's phone keeps for a shift (what the
// sharing agreement lets the user see), and the lead agency's acknowledgement and closure. Each
// is audited; an alert is acted on only by staff of the organisation that leads it (another's id
// answers as if it did not exist).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { AlertCloseRequestSchema, AlertListResponseSchema, AlertSchema, ApiErrorSchema, IdParamSchema, type AlertRules, type SharingAgreement } from '@mast/shared';
import { actOnAlert, listOpenAlerts, recordAudit, type Database, type Reads, type SessionWithUser } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { auditContext, type AuditContext } from '../http/audit-context.ts';
import { readSourceFor } from '../http/read-from.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { rulesFor } from '../access/viewer.ts';
import { alertsForViewer } from '../alerts/alert-view.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/alerts',
  summary: "The open alerts the signed-in user may see, to keep on the phone (encrypted under the session's key) until expiresAt",
  responses: {
    200: { description: 'The alert list', content: json(AlertListResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The viewer’s role does not look up addresses', content: json(ApiErrorSchema) },
  },
});

const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/alerts/{id}/acknowledge',
  summary: 'The lead agency has seen the alert and is looking into it',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Acknowledged', content: json(AlertSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    404: { description: 'No open alert led by your organisation with that id', content: json(ApiErrorSchema) },
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/alerts/{id}/close',
  summary: 'The lead agency closes the alert, with a reason from the list (kept for the partnership’s feedback)',
  request: { params: IdParamSchema, body: { content: json(AlertCloseRequestSchema), required: true } },
  responses: {
    204: { description: 'Closed' },
    400: { description: 'No reason, or one not on the list', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    404: { description: 'No open alert led by your organisation with that id', content: json(ApiErrorSchema) },
  },
});

/**
 * The key a phone keeps its copy of the list under: derived from the session's id and the
 * server's secret, so it is the same for one sign-in session and no other, the server keeps
 * nothing more to give it again, and reading the sessions table is not enough to work it out.
 */
export function alertListKey(secret: Uint8Array, sessionId: string): string {
  const purposeKey = hmac(SHA256, secret, new TextEncoder().encode('mast alert list key v1'));
  return encodeBase64urlNoPadding(hmac(SHA256, purposeKey, new TextEncoder().encode(sessionId)));
}

/** The alert list reads through `reads` (a caught-up replica, else the primary); steps on an alert and audits go to the primary. */
export function alertRoutes(
  database: Database,
  reads: Reads,
  now: () => Date,
  agreement: () => SharingAgreement,
  alertRules: () => AlertRules,
  opts: { listHours: number; secret: () => Promise<Uint8Array> },
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const db = database.db;
  const notFound = (c: Parameters<typeof apiError>[0]) => apiError(c, 404, 'not_found', 'There is no open alert led by your organisation with that id.') as never;

  app.openapi(listRoute, async (c) => {
    const session = c.get('session');
    const rules = rulesFor(agreement(), session);
    if (!rules) return apiError(c, 403, 'forbidden', 'Your role does not look up addresses under the sharing agreement.') as never;
    const at = now();
    const alerts = alertsForViewer(await listOpenAlerts(readSourceFor(c, reads).db), { rules, seesSensitive: rules.sensitiveAddresses, organisationId: session.organisationId }, alertRules());
    await recordAudit(db, { ...auditContext(c), action: 'alert-list', detail: { alerts: alerts.length }, matrixVersion: agreement().version });
    return c.json(
      {
        alerts,
        generatedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + opts.listHours * 3600_000).toISOString(),
        rulesVersion: alertRules().version,
        listKey: alertListKey(await opts.secret(), session.sessionId),
      },
      200,
    );
  });

  /** The lead agency's step, audited; null when the user's organisation leads no open alert with that id. */
  const act = async (session: SessionWithUser, audit: AuditContext, id: number, step: { step: 'acknowledged' } | { step: 'closed'; reason: string }) => {
    const row = await actOnAlert(db, { id, organisationId: session.organisationId, userId: session.userId, at: now(), ...step });
    if (!row) return null;
    await recordAudit(db, {
      ...audit,
      action: step.step === 'acknowledged' ? 'alert-acknowledged' : 'alert-closed',
      uprn: row.uprn === null ? null : Number(row.uprn),
      subjectKind: 'alert',
      subjectId: String(id),
      detail: step.step === 'closed' ? { reason: step.reason } : null,
    });
    return row;
  };

  app.openapi(acknowledgeRoute, async (c) => {
    const session = c.get('session');
    const row = await act(session, auditContext(c), Number(c.req.valid('param').id), { step: 'acknowledged' });
    if (!row) return notFound(c);
    // Its own organisation's alert: shown whole to the lead agency, which holds the case.
    const [alert] = alertsForViewer([row], { rules: null, seesSensitive: true, organisationId: session.organisationId }, alertRules());
    return c.json(alert!, 200);
  });

  app.openapi(closeRoute, async (c) => {
    const row = await act(c.get('session'), auditContext(c), Number(c.req.valid('param').id), { step: 'closed', reason: c.req.valid('json').reason });
    if (!row) return notFound(c);
    return c.body(null, 204);
  });
  return app;
}
