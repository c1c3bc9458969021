// The analytics API through the real app: the roles the sharing agreement names read their topics
// and no others, front-line roles read none, bad windows and months are refused in the API's one
// error shape, no count from 1 to 4 ever leaves the server, and every reading is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, MonthlyReportSchema, REPORT_TOPICS, ReportTopicsResponseSchema, TopicReportsSchema, type Report } from '@mast/shared';
import { openTestDatabase, refreshReportCounts, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { loadAgreement } from '../access/agreement.ts';
import { SESSION_COOKIE, startSession } from '../auth/session.ts';
import { loadAgreementBorough, signedInAs } from '../test/agreement-borough.ts';
import { backendName, tempFiles, type TempFiles } from '../test/small-borough.ts';

/** The app's clock: after the borough's rows (1 November 2026), so November is the last complete month. */
const CLOCK = new Date('2026-12-10T09:00:00Z');

describe(`the analytics API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  const as: Record<string, { cookie: string; userId: number }> = {};

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadAgreementBorough(database, files);
    await refreshReportCounts(database.db, CLOCK);
    app = createApp({ database, now: () => CLOCK, webRoot: false, agreement: loadAgreement() });
    for (const viewer of ['council/analyst', 'council/data-steward', 'police/responder']) {
      const { userId } = await signedInAs(database, viewer);
      const { token } = await startSession(database.db, userId, CLOCK);
      as[viewer] = { cookie: `${SESSION_COOKIE}=${token}`, userId };
    }
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const get = (viewer: string, path: string) => app.request(path, { headers: { cookie: as[viewer]!.cookie } });
  const refused = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    return ApiErrorSchema.parse(await res.json()).error;
  };
  const readsOf = async (viewer: string) =>
    (await database.query<{ subject_id: string }>(sql`SELECT subject_id FROM audit_events WHERE action = 'read-report' AND user_id = ${as[viewer]!.userId} ORDER BY id`)).map((r) => r.subject_id);

  /** Every row as wide as its columns, and no count column holding a number from 1 to 4. */
  function expectSafe(reports: Report[]) {
    for (const r of reports) {
      for (const row of [...r.rows, ...(r.total ? [r.total] : [])]) {
        expect(row, r.id).toHaveLength(r.columns.length);
        r.columns.forEach((c, i) => {
          if (c.kind === 'count') expect(typeof row[i] === 'number' && (row[i] as number) >= 1 && (row[i] as number) <= 4, `${r.id} ${c.key} ${String(row[i])}`).toBe(false);
        });
      }
    }
  }

  it('gives the analyst every topic, each report safe to show, and audits each reading', async () => {
    const topics = ReportTopicsResponseSchema.parse(await (await get('council/analyst', '/api/analytics')).json());
    expect(topics.topics.map((t) => t.topic)).toEqual([...REPORT_TOPICS]);
    const read: Report[] = [];
    for (const topic of REPORT_TOPICS) {
      const res = await get('council/analyst', `/api/analytics/${topic}?months=12`);
      expect(res.status, topic).toBe(200);
      const body = TopicReportsSchema.parse(await res.json());
      expect(body).toMatchObject({ topic, from: '2025-12', to: '2026-11', asOf: '2026-12-10' });
      expectSafe(body.reports);
      read.push(...body.reports);
    }
    // One row a category: small counts are there, and withheld.
    expect(read.find((r) => r.id === 'contacts-by-category')!.suppressed).toBe(true);
    const partners = TopicReportsSchema.parse(await (await get('council/analyst', '/api/analytics/partners')).json());
    expect(partners.reports[0]!.id).toBe('partner-share');
    const use = TopicReportsSchema.parse(await (await get('council/analyst', '/api/analytics/use')).json());
    expect(use.reports[0]!.id).toBe('lookups-by-organisation');

    const monthly = await get('council/analyst', '/api/analytics/monthly');
    expect(monthly.status).toBe(200);
    const pack = MonthlyReportSchema.parse(await monthly.json());
    expect(pack.month).toBe('2026-11');
    expectSafe(pack.reports);
    expect(pack.headlines).toEqual(expect.arrayContaining([pack.reports.find((r) => r.id === 'partner-share')!.caption, pack.reports.find((r) => r.id === 'lookups-by-organisation')!.caption]));

    expect(await readsOf('council/analyst')).toEqual([...REPORT_TOPICS, 'partners', 'use', 'monthly:2026-11']);
  });

  it('gives the data steward the partner topic only', async () => {
    const topics = ReportTopicsResponseSchema.parse(await (await get('council/data-steward', '/api/analytics')).json());
    expect(topics.topics.map((t) => t.topic)).toEqual(['partners']);
    expect((await get('council/data-steward', '/api/analytics/partners')).status).toBe(200);
    for (const topic of REPORT_TOPICS.filter((t) => t !== 'partners')) expect((await refused(await get('council/data-steward', `/api/analytics/${topic}`), 403)).code, topic).toBe('forbidden');
    const pack = MonthlyReportSchema.parse(await (await get('council/data-steward', '/api/analytics/monthly')).json());
    expect(new Set(pack.reports.map((r) => r.id)).has('contacts-by-agency')).toBe(false);
    expect(await readsOf('council/data-steward')).toEqual(['partners', 'monthly:2026-11']);
  });

  it('gives a responder no topics, and refuses every report and the monthly pack', async () => {
    expect(await (await get('police/responder', '/api/analytics')).json()).toEqual({ topics: [] });
    for (const topic of REPORT_TOPICS) expect((await refused(await get('police/responder', `/api/analytics/${topic}`), 403)).code, topic).toBe('forbidden');
    expect((await refused(await get('police/responder', '/api/analytics/monthly'), 403)).code).toBe('forbidden');
    expect(await readsOf('police/responder')).toEqual([]);
  });

  it('refuses a window outside 1 to 36 months, a topic that does not exist and a month not yet over', async () => {
    for (const path of ['/api/analytics/demand?months=0', '/api/analytics/demand?months=37', '/api/analytics/nonsense', '/api/analytics/monthly?month=2026-12', '/api/analytics/monthly?month=2027-03']) {
      await refused(await get('council/analyst', path), 400);
    }
    expect((await refused(await get('council/analyst', '/api/analytics/monthly?month=2026-12'), 400)).message).toContain('not over yet');
  });

  it('answers no one signed out', async () => {
    for (const path of ['/api/analytics', '/api/analytics/partners', '/api/analytics/monthly']) expect((await app.request(path)).status).toBe(401);
  });
});
