// The partnership's trend reports, for the roles the sharing agreement names (access.yaml
// `reports`): counts only, small numbers withheld, read as the mast_reports database role. Each
// reading is audited, as every other reading is, though a report names no one.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ApiErrorSchema,
  MonthlyReportQuerySchema,
  MonthlyReportSchema,
  REPORT_TOPIC_TITLES,
  ReportQuerySchema,
  ReportTopicSchema,
  ReportTopicsResponseSchema,
  TopicReportsSchema,
  reportTopicsFor,
  type SharingAgreement,
} from '@mast/shared';
import { recordAudit, type Database } from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { readTopic } from '../analytics/topics.ts';
import { buildMonthlyReport } from '../analytics/monthly-report.ts';

const topicsRoute = createRoute({
  method: 'get',
  path: '/analytics',
  summary: 'The report topics the signed-in user may read (none for front-line roles)',
  responses: {
    200: { description: 'The topics', content: json(ReportTopicsResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  },
});

const monthlyRoute = createRoute({
  method: 'get',
  path: '/analytics/monthly',
  summary: 'The monthly partnership report for a safeguarding board pack: the month beside the year before it, from the topics the user may read',
  request: { query: MonthlyReportQuerySchema },
  responses: {
    200: { description: 'The report', content: json(MonthlyReportSchema) },
    400: { description: 'Not a month (YYYY-MM), or one not yet complete, or older than the 36 months kept', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The user’s role reads no reports', content: json(ApiErrorSchema) },
  },
});

const topicRoute = createRoute({
  method: 'get',
  path: '/analytics/{topic}',
  summary: 'Every report of one topic over the last N complete months (counts only; numbers under 5 withheld)',
  request: { params: z.object({ topic: ReportTopicSchema }), query: ReportQuerySchema },
  responses: {
    200: { description: 'The reports', content: json(TopicReportsSchema) },
    400: { description: 'No such topic, or months outside 1..36', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The sharing agreement does not give this report to the user’s role', content: json(ApiErrorSchema) },
  },
});

export function analyticsRoutes(database: Database, now: () => Date, agreement: () => SharingAgreement) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const topicsOf = (c: Context<AppEnv>) => reportTopicsFor(agreement(), c.get('session').role);

  app.openapi(topicsRoute, (c) => c.json({ topics: topicsOf(c).map((topic) => ({ topic, title: REPORT_TOPIC_TITLES[topic] })) }, 200));

  app.openapi(monthlyRoute, async (c) => {
    const topics = topicsOf(c);
    if (topics.length === 0) return apiError(c, 403, 'forbidden', 'The sharing agreement gives your role no reports.') as never;
    const built = await buildMonthlyReport(database, topics, now(), c.req.valid('query').month);
    if (!built.ok) return apiError(c, 400, 'bad_request', built.message) as never;
    await recordAudit(database.db, { ...auditContext(c), action: 'read-report', subjectKind: 'report', subjectId: `monthly:${built.report.month}`, matrixVersion: agreement().version });
    return c.json(built.report, 200);
  });

  app.openapi(topicRoute, async (c) => {
    const { topic } = c.req.valid('param');
    if (!topicsOf(c).includes(topic)) return apiError(c, 403, 'forbidden', 'The sharing agreement does not give this report to your role.') as never;
    const { months } = c.req.valid('query');
    const reports = await readTopic(database, topic, now(), months);
    await recordAudit(database.db, { ...auditContext(c), action: 'read-report', subjectKind: 'report', subjectId: topic, detail: { months }, matrixVersion: agreement().version });
    return c.json(reports, 200);
  });
  return app;
}
