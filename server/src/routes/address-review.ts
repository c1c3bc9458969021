// The data stewards' queue of uncertain address matches: the address as partners sent it beside
// the gazetteer address the matcher proposed, with the parts that agreed and disagreed, and the
// decision that places every row of it at that address (or rules it out) and then wins over the
// matcher. Items go by number in URLs, never by address. Every decision is audited.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  AGENCIES,
  AddressDecisionRequestSchema,
  AddressReviewItemSchema,
  AddressReviewListResponseSchema,
  ApiErrorSchema,
  ReviewIdParamSchema,
  isFeedId,
  type AddressReviewItem,
} from '@mast/shared';
import {
  countOpenAddressReviews,
  decideAddressReview,
  getAddressReview,
  listAddressReviews,
  recordAudit,
  type AddressReviewRow,
  type Database,
} from '@mast/db';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { auditContext } from '../http/audit-context.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { explainReasons } from '../matching/address/reasons.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/review/addresses',
  summary: 'Uncertain address matches waiting for a data steward (or those already decided), one item per address as sent',
  request: { query: z.object({ status: z.enum(['open', 'decided']).default('open') }) },
  responses: {
    200: { description: 'Items, those with most rows first', content: json(AddressReviewListResponseSchema) },
    400: { description: 'Not a status', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/review/addresses/{id}',
  summary: 'One address as sent beside the proposed gazetteer address, with the parts that agreed and disagreed',
  request: { params: ReviewIdParamSchema },
  responses: {
    200: { description: 'The item', content: json(AddressReviewItemSchema) },
    400: { description: 'Not an item id', content: json(ApiErrorSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
    404: { description: 'No such item', content: json(ApiErrorSchema) },
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/review/addresses/{id}/decision',
  summary: 'Record whether the address as sent is the proposed gazetteer address; applied to every row of it, and it wins over the matcher',
  request: { params: ReviewIdParamSchema, body: { content: json(AddressDecisionRequestSchema), required: true } },
  responses: {
    200: { description: 'The item, decided', content: json(AddressReviewItemSchema) },
    400: { description: 'Not a decision', content: json(ApiErrorSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
    404: { description: 'No such item', content: json(ApiErrorSchema) },
  },
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toItem(r: AddressReviewRow): AddressReviewItem {
  // An item whose rows the partners have since corrected away has only its key left to show.
  const [keyText = '', keyPostcode = ''] = r.address_key.split('|');
  return {
    id: String(r.id),
    sent: { address: r.address_text ?? keyText, postcode: r.address_text === null ? keyPostcode || null : r.postcode, spellings: r.spellings },
    candidate: { uprn: String(r.candidate_uprn), label: r.candidate_label ?? 'Not in the gazetteer any more', postcode: r.candidate_postcode ?? '' },
    score: r.score,
    reasons: explainReasons(r.reasons),
    rows: r.rows,
    agencies: r.feeds.flatMap((f) => (isFeedId(f.feed) ? [{ agency: f.feed, agencyName: AGENCIES[f.feed].name, rows: f.rows }] : [])),
    status: r.status as AddressReviewItem['status'],
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    createdAt: iso(r.created_at)!,
  };
}

const NO_ITEM = 'There is no such address to review.';

export function addressReviewRoutes(database: Database) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/review/addresses', requireRole('data-steward'));
  app.use('/review/addresses/*', requireRole('data-steward'));
  app.openapi(listRoute, async (c) => {
    const { status } = c.req.valid('query');
    const [items, open] = await Promise.all([listAddressReviews(database.db, status), countOpenAddressReviews(database.db)]);
    return c.json({ items: items.map(toItem), open }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const item = await getAddressReview(database.db, Number(c.req.valid('param').id));
    if (!item) return apiError(c, 404, 'not_found', NO_ITEM) as never;
    await recordAudit(database.db, { ...auditContext(c), action: 'address-review-view', uprn: item.candidate_uprn, subjectKind: 'address-review', subjectId: String(item.id) });
    return c.json(toItem(item), 200);
  });
  app.openapi(decideRoute, async (c) => {
    const id = Number(c.req.valid('param').id);
    const { decision } = c.req.valid('json');
    const userId = c.get('session').userId;
    const uprn = await decideAddressReview(database.db, id, decision, userId);
    if (uprn === null) return apiError(c, 404, 'not_found', NO_ITEM) as never;
    await recordAudit(database.db, { ...auditContext(c), action: `address-review-decided-${decision}`, uprn, subjectKind: 'address-review', subjectId: String(id) });
    const item = await getAddressReview(database.db, id);
    if (!item) return apiError(c, 404, 'not_found', NO_ITEM) as never;
    return c.json(toItem(item), 200);
  });
  return app;
}
