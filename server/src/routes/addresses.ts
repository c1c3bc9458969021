// Address lookups: type-ahead over the gazetteer, the involvement summary of one address as the
// sharing agreement lets the viewer see it, and break-glass. A summary needs a stated purpose;
// every one shown is audited (who, which address, why, what level of detail), and the teams
// leading open cases there are told when another organisation looked.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  AddressSearchQuerySchema,
  AddressSearchResponseSchema,
  AddressSummarySchema,
  ApiErrorSchema,
  BreakGlassRequestSchema,
  BreakGlassResponseSchema,
  PurposeListResponseSchema,
  PurposeQuerySchema,
  UprnParamSchema,
  type SharingAgreement,
} from '@mast/shared';
import { grantBreakGlass, recordAudit, type Database, type Reads } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { validationHook } from '../http/validation-hook.ts';
import { json } from '../http/json-content.ts';
import { auditContext } from '../http/audit-context.ts';
import { readSourceFor } from '../http/read-from.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { findAddresses } from '../lookup/address-search.ts';
import { getAddressSummary } from '../lookup/address-summary.ts';
import { checkPurpose, rulesFor } from '../access/viewer.ts';
import { lookUpAddress } from '../access/address-lookup.ts';

const searchRoute = createRoute({
  method: 'get',
  path: '/addresses',
  summary: 'Search of the gazetteer as people type (whole addresses, house number, flat, street, postcode; slips tolerated), best first, a page at a time',
  request: { query: AddressSearchQuerySchema },
  responses: {
    200: { description: 'Matching addresses (never a place marked sensitive, unless the viewer may find it)', content: json(AddressSearchResponseSchema) },
    400: { description: 'No query', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The viewer’s role does not look up addresses', content: json(ApiErrorSchema) },
  },
});

const summaryRoute = createRoute({
  method: 'get',
  path: '/addresses/{uprn}',
  summary: 'Which partner agencies are involved at this address and the flats under it, and whom to call, as the sharing agreement lets the viewer see it',
  request: { params: UprnParamSchema, query: PurposeQuerySchema },
  responses: {
    200: { description: 'The summary', content: json(AddressSummarySchema) },
    400: { description: 'Not a UPRN, or no purpose the viewer may give (code purpose-required)', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The viewer’s role does not look up addresses', content: json(ApiErrorSchema) },
    404: { description: 'No such address (or one the viewer may not find)', content: json(ApiErrorSchema) },
  },
});

const breakGlassRoute = createRoute({
  method: 'post',
  path: '/addresses/{uprn}/break-glass',
  summary: 'See everything at this address for a while, giving a reason: granted at once, flagged, and reviewed by a supervisor',
  request: { params: UprnParamSchema, body: { content: json(BreakGlassRequestSchema), required: true } },
  responses: {
    201: { description: 'Granted', content: json(BreakGlassResponseSchema) },
    400: { description: 'No reason, or no purpose the viewer may give', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The viewer’s role may not break the glass', content: json(ApiErrorSchema) },
    404: { description: 'No such address', content: json(ApiErrorSchema) },
  },
});

const purposesRoute = createRoute({
  method: 'get',
  path: '/purposes',
  summary: 'The purposes the signed-in user may give for a lookup',
  responses: {
    200: { description: 'The purposes, in the agreement’s order', content: json(PurposeListResponseSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  },
});

/** How long a break-glass lasts: long enough to attend, short enough not to become a habit. */
export const BREAK_GLASS_MINUTES = 60;

/** Lookups read through `reads` (a caught-up replica, else the primary); audits and break-glass are written to the primary. */
export function addressRoutes(database: Database, reads: Reads, now: () => Date, agreement: () => SharingAgreement) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const db = database.db;
  const noLookups = (c: Parameters<typeof apiError>[0]) =>
    apiError(c, 403, 'forbidden', 'Your role does not look up addresses under the sharing agreement.') as never;

  app.openapi(purposesRoute, (c) => {
    const rules = rulesFor(agreement(), c.get('session'));
    return c.json({ purposes: [...(rules?.purposes ?? [])], agreementVersion: agreement().version, findPeople: rules?.findPeople ?? 'none' }, 200);
  });

  app.openapi(searchRoute, async (c) => {
    const rules = rulesFor(agreement(), c.get('session'));
    if (!rules) return noLookups(c);
    const { q, offset, limit } = c.req.valid('query');
    const { hiddenNamed, ...found } = await findAddresses(readSourceFor(c, reads).db, q, { offset, limit }, !rules.sensitiveAddresses);
    // The query text is never kept: only that a hidden place was named, and which.
    for (const uprn of hiddenNamed.slice(0, 3)) {
      await recordAudit(db, { ...auditContext(c), action: 'sensitive-address-searched', uprn, subjectKind: 'address', subjectId: String(uprn), matrixVersion: agreement().version });
    }
    return c.json(found, 200);
  });

  app.openapi(summaryRoute, async (c) => {
    const uprn = Number(c.req.valid('param').uprn);
    const source = readSourceFor(c, reads);
    const answer = await lookUpAddress({ read: source.db, write: db }, agreement(), { session: c.get('session'), audit: auditContext(c) }, uprn, c.req.valid('query'), now());
    if (answer.ok) return c.json({ ...answer.summary, readFrom: source.readFrom }, 200);
    if (answer.reason === 'no-lookups') return noLookups(c);
    if (answer.reason === 'purpose') return apiError(c, 400, 'purpose-required', answer.message) as never;
    return apiError(c, 404, 'not_found', 'There is no address with that UPRN.') as never;
  });

  app.openapi(breakGlassRoute, async (c) => {
    const session = c.get('session');
    const rules = rulesFor(agreement(), session);
    if (!rules?.breakGlass) return apiError(c, 403, 'forbidden', 'Your role may not break the glass.') as never;
    const uprn = Number(c.req.valid('param').uprn);
    const body = c.req.valid('json');
    const purpose = checkPurpose(rules, body.purpose, body.reference);
    if (!purpose.ok) return apiError(c, 400, 'purpose-required', purpose.message) as never;
    const at = now();
    const exists = await getAddressSummary(db, uprn, at, { rules, seesSensitive: rules.sensitiveAddresses, access: NO_ACCESS });
    if (!exists || exists === 'hidden') return apiError(c, 404, 'not_found', 'There is no address with that UPRN.') as never;
    const expiresAt = new Date(at.getTime() + BREAK_GLASS_MINUTES * 60_000);
    const id = await grantBreakGlass(db, {
      userId: session.userId,
      organisationId: session.organisationId,
      uprn,
      reason: body.reason,
      purpose: purpose.purpose.code,
      reference: purpose.reference,
      grantedAt: at,
      expiresAt,
    });
    // The reason stays in the break-glass record for the supervisor; the audit says that it happened.
    await recordAudit(db, {
      ...auditContext(c),
      action: 'break-glass',
      uprn,
      subjectKind: 'address',
      subjectId: String(uprn),
      purpose: purpose.purpose.code,
      reference: purpose.reference,
      detail: { breakGlassId: id, minutes: BREAK_GLASS_MINUTES },
      matrixVersion: agreement().version,
    });
    return c.json({ id: String(id), expiresAt: expiresAt.toISOString() }, 201);
  });
  return app;
}

const NO_ACCESS = { purpose: 'none', reference: null, agreementVersion: 'none', breakGlass: false, canBreakGlass: false };

