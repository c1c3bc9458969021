// The data stewards' review queue: uncertain person matches side by side with the evidence,
// and the decision that then wins over the model. Every decision is audited.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  ApiErrorSchema,
  ReviewDecisionRequestSchema,
  ReviewIdParamSchema,
  ReviewListResponseSchema,
  ReviewPairSchema,
  reviewReason,
  type ReviewPair,
} from '@mast/shared';
import {
  countOpenReviewPairs,
  decideReviewPair,
  getReviewPair,
  listReviewPairs,
  recordAudit,
  type Database,
  type ReviewPairRow,
} from '@mast/db';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { auditContext } from '../http/audit-context.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { reviewRecordOf } from './review-record.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/review/pairs',
  summary: 'Uncertain person matches waiting for a data steward (or those already decided)',
  request: { query: z.object({ status: z.enum(['open', 'decided']).default('open') }) },
  responses: {
    200: { description: 'Pairs, likeliest matches first', content: json(ReviewListResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/review/pairs/{id}',
  summary: 'One pair side by side with the evidence for and against',
  request: { params: ReviewIdParamSchema },
  responses: {
    200: { description: 'The pair', content: json(ReviewPairSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
    404: { description: 'No such pair', content: json(ApiErrorSchema) },
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/review/pairs/{id}/decision',
  summary: 'Record whether the two records are the same person; the decision wins over the model',
  request: { params: ReviewIdParamSchema, body: { content: json(ReviewDecisionRequestSchema), required: true } },
  responses: {
    200: { description: 'The pair, decided', content: json(ReviewPairSchema) },
    400: { description: 'Not a decision', content: json(ApiErrorSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
    404: { description: 'No such pair', content: json(ApiErrorSchema) },
  },
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toPair(r: ReviewPairRow): ReviewPair {
  return {
    id: String(r.id),
    left: reviewRecordOf(r.left),
    right: reviewRecordOf(r.right),
    weight: r.weight,
    probability: r.probability,
    evidence: r.evidence,
    reason: reviewReason({ evidence: r.evidence, probability: r.probability }),
    status: r.status as ReviewPair['status'],
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    createdAt: iso(r.created_at)!,
  };
}

export function reviewRoutes(database: Database) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/review/*', requireRole('data-steward'));
  app.openapi(listRoute, async (c) => {
    const { status } = c.req.valid('query');
    const [pairs, open] = await Promise.all([listReviewPairs(database.db, status), countOpenReviewPairs(database.db)]);
    return c.json({ pairs: pairs.map(toPair), open }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const pair = await getReviewPair(database.db, Number(c.req.valid('param').id));
    if (!pair) return apiError(c, 404, 'not_found', 'There is no such pair.') as never;
    await recordAudit(database.db, { ...auditContext(c), action: 'review-view', subjectKind: 'review-pair', subjectId: String(pair.id), detail: { personRecordIds: [pair.left.id, pair.right.id] } });
    return c.json(toPair(pair), 200);
  });
  app.openapi(decideRoute, async (c) => {
    const id = Number(c.req.valid('param').id);
    const { decision } = c.req.valid('json');
    const userId = c.get('session').userId;
    if (!(await decideReviewPair(database.db, id, decision, userId))) return apiError(c, 404, 'not_found', 'There is no such pair.') as never;
    await recordAudit(database.db, { ...auditContext(c), action: `review-decided-${decision}`, subjectKind: 'review-pair', subjectId: String(id) });
    return c.json(toPair((await getReviewPair(database.db, id))!), 200);
  });
  return app;
}
