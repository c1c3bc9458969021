// The feed admin view, for the people who watch partner feeds (data stewards and
// administrators): each feed's schedule and freshness by the same rule a lookup uses, its
// uploads, and each upload's rejected rows. Nothing here is personal data (counts, file names,
// row numbers and reasons), so viewing it is not audited; front-line roles are refused all the same.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  AGENCIES,
  AGENCY_ORDER,
  ApiErrorSchema,
  FeedListResponseSchema,
  FeedParamSchema,
  RejectionListQuerySchema,
  RejectionListResponseSchema,
  UploadIdParamSchema,
  UploadListQuerySchema,
  UploadListResponseSchema,
  describeSchedule,
  feedStatus,
  type FeedOverview,
  type FeedScheduleView,
  type FeedUpload,
  type FeedId,
} from '@mast/shared';
import { getFeedActivitySince, getFeedUpload, getLastDeliveries, getLatestUploads, listFeedUploads, listUploadRejections, type Database, type FeedUploadRow } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';

const DAY_MS = 86_400_000;
const refused = {
  401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  403: { description: 'Not a data steward or administrator', content: json(ApiErrorSchema) },
} as const;

const feedsRoute = createRoute({
  method: 'get',
  path: '/admin/feeds',
  summary: "Each partner feed: its schedule, whether it is fresh, late or missing, its newest upload and its last 30 days",
  responses: {
    200: { description: 'Every feed, in the order a lookup lists the agencies', content: json(FeedListResponseSchema) },
    ...refused,
  },
});

const uploadsRoute = createRoute({
  method: 'get',
  path: '/admin/feeds/{feed}/uploads',
  summary: "One feed's uploads, newest first, a page at a time: when and how each came, its rows and what happened to them",
  request: { params: FeedParamSchema, query: UploadListQuerySchema },
  responses: {
    200: { description: 'A page of uploads', content: json(UploadListResponseSchema) },
    400: { description: 'No such feed, or a page that is not a number', content: json(ApiErrorSchema) },
    ...refused,
  },
});

const rejectionsRoute = createRoute({
  method: 'get',
  path: '/admin/uploads/{id}/rejections',
  summary: "The rows an upload rejected: row numbers and reasons, never the rows' values",
  request: { params: UploadIdParamSchema, query: RejectionListQuerySchema },
  responses: {
    200: { description: 'The upload, its commonest reasons and a page of rejected rows', content: json(RejectionListResponseSchema) },
    400: { description: 'Not an upload id, or a page that is not a number', content: json(ApiErrorSchema) },
    404: { description: 'No such upload', content: json(ApiErrorSchema) },
    ...refused,
  },
});

function toUpload(r: FeedUploadRow): FeedUpload {
  return {
    id: String(r.id),
    feed: r.feed as FeedId,
    receivedAt: r.received_at.toISOString(),
    via: r.via as FeedUpload['via'],
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    rows: r.rows_total,
    accepted: r.rows_accepted,
    rejected: r.rows_rejected,
    ignoredColumns: r.ignored_columns,
    casesClosed: r.cases_closed,
    addressesUnmatched: r.addresses_unmatched,
    countsAsDelivery: r.counts_as_delivery,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
  };
}

function scheduleOf(feed: FeedId): FeedScheduleView {
  const s = AGENCIES[feed].schedule;
  return { every: s.every, on: s.every === 'week' ? s.on : null, by: s.by, graceMinutes: s.graceMinutes, text: describeSchedule(s) };
}

export function feedAdminRoutes(database: Database, now: () => Date) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/admin/feeds', requireRole('data-steward', 'admin'));
  app.use('/admin/feeds/*', requireRole('data-steward', 'admin'));
  app.use('/admin/uploads/*', requireRole('data-steward', 'admin'));

  app.openapi(feedsRoute, async (c) => {
    const at = now();
    const [latest, deliveries, activity] = await Promise.all([
      getLatestUploads(database.db),
      getLastDeliveries(database.db),
      getFeedActivitySince(database.db, new Date(at.getTime() - 30 * DAY_MS)),
    ]);
    const feeds: FeedOverview[] = AGENCY_ORDER.map((feed) => {
      const last = latest.find((u) => u.feed === feed);
      const recent = activity.find((a) => a.feed === feed);
      return {
        feed,
        name: AGENCIES[feed].name,
        organisation: AGENCIES[feed].organisation,
        kind: AGENCIES[feed].kind,
        schedule: scheduleOf(feed),
        // Measured from the newest delivery of data, as a lookup is; the newest upload is shown
        // whatever it applied, so a file that applied nothing is seen.
        freshness: feedStatus(feed, deliveries.get(feed), at),
        lastUpload: last ? toUpload(last) : null,
        last30Days: { uploads: recent?.uploads ?? 0, rows: recent?.rows ?? 0, accepted: recent?.accepted ?? 0, rejected: recent?.rejected ?? 0 },
      };
    });
    return c.json({ feeds, generatedAt: at.toISOString() }, 200);
  });

  app.openapi(uploadsRoute, async (c) => {
    const { feed } = c.req.valid('param');
    const { page, pageSize } = c.req.valid('query');
    const { uploads, total } = await listFeedUploads(database.db, feed, pageSize, (page - 1) * pageSize);
    return c.json({ feed, uploads: uploads.map(toUpload), page, pageSize, total }, 200);
  });

  app.openapi(rejectionsRoute, async (c) => {
    const id = Number(c.req.valid('param').id);
    const { page, pageSize } = c.req.valid('query');
    const upload = await getFeedUpload(database.db, id);
    if (!upload) return apiError(c, 404, 'not_found', 'There is no such upload.') as never;
    const { rejections, total, reasonCounts } = await listUploadRejections(database.db, id, pageSize, (page - 1) * pageSize);
    return c.json(
      { upload: toUpload(upload), reasonCounts, rejections: rejections.map((r) => ({ row: r.rowNumber, reasons: r.reasons })), page, pageSize, total },
      200,
    );
  });
  return app;
}
