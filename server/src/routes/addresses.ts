// Address lookups: type-ahead over the gazetteer and the involvement summary of one address.
// Every summary viewed is audited (who, which address, when).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  AddressSearchQuerySchema,
  AddressSearchResponseSchema,
  AddressSummarySchema,
  ApiErrorSchema,
  UprnParamSchema,
} from '@mast/shared';
import { recordAudit, type Database } from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { findAddresses } from '../lookup/address-search.ts';
import { getAddressSummary } from '../lookup/address-summary.ts';

const searchRoute = createRoute({
  method: 'get',
  path: '/addresses',
  summary: 'Search of the gazetteer as people type (whole addresses, house number, flat, street, postcode; slips tolerated), best first, a page at a time',
  request: { query: AddressSearchQuerySchema },
  responses: {
    200: { description: 'Matching addresses', content: json(AddressSearchResponseSchema) },
    400: { description: 'No query', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  },
});

const summaryRoute = createRoute({
  method: 'get',
  path: '/addresses/{uprn}',
  summary: 'Which partner agencies are involved at this address and the flats under it, and whom to call',
  request: { params: UprnParamSchema },
  responses: {
    200: { description: 'The summary', content: json(AddressSummarySchema) },
    400: { description: 'Not a UPRN', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    404: { description: 'No such address in the gazetteer', content: json(ApiErrorSchema) },
  },
});

export function addressRoutes(database: Database, now: () => Date) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(searchRoute, async (c) => {
    const { q, offset, limit } = c.req.valid('query');
    return c.json(await findAddresses(database.db, q, { offset, limit }), 200);
  });
  app.openapi(summaryRoute, async (c) => {
    const uprn = Number(c.req.valid('param').uprn);
    const summary = await getAddressSummary(database.db, uprn, now());
    if (!summary) return apiError(c, 404, 'not_found', 'There is no address with that UPRN.') as never;
    // Audited before it is answered: a view that cannot be recorded is not shown.
    await recordAudit(database.db, { ...auditContext(c), action: 'view-address', uprn, subjectKind: 'address', subjectId: String(uprn) });
    return c.json(summary, 200);
  });
  return app;
}
