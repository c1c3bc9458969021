import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { listJobs, openTestDatabase, revokeFeedToken, sql, type Database } from '@mast/db';
import { ApiErrorSchema, UploadReportSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { issueFeedToken } from '../auth/feed-token.ts';
import { stagingDir } from '../feeds/uploads.ts';
import { APPLY_UPLOAD, applyUploadHandler } from '../feeds/uploads.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { EVALUATE_ALERTS, alertEvaluationHandler } from '../alerts/alert-job.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { daysAgo } from '../test/days-ago.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { mountTinyDisk } from '../test/tiny-disk.ts';

// An upload is dated by the real clock (its job's created_at): rows from the last month.
const [DAY_1, DAY_2] = [daysAgo(31), daysAgo(30)];
const HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team,notes';
const policeFile = (tag: string) =>
  [
    HEADER,
    `P-${tag}-1,${DAY_1},domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH,secret-note-${tag}`,
    `P-${tag}-2,${DAY_2},concern-for-welfare,,,,,100000000002,,,POL-NORTH,`,
    `P-${tag}-3,2026-13-45,burglary,,,,,100000000002,,,POL-NORTH,`,
  ].join('\n');

describe(`partner uploads over HTTPS (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let worker: JobWorker;
  let police: { id: number; token: string };
  let nhs: { id: number; token: string };

  const upload = (feed: string, token: string | null, body: string | Buffer, headers: Record<string, string> = {}) =>
    app.request(`/api/feeds/${feed}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body,
    });

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    police = await issueFeedToken(database.db, 'police', 'police nightly export');
    nhs = await issueFeedToken(database.db, 'nhs', 'ED extract');
    worker = startJobWorker(database, { [APPLY_UPLOAD]: applyUploadHandler(database), [EVALUATE_ALERTS]: alertEvaluationHandler(database, loadAlertRules(), { log: () => {} }) }, { pollMs: 50 });
    app = createApp({ database, webRoot: false, dataDir: files.dir, jobs: worker, uploads: { maxBytes: 10_000, perHour: 8, waitMs: 20_000 } });
  });
  afterAll(async () => {
    await worker?.stop();
    await database?.close();
    files?.remove();
  });

  it('applies a file and answers with its report: every row accepted or rejected with a reason', async () => {
    const res = await upload('police', police.token, policeFile('a'), { 'x-file-name': 'police-2026-11-02.csv' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { state: string; report: { rows: number; accepted: number; rejected: number; rejections: { row: number; reasons: string[] }[]; ignoredColumns: string[]; fileName: string } };
    expect(body.state).toBe('done');
    expect(body.report.rows).toBe(3);
    expect(body.report.accepted + body.report.rejected).toBe(body.report.rows);
    expect(body.report.rejections).toEqual([{ row: 4, reasons: [expect.stringContaining('incident_date')] }]);
    expect(body.report.ignoredColumns).toEqual(['notes']);
    expect(body.report.fileName).toBe('police-2026-11-02.csv');
    // The report is what the shared schema (and so the OpenAPI document) says, no field more.
    expect(UploadReportSchema.strict().safeParse(body.report).error?.issues ?? []).toEqual([]);
    const [n] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements WHERE feed = 'police'`);
    expect(n!.n).toBe(2);
    const [u] = await database.query<{ id: string; via: string }>(sql`SELECT id::text, via FROM feed_uploads ORDER BY id DESC LIMIT 1`);
    expect(u!.via).toBe('https');
    // The trigger rules look at what the file changed: their evaluation was queued with it, and runs.
    const evaluation = async () =>
      (await database.query<{ state: string }>(sql`SELECT state FROM jobs WHERE kind = ${EVALUATE_ALERTS} AND dedupe_key = ${`upload:${u!.id}`}`))[0]?.state;
    expect(await evaluation()).toBeDefined();
    for (let i = 0; i < 200 && (await evaluation()) !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await evaluation()).toBe('done');
  });

  it('deletes the raw file once applied, and never stores a column outside the contract', async () => {
    const dir = stagingDir(files.dir);
    const left = () => (existsSync(dir) ? readdirSync(dir) : []);
    // The raw file goes right after the commit that marked the upload applied.
    for (let i = 0; i < 50 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(left()).toEqual([]);
    const text = await database.query<{ hit: boolean }>(
      sql`SELECT EXISTS (SELECT 1 FROM involvements i WHERE i::text LIKE '%secret-note%')
              OR EXISTS (SELECT 1 FROM feed_uploads u WHERE u::text LIKE '%secret-note%')
              OR EXISTS (SELECT 1 FROM jobs j WHERE j::text LIKE '%secret-note%') AS hit`,
    );
    expect(text[0]!.hit).toBe(false);
  });

  it('reports the same file sent twice as a duplicate that changes nothing', async () => {
    const res = await upload('police', police.token, policeFile('a'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { duplicate: boolean } };
    expect(body.report.duplicate).toBe(true);
    const [n] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements WHERE feed = 'police'`);
    expect(n!.n).toBe(2);
  });

  it('lets the partner ask for a report later by upload id, with the same token only', async () => {
    const res = await upload('police', police.token, policeFile('b'));
    const { id } = (await res.json()) as { id: number };
    const again = await app.request(`/api/feeds/police/uploads/${id}`, { headers: { authorization: `Bearer ${police.token}` } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { report: { accepted: number } }).report.accepted).toBe(2);
    const other = await app.request(`/api/feeds/nhs/uploads/${id}`, { headers: { authorization: `Bearer ${nhs.token}` } });
    expect(other.status).toBe(404);
  });

  it('tells a partner whose file failed for good, on our side, to send it again', async () => {
    const payload = { feed: 'police', stagedPath: '/nowhere', fileName: 'police-lost.csv', via: 'https' };
    const [job] = await database.query<{ id: number }>(
      sql`INSERT INTO jobs (kind, payload, state, attempts, result, finished_at)
          VALUES (${APPLY_UPLOAD}, ${JSON.stringify(payload)}::jsonb, 'failed', 3, '{"error":"ECONNRESET"}'::jsonb, now()) RETURNING id::int AS id`,
    );
    const res = await app.request(`/api/feeds/police/uploads/${job!.id}`, { headers: { authorization: `Bearer ${police.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { state: string; failed?: { code: string; message: string } };
    expect(body.state).toBe('failed');
    expect(body.failed?.code).toBe('ECONNRESET');
    expect(body.failed?.message).toMatch(/nothing in it was applied\. Send it again/);
  });

  it('answers an id that is not an upload id in the one error shape', async () => {
    for (const id of ['abc', '0', '-3']) {
      const res = await app.request(`/api/feeds/police/uploads/${id}`, { headers: { authorization: `Bearer ${police.token}` } });
      expect(res.status).toBe(400);
      const body = ApiErrorSchema.parse(await res.json());
      expect(body.error.code).toBe('bad_request');
    }
  });

  it('refuses without a token, with another feed’s token, and with a revoked token', async () => {
    const none = await upload('police', null, policeFile('c'));
    expect(none.status).toBe(401);
    expect(ApiErrorSchema.parse(await none.json()).error.code).toBe('unauthorized');
    const wrong = await upload('police', nhs.token, policeFile('c'));
    expect(wrong.status).toBe(403);
    const bogus = await upload('police', `${police.token.slice(0, -2)}zz`, policeFile('c'));
    expect(bogus.status).toBe(401);
    const revoked = await issueFeedToken(database.db, 'police', 'old export');
    await revokeFeedToken(database.db, revoked.id);
    expect((await upload('police', revoked.token, policeFile('c'))).status).toBe(401);
  });

  it('refuses a file that is not UTF-8, has a wrong header or is empty, with a clear reason, applying nothing', async () => {
    const before = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements`);
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nP-x-1,2026-11-01,drugs,Zo`), Buffer.from([0xeb]), Buffer.from(',Kelly,1990-01-01,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH,\n')]);
    const cases: [string | Buffer, RegExp][] = [
      [latin1, /UTF-8/],
      ['incident_id,category\nP-y-1,drugs\n', /header lacks required columns/],
      ['', /empty/i],
    ];
    for (const [body, reason] of cases) {
      const res = await upload('police', police.token, body);
      expect(res.status).toBe(422);
      const err = ApiErrorSchema.parse(await res.json());
      expect(err.error.code).toBe('unprocessable');
      expect(err.error.message).toMatch(reason);
    }
    const after = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses a file over the size limit and a body that is not CSV', async () => {
    const big = `${HEADER}\n${'P-big,2026-11-01,drugs,,,,,100000000002,,,POL-NORTH,\n'.repeat(400)}`;
    const res = await upload('police', police.token, big);
    expect(res.status).toBe(413);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('payload_too_large');
    const json = await upload('police', police.token, '{}', { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
  });

  it('limits how many files one feed may send in an hour', async () => {
    let status = 200;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await upload('nhs', nhs.token, 'x')).status;
    expect(status).toBe(429);
    // Another feed is not held back by it.
    expect((await upload('police', police.token, policeFile('d'))).status).toBe(200);
  });

  it('documents the report field by field in the OpenAPI document', async () => {
    type Schema = { $ref?: string; properties?: Record<string, Schema>; required?: string[] };
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!]! : s);
    const fields = Object.keys(UploadReportSchema.shape).sort();
    for (const [path, method] of [['/feeds/{feed}/uploads', 'post'], ['/feeds/{feed}/uploads/{id}', 'get']] as const) {
      const status = resolve(doc.paths[path]![method]!.responses['200']!.content['application/json']!.schema);
      const report = resolve(status.properties!.report!);
      expect(Object.keys(report.properties ?? {}).sort()).toEqual(fields);
      expect(report.required?.sort()).toEqual(fields);
      expect(Object.keys(report.properties!.people!.properties!).sort()).toEqual(['created', 'forReview', 'linked']);
    }
  });

  it('refuses a file when the staging disk is full: a 503 in the one error shape, nothing kept, queued or applied, and serves on', async (t) => {
    const dataDir = join(files.dir, 'full-disk');
    const disk = mountTinyDisk(stagingDir(dataDir), 64 * 1024);
    if ('unavailable' in disk) return t.skip(disk.unavailable);
    try {
      const roomy = createApp({ database, webRoot: false, dataDir, jobs: worker, uploads: { maxBytes: 10_000_000, perHour: 100, waitMs: 20_000 } });
      const send = (body: string) =>
        roomy.request('/api/feeds/police/uploads', { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${police.token}` }, body });
      const jobs = async () => (await listJobs(database.db, APPLY_UPLOAD, ['queued', 'running', 'done', 'failed'], 10_000)).length;
      const involvements = async () => (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements`))[0]!.n;
      const [jobsBefore, rowsBefore] = [await jobs(), await involvements()];
      // About 300 KB: more than the 64 KB disk holds.
      const big = `${HEADER}\n${Array.from({ length: 4000 }, (_, i) => `P-full-${i},${DAY_1},drugs,,,,,100000000002,,,POL-NORTH,`).join('\n')}`;
      const res = await send(big);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('600');
      const err = ApiErrorSchema.parse(await res.json());
      expect(err.error.code).toBe('unavailable');
      expect(err.error.message).toMatch(/no room on our side to store the file just now; nothing was kept\. Send it again later/);
      expect(readdirSync(stagingDir(dataDir))).toEqual([]);
      expect(await jobs()).toBe(jobsBefore);
      expect(await involvements()).toBe(rowsBefore);
      // The disk has room again for a file that fits: the same server takes and applies it.
      const ok = await send(policeFile('after-full'));
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { report: { accepted: number } }).report.accepted).toBe(2);
      expect(await involvements()).toBe(rowsBefore + 2);
    } finally {
      disk.unmount();
    }
  });
});
