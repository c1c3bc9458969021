// "Why are these records one person?": for data stewards, a matched person's records and, for
// each, the comparison with the record it agrees with most. Every view is audited.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { ApiErrorSchema, PersonIdParamSchema, PersonLinksResponseSchema } from '@mast/shared';
import { getPersonRecords, recordAudit, type Database } from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { currentLinkModel, explainLinks, personInputOf } from '../matching/person-linker.ts';
import { reviewRecordOf } from './review-record.ts';

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

export function peopleRoutes(database: Database) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/people/*', requireRole('data-steward'));
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
