import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, queueReviewPairs, sql, type Database } from '@mast/db';
import { ApiErrorSchema, PersonLinksResponseSchema, ReviewListResponseSchema, ReviewPairSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

describe(`review queue API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let steward: string;
  let officer: string;
  let pairId: string;
  let recordIds: number[];

  const login = async (username: string, password: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const call = (path: string, cookie: string, body?: unknown) =>
    app.request(path, body === undefined ? { headers: { cookie } } : { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    const police = [
      'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH',
      'POL-2,2026-11-02,concern-for-welfare,Sandi,Kelly,1971-03-14,F,,27 Mill Ln,,POL-NORTH',
    ].join('\n');
    // Dated by the rows' (fixed) dates, not the real clock: a row over 12 months older than its
    // upload would be refused.
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', police), now: new Date('2026-11-20T06:10:00Z') });
    recordIds = (await database.query<{ id: string }>(sql`SELECT id::text FROM person_records ORDER BY source_id`)).map((r) => Number(r.id));
    await queueReviewPairs(database.db, [
      {
        recordA: recordIds[1]!,
        recordB: recordIds[0]!,
        weight: 6.5,
        probability: 0.989,
        evidence: [
          { field: 'given_name', level: 'nickname', weight: 4.1 },
          { field: 'family_name', level: 'exact', weight: 6.0 },
          { field: 'date_of_birth', level: 'exact', weight: 9.2 },
        ],
      },
    ]);
    app = createApp({ database, webRoot: false });
    steward = await login('steward', 'mast-demo-steward');
    officer = await login('officer', 'mast-demo-officer');
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('is for data stewards only', async () => {
    const res = await call('/api/review/pairs', officer);
    expect(res.status).toBe(403);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('forbidden');
  });

  it('lists open pairs with both records side by side and the evidence', async () => {
    const res = await call('/api/review/pairs', steward);
    expect(res.status).toBe(200);
    const body = ReviewListResponseSchema.parse(await res.json());
    expect(body.open).toBe(1);
    const pair = body.pairs[0]!;
    pairId = pair.id;
    // Stored lower record id first, whichever order it was queued in.
    expect([pair.left.recordId, pair.right.recordId]).toEqual([String(recordIds[0]), String(recordIds[1])]);
    expect(pair.left).toMatchObject({ givenName: 'Sandra', familyName: 'Kelly', agencyName: 'Police', address: '27 Mill Lane, Northfield, Mastbury' });
    expect(pair.right).toMatchObject({ givenName: 'Sandi', hasNhsNumber: false });
    expect(pair.evidence.map((e) => e.level)).toEqual(['nickname', 'exact', 'exact']);
  });

  it('says in words why the pair waits, naming no value of either record', async () => {
    const res = await call(`/api/review/pairs/${pairId}`, steward);
    const pair = ReviewPairSchema.parse(await res.json());
    expect(pair.reason).toBe('Not sure: about 99 in 100 that these are one person. The given name, family name and date of birth agree.');
    expect(pair.reason).not.toMatch(/Sandra|Sandi|Kelly|1971/);
  });

  it('refuses a decision that is not same or different, and an unknown pair', async () => {
    expect((await call(`/api/review/pairs/${pairId}/decision`, steward, { decision: 'maybe' })).status).toBe(400);
    expect((await call('/api/review/pairs/999999/decision', steward, { decision: 'same' })).status).toBe(404);
    expect((await call('/api/review/pairs/999999', steward)).status).toBe(404);
  });

  it('records the decision, who made it, and audits it', async () => {
    const res = await call(`/api/review/pairs/${pairId}/decision`, steward, { decision: 'same' });
    expect(res.status).toBe(200);
    const pair = ReviewPairSchema.parse(await res.json());
    expect(pair).toMatchObject({ status: 'same', decidedBy: 'steward' });
    const open = ReviewListResponseSchema.parse(await (await call('/api/review/pairs', steward)).json());
    expect(open.open).toBe(0);
    const audit = await database.query<{ subject_kind: string; subject_id: string }>(sql`SELECT subject_kind, subject_id FROM audit_events WHERE action = 'review-decided-same'`);
    expect(audit).toEqual([{ subject_kind: 'review-pair', subject_id: String(pairId) }]);
  });

  it("explains, to a steward, why a person's records are linked", async () => {
    const [person] = await database.query<{ id: string }>(sql`SELECT person_id::text AS id FROM person_records WHERE source_id = 'POL-2'`);
    expect((await call(`/api/people/${person!.id}/links`, officer)).status).toBe(403);
    expect((await call('/api/people/999999/links', steward)).status).toBe(404);
    const res = await call(`/api/people/${person!.id}/links`, steward);
    expect(res.status).toBe(200);
    const body = PersonLinksResponseSchema.parse(await res.json());
    expect(body.records.map((r) => r.givenName)).toEqual(['Sandra', 'Sandi']);
    expect(body.links).toHaveLength(1);
    const link = body.links[0]!;
    expect(link.evidence.find((e) => e.field === 'givenName')!.level).toBe('variant');
    expect(link.evidence.find((e) => e.field === 'dateOfBirth')!.level).toBe('exact');
    expect(link.evidence.reduce((sum, e) => sum + e.weight, 0)).toBeGreaterThan(0);
    // The audit says whose records were read.
    const [seen] = await database.query<{ subject_kind: string; subject_id: string }>(
      sql`SELECT subject_kind, subject_id FROM audit_events WHERE action = 'person-links-view' ORDER BY id DESC LIMIT 1`,
    );
    expect(seen).toEqual({ subject_kind: 'person', subject_id: person!.id });
    expect(link.probability).toBeGreaterThan(0.95);
  });

  it('remembers the decision: the model cannot queue the same pair again', async () => {
    const queued = await queueReviewPairs(database.db, [{ recordA: recordIds[0]!, recordB: recordIds[1]!, weight: 2, probability: 0.8, evidence: [] }]);
    expect(queued).toBe(0);
    const open = ReviewListResponseSchema.parse(await (await call('/api/review/pairs', steward)).json());
    expect(open.open).toBe(0);
    const decided = ReviewListResponseSchema.parse(await (await call('/api/review/pairs?status=decided', steward)).json());
    expect(decided.pairs.map((p) => p.status)).toEqual(['same']);
  });
});
