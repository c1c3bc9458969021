// People: finding a person (a POST body, so a name and a date of birth never reach a URL) and a
// person's page, for whoever the sharing agreement lets; and, for data stewards, "why are these
// records one person?": a matched person's records and, for each, the comparison with the record
// it agrees with most. Every answer is audited.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  ApiErrorSchema,
  PersonIdParamSchema,
  PersonLinksResponseSchema,
  PersonPageSchema,
  PersonSearchRequestSchema,
  PersonSearchResponseSchema,
  PurposeQuerySchema,
  type AlertRules,
  type SharingAgreement,
} from '@mast/shared';
import { getPersonRecords, recordAudit, type Database, type Reads } from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import { readSourceFor } from '../http/read-from.ts';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { currentLinkModel, explainLinks, personInputOf } from '../matching/person-linker.ts';
import { reviewRecordOf } from './review-record.ts';
import { lookUpPerson, searchPeople } from '../access/person-lookup.ts';

/** Explaining is quadratic in a person's records; a person with more is a case for a steward anyway. */
const MAX_RECORDS = 200;

const linksRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/links',
  summary: "A matched person's records and why each is linked: fields, levels and weights",
  request: { params: PersonIdParamSchema },
  responses: {
    200: { description: 'The records and the evidence', content: json(PersonLinksResponseSchema) },
    403: { description: 'Not a data steward', content: json(ApiErrorSchema) },
    404: { description: 'No such person', content: json(ApiErrorSchema) },
  },
});

const searchRoute = createRoute({
  method: 'post',
  path: '/people/search',
  summary: 'Find a person by name and date of birth (or NHS number, where the role may): ranked, each result saying why it was found',
  request: { body: { content: json(PersonSearchRequestSchema), required: true } },
  responses: {
    200: { description: 'The people found, best first (at most ten)', content: json(PersonSearchResponseSchema) },
    400: { description: 'Too little to search by, a malformed field, an NHS number that fails its check digit, or no purpose the viewer may give (code purpose-required)', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The sharing agreement does not let this role find people (or not by NHS number)', content: json(ApiErrorSchema) },
  },
});

const pageRoute = createRoute({
  method: 'get',
  path: '/people/{personId}',
  summary: 'Which partner agencies are involved with this person, where they are known, and whom to call, as the sharing agreement lets the viewer see it',
  request: { params: PersonIdParamSchema, query: PurposeQuerySchema },
  responses: {
    200: { description: 'The person’s page', content: json(PersonPageSchema) },
    400: { description: 'No purpose the viewer may give (code purpose-required)', content: json(ApiErrorSchema) },
    401: { description: 'Not signed in', content: json(ApiErrorSchema) },
    403: { description: 'The viewer’s role does not look people up', content: json(ApiErrorSchema) },
    404: { description: 'No such person, or none the viewer may know of', content: json(ApiErrorSchema) },
  },
});

/** Person search and page read through `reads` (a caught-up replica, else the primary); their audits go to the primary. */
export function peopleRoutes(database: Database, reads: Reads, now: () => Date, agreement: () => SharingAgreement, alertRules: () => AlertRules) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/people/:personId/links', requireRole('data-steward'));
  app.openapi(searchRoute, async (c) => {
    const { purpose, reference, ...probe } = c.req.valid('json');
    const model = await currentLinkModel(database.db);
    const dbs = { read: readSourceFor(c, reads).db, write: database.db };
    const answer = await searchPeople(dbs, agreement(), { session: c.get('session'), audit: auditContext(c) }, { ...probe, purpose, reference }, model, now());
    if (answer.ok) return c.json(answer.response, 200);
    switch (answer.reason) {
      case 'no-search':
        return apiError(c, 403, 'forbidden', 'The sharing agreement does not let your role search for people. Find them through their address.') as never;
      case 'no-nhs-number':
        return apiError(c, 403, 'forbidden', 'The sharing agreement does not let your role search by NHS number. Search by name and date of birth.') as never;
      case 'purpose':
        return apiError(c, 400, 'purpose-required', answer.message) as never;
      default:
        return apiError(c, 400, 'bad_request', answer.message) as never;
    }
  });
  app.openapi(pageRoute, async (c) => {
    const personId = Number(c.req.valid('param').personId);
    const dbs = { read: readSourceFor(c, reads).db, write: database.db };
    const answer = await lookUpPerson(dbs, agreement(), { session: c.get('session'), audit: auditContext(c) }, personId, c.req.valid('query'), now(), alertRules());
    if (answer.ok) return c.json(answer.page, 200);
    if (answer.reason === 'no-lookups') return apiError(c, 403, 'forbidden', 'Your role does not look people up under the sharing agreement.') as never;
    if (answer.reason === 'purpose') return apiError(c, 400, 'purpose-required', answer.message) as never;
    return apiError(c, 404, 'not_found', 'There is no such person, or none the sharing agreement lets you know of.') as never;
  });
  app.openapi(linksRoute, async (c) => {
    const personId = Number(c.req.valid('param').personId);
    const records = (await getPersonRecords(database.db, personId)).slice(0, MAX_RECORDS);
    if (records.length === 0) return apiError(c, 404, 'not_found', 'There is no such person.') as never;
    const model = await currentLinkModel(database.db);
    const links = explainLinks(
      model,
      records.map((r) => ({ id: r.id, person: personInputOf(r) })),
    );
    await recordAudit(database.db, { ...auditContext(c), action: 'person-links-view', subjectKind: 'person', subjectId: String(personId), detail: { records: records.length } });
    return c.json(
      {
        personId: String(personId),
        records: records.map((r) => reviewRecordOf({ ...r, has_nhs_number: r.nhs_number !== null })),
        links: links.map((l) => ({ ...l, recordId: String(l.recordId), toRecordId: String(l.toRecordId) })),
      },
      200,
    );
  });
  return app;
}
