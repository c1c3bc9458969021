// The information governance officer's tools: search the audit trail, export it, see unusual
// patterns, answer a subject access request, and read the chain's latest anchor. Every read here
// is itself audited (actions 'audit-*', which name no address in their uprn column, so they never
// count as a lookup of anyone and notify nobody). A person is named by id, and in a POST body.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  ApiErrorSchema,
  AuditAnchorSchema,
  AuditFlagsQuerySchema,
  AuditFlagsResponseSchema,
  AuditSearchQuerySchema,
  AuditSearchResponseSchema,
  INCIDENT_BOUND_PURPOSES,
  SubjectAccessReportSchema,
  SubjectAccessRequestSchema,
  type AuditEntryView,
  type AuditSearchQuery,
  type SubjectAccessReport,
} from '@mast/shared';
import {
  findAuditFlags,
  chainPendingAudit,
  getAuditChainHead,
  latestAuditAnchor,
  recordAudit,
  searchAuditEntries,
  subjectAccessLookups,
  type AuditEntryRow,
  type AuditSearchFilter,
  type Database,
} from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { toCsv } from '../audit/csv.ts';

/** An export holds at most this many entries: narrow the search for more. */
export const EXPORT_LIMIT = 20_000;

const SUBJECT_ACCESS_NOTE =
  'Lookups are listed by organisation and role, not by the name of the person who looked, as a subject access response gives them. ' +
  "The information governance officer's own reads of the audit trail are not lookups of the person and are not listed.";

const errors = {
  400: { description: 'Not valid', content: json(ApiErrorSchema) },
  401: { description: 'Not signed in', content: json(ApiErrorSchema) },
  403: { description: 'Not an information governance officer', content: json(ApiErrorSchema) },
};
const csv = { 'text/csv': { schema: z.string() } };

const searchRoute = createRoute({
  method: 'get',
  path: '/audit/entries',
  summary: 'Audit entries by user, address, person, purpose and date range, newest first, a page at a time',
  request: { query: AuditSearchQuerySchema },
  responses: { 200: { description: 'The entries', content: json(AuditSearchResponseSchema) }, ...errors },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/audit/entries.csv',
  summary: `The same search as CSV (at most ${EXPORT_LIMIT} entries); the export is audited`,
  request: { query: AuditSearchQuerySchema.omit({ before: true, limit: true }) },
  responses: { 200: { description: 'CSV', content: csv }, ...errors },
});

const flagsRoute = createRoute({
  method: 'get',
  path: '/audit/flags',
  summary: 'Unusual patterns: far more lookups than peers, no incident reference, own street, bulk reading',
  request: { query: AuditFlagsQuerySchema },
  responses: { 200: { description: 'The flags', content: json(AuditFlagsResponseSchema) }, ...errors },
});

const subjectAccessRoute = createRoute({
  method: 'post',
  path: '/audit/subject-access',
  summary: "Every lookup of a person's records or addresses, by organisation, role, purpose and date",
  request: { body: { content: json(SubjectAccessRequestSchema), required: true } },
  responses: { 200: { description: 'The report', content: json(SubjectAccessReportSchema) }, ...errors },
});

const subjectAccessCsvRoute = createRoute({
  method: 'post',
  path: '/audit/subject-access.csv',
  summary: 'The subject access report as CSV',
  request: { body: { content: json(SubjectAccessRequestSchema), required: true } },
  responses: { 200: { description: 'CSV', content: csv }, ...errors },
});

const anchorRoute = createRoute({
  method: 'get',
  path: '/audit/anchor',
  summary: "The audit chain's latest anchor (seq and hash), to copy out of mast and check with `mast audit verify --anchor`",
  responses: { 200: { description: 'The anchor', content: json(AuditAnchorSchema) }, 401: errors[401], 403: errors[403] },
});

function filterOf(q: Omit<AuditSearchQuery, 'limit' | 'before'> & { before?: string }, limit: number): AuditSearchFilter {
  const day = (d: string, plus = 0) => new Date(Date.parse(`${d}T00:00:00Z`) + plus * 86_400_000);
  return {
    userId: q.userId ? Number(q.userId) : undefined,
    uprn: q.uprn ? Number(q.uprn) : undefined,
    personId: q.personId ? Number(q.personId) : undefined,
    purpose: q.purpose,
    from: q.from ? day(q.from) : undefined,
    to: q.to ? day(q.to, 1) : undefined,
    before: q.before ? Number(q.before) : undefined,
    limit,
  };
}

/** What was searched for, as ids and codes: the audit entry of a search says what it looked at. */
function searched(q: Omit<AuditSearchQuery, 'limit' | 'before'>) {
  const { userId, uprn, personId, purpose, from, to } = q;
  return Object.fromEntries(Object.entries({ userId, uprn, personId, purpose, from, to }).filter(([, v]) => v !== undefined));
}

function entryView(r: AuditEntryRow): AuditEntryView {
  return {
    seq: r.seq === null ? null : Number(r.seq),
    at: new Date(r.at).toISOString(),
    userId: r.user_id,
    userName: r.user_name,
    organisation: r.organisation,
    role: r.role,
    action: r.action,
    uprn: r.uprn === null ? null : Number(r.uprn),
    address: r.address,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    purpose: r.purpose,
    reference: r.reference,
    client: r.client,
  };
}

async function subjectAccessReport(database: Database, personId: number): Promise<SubjectAccessReport> {
  const found = await subjectAccessLookups(database.db, personId);
  return {
    personId,
    addresses: found.addresses.map((a) => ({ uprn: Number(a.uprn), address: a.address })),
    lookups: found.lookups.map((l) => ({ ...l, at: new Date(l.at).toISOString(), uprn: l.uprn === null ? null : Number(l.uprn) })),
    note: SUBJECT_ACCESS_NOTE,
  };
}

function csvResponse(body: string, name: string) {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
  });
}

export function auditRoutes(database: Database, now: () => Date) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const igOnly = requireRole('ig-officer');
  for (const path of ['/audit/entries', '/audit/entries.csv', '/audit/flags', '/audit/subject-access', '/audit/subject-access.csv']) app.use(path, igOnly);
  app.use('/audit/anchor', requireRole('ig-officer', 'admin'));

  app.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    // Entries written a moment ago are linked in first, so that each shows its place in the chain.
    await chainPendingAudit(database.db);
    const found = await searchAuditEntries(database.db, filterOf(q, q.limit + 1));
    const entries = found.slice(0, q.limit).map(entryView);
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-search', detail: { searched: searched(q), results: entries.length } });
    const nextBefore = found.length > q.limit ? (entries.findLast((e) => e.seq !== null)?.seq ?? null) : null;
    return c.json({ entries, nextBefore }, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    await chainPendingAudit(database.db);
    const entries = (await searchAuditEntries(database.db, filterOf(q, EXPORT_LIMIT))).map(entryView);
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-export', detail: { searched: searched(q), results: entries.length } });
    const body = toCsv(
      ['seq', 'at_utc', 'user_id', 'user', 'organisation', 'role', 'action', 'uprn', 'address', 'subject_kind', 'subject_id', 'purpose', 'reference', 'client'],
      entries.map((e) => [e.seq, e.at, e.userId, e.userName, e.organisation, e.role, e.action, e.uprn, e.address, e.subjectKind, e.subjectId, e.purpose, e.reference, e.client]),
    );
    return csvResponse(body, `mast-audit-${now().toISOString().slice(0, 10)}.csv`) as never;
  });

  app.openapi(flagsRoute, async (c) => {
    const { days } = c.req.valid('query');
    const since = new Date(now().getTime() - days * 86_400_000);
    const found = await findAuditFlags(database.db, { since, incidentPurposes: INCIDENT_BOUND_PURPOSES });
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-flags-view', detail: { days, flags: found.length } });
    const flags = found.map((f) => ({
      kind: f.kind,
      seq: f.seq === null ? null : Number(f.seq),
      at: new Date(f.at).toISOString(),
      userId: f.user_id,
      userName: f.user_name,
      organisation: f.organisation,
      role: f.role,
      uprn: f.uprn === null ? null : Number(f.uprn),
      address: f.address,
      purpose: f.purpose,
      lookups: f.lookups,
      peerMedian: f.peer_median,
    }));
    return c.json({ since: since.toISOString(), flags }, 200);
  });

  app.openapi(subjectAccessRoute, async (c) => {
    const { personId } = c.req.valid('json');
    const report = await subjectAccessReport(database, personId);
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-subject-access', subjectKind: 'person', subjectId: String(personId), detail: { lookups: report.lookups.length } });
    return c.json(report, 200);
  });

  app.openapi(subjectAccessCsvRoute, async (c) => {
    const { personId } = c.req.valid('json');
    const report = await subjectAccessReport(database, personId);
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-subject-access-export', subjectKind: 'person', subjectId: String(personId), detail: { lookups: report.lookups.length } });
    const body = toCsv(
      ['at_utc', 'organisation', 'role', 'purpose', 'looked_up', 'uprn', 'address'],
      report.lookups.map((l) => [l.at, l.organisation, l.role, l.purpose, l.looked, l.uprn, l.address]),
    );
    return csvResponse(body, `mast-subject-access-${personId}.csv`) as never;
  });

  app.openapi(anchorRoute, async (c) => {
    await chainPendingAudit(database.db);
    const [anchor, head] = await Promise.all([latestAuditAnchor(database.db), getAuditChainHead(database.db)]);
    await recordAudit(database.db, { ...auditContext(c), action: 'audit-anchor-view' });
    return c.json({ anchor: anchor ? { seq: anchor.seq, hash: anchor.hash, at: anchor.at!.toISOString() } : null, headSeq: head?.seq ?? 0 }, 200);
  });
  return app;
}
