// What the sharing agreement asks of people after a lookup: supervisors review their
// organisation's break-glass uses, and a partner team reads who from another organisation looked
// where it holds an open case. Each is reached by id only within the reader's own organisation or
// team: another's id answers as if it did not exist.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  ApiErrorSchema,
  BreakGlassListResponseSchema,
  BreakGlassReviewRequestSchema,
  IdParamSchema,
  LeadNotificationListResponseSchema,
  RoleSchema,
} from '@mast/shared';
import { countUnreadLeadNotifications, listBreakGlass, listLeadNotifications, markLeadNotificationRead, recordAudit, reviewBreakGlass, type Database } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { auditContext } from '../http/audit-context.ts';
import { requireRole } from '../http/require-role.ts';
import type { AppEnv } from '../http/with-auth.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/break-glass',
  summary: "The supervisor's organisation's break-glass uses, those awaiting review first",
  responses: {
    200: { description: 'The uses', content: json(BreakGlassListResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'Supervisors only', content: json(ApiErrorSchema) },
  },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/break-glass/{id}/review',
  summary: 'Record whether a break-glass use was justified (once)',
  request: { params: IdParamSchema, body: { content: json(BreakGlassReviewRequestSchema), required: true } },
  responses: {
    204: { description: 'Reviewed' },
    400: { description: 'No outcome', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'Supervisors only', content: json(ApiErrorSchema) },
    404: { description: 'No such use awaiting review in this organisation', content: json(ApiErrorSchema) },
  },
});

const notificationsRoute = createRoute({
  method: 'get',
  path: '/notifications',
  summary: "Looks by other organisations at addresses where the user's team leads an open case",
  responses: {
    200: { description: 'Newest first', content: json(LeadNotificationListResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  summary: 'Mark one of the team’s notifications read',
  request: { params: IdParamSchema },
  responses: {
    204: { description: 'Marked' },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    404: { description: "No such notification for the user's team", content: json(ApiErrorSchema) },
  },
});

export function accessRoutes(database: Database, now: () => Date) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const db = database.db;
  app.use('/break-glass', requireRole('supervisor'));
  app.use('/break-glass/*', requireRole('supervisor'));

  app.openapi(listRoute, async (c) => {
    const list = await listBreakGlass(db, c.get('session').organisationId);
    await recordAudit(db, { ...auditContext(c), action: 'break-glass-list-view', detail: { uses: list.length } });
    return c.json(
      {
        uses: list.map((u) => ({
          id: String(u.id),
          user: { displayName: u.user_display_name, role: RoleSchema.parse(u.user_role) },
          uprn: String(u.uprn),
          addressLabel: u.address_label,
          reason: u.reason,
          purpose: u.purpose,
          reference: u.reference,
          grantedAt: new Date(u.granted_at).toISOString(),
          expiresAt: new Date(u.expires_at).toISOString(),
          review:
            u.reviewed_at && u.outcome
              ? { outcome: u.outcome as 'justified' | 'not-justified', by: u.reviewer_display_name ?? '', at: new Date(u.reviewed_at).toISOString() }
              : null,
        })),
        awaitingReview: list.filter((u) => !u.reviewed_at).length,
      },
      200,
    );
  });

  app.openapi(reviewRoute, async (c) => {
    const session = c.get('session');
    const id = Number(c.req.valid('param').id);
    const { outcome } = c.req.valid('json');
    const done = await reviewBreakGlass(db, { id, organisationId: session.organisationId, reviewerId: session.userId, outcome, at: now() });
    if (!done) return apiError(c, 404, 'not_found', 'There is no break-glass use awaiting review with that id.') as never;
    await recordAudit(db, {
      ...auditContext(c),
      action: 'break-glass-reviewed',
      uprn: done.uprn,
      subjectKind: 'break-glass',
      subjectId: String(id),
      detail: { outcome, reviewedUserId: done.userId },
    });
    return c.body(null, 204);
  });

  app.openapi(notificationsRoute, async (c) => {
    const teamId = c.get('session').teamId;
    if (teamId === null) return c.json({ team: null, notifications: [], unread: 0 }, 200);
    const [list, unread] = await Promise.all([listLeadNotifications(db, teamId), countUnreadLeadNotifications(db, teamId)]);
    return c.json(
      {
        team: String(teamId),
        notifications: list.map((n) => ({
          id: String(n.id),
          uprn: n.uprn === null ? null : String(n.uprn),
          addressLabel: n.address_label,
          subject: n.subject_kind,
          person: n.subject_kind === 'person' && n.person_id !== null && n.person_name !== null ? { personId: String(n.person_id), name: n.person_name } : null,
          viewer: { displayName: n.viewer_display_name, organisation: n.viewer_organisation, role: RoleSchema.parse(n.viewer_role) },
          purpose: n.purpose,
          reference: n.reference,
          breakGlass: n.break_glass,
          at: new Date(n.at).toISOString(),
          read: n.read_at !== null,
        })),
        unread,
      },
      200,
    );
  });

  app.openapi(readRoute, async (c) => {
    const teamId = c.get('session').teamId;
    const id = Number(c.req.valid('param').id);
    if (teamId === null || !(await markLeadNotificationRead(db, teamId, id, now()))) {
      return apiError(c, 404, 'not_found', 'There is no such notification for your team.') as never;
    }
    return c.body(null, 204);
  });
  return app;
}
