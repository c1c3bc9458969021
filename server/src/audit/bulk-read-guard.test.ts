// Reading many addresses or people in a minute is slowed, a little more with each view, and
// flagged once per burst for the information governance officer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { AuditFlagsResponseSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { DEFAULT_BULK_READ_LIMITS, bulkReadDelayMs, bulkReadLimits } from './bulk-read-guard.ts';

const UPRNS = [100000000001, 100000000002, 100000000010, 100000000011, 100000000014, 100000000020, 100000000021];
const STEP_MS = 120;

describe('bulkReadLimits and bulkReadDelayMs', () => {
  it('takes the roles named and keeps the rest', () => {
    expect(bulkReadLimits('responder=5, data-steward=90')).toEqual({ ...DEFAULT_BULK_READ_LIMITS, responder: 5, 'data-steward': 90 });
    expect(bulkReadLimits(undefined)).toEqual(DEFAULT_BULK_READ_LIMITS);
  });
  it('refuses what it cannot read', () => {
    for (const bad of ['responder', 'responder=0', 'pilot=5', 'responder=5x', 'responder=-1']) expect(() => bulkReadLimits(bad)).toThrow(/MAST_BULK_READ_LIMITS/);
  });
  it('grows with each view over the limit, up to the most', () => {
    const opts = { stepMs: 250, maxDelayMs: 1000 };
    expect([20, 21, 22, 23, 24, 30].map((n) => bulkReadDelayMs(n, 20, opts))).toEqual([0, 250, 500, 750, 1000, 1000]);
  });
});

describe(`bulk reading through the app (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    app = createApp({ database, webRoot: false, bulkRead: { limits: { ...DEFAULT_BULK_READ_LIMITS, responder: 3 }, stepMs: STEP_MS, maxDelayMs: 2000 } });
    for (const username of ['officer', 'firefighter', 'governance']) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `mast-demo-${username}` }),
      });
      cookies[username] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  async function timedView(who: string, uprn: number) {
    const started = performance.now();
    const res = await app.request(`/api/addresses/${uprn}?purpose=${who === "officer" ? 'attending-incident&reference=INC-1' : 'home-safety-visit'}`, { headers: { cookie: cookies[who]! } });
    expect(res.status).toBe(200);
    return performance.now() - started;
  }

  it('slows each view past the limit a little more, answers all, and flags the burst once', async () => {
    const times: number[] = [];
    for (const uprn of UPRNS) times.push(await timedView('officer', uprn));
    // Views 1-3 at full speed; 4 waits one step, 5 two, 6 three, 7 four.
    for (const [i, t] of times.slice(3).entries()) expect(t).toBeGreaterThanOrEqual(STEP_MS * (i + 1) - 5);
    expect(times[6]! - times[3]!).toBeGreaterThanOrEqual(STEP_MS * 3 - 20);
    // Another user in the same minute reads at full speed.
    expect(await timedView('firefighter', UPRNS[0]!)).toBeLessThan(STEP_MS);
    const flags = await database.query<{ n: number; detail: { viewsThisMinute: number; limitPerMinute: number } }>(
      sql`SELECT count(*) OVER ()::int AS n, detail FROM audit_events a JOIN users u ON u.id = a.user_id
          WHERE a.action = 'bulk-reading' AND u.username = 'officer'`,
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]!.detail).toEqual({ viewsThisMinute: 4, limitPerMinute: 3 });
  });

  it('shows the burst to the information governance officer', async () => {
    const res = await app.request('/api/audit/flags', { headers: { cookie: cookies.governance! } });
    const { flags } = AuditFlagsResponseSchema.parse(await res.json());
    expect(flags.filter((f) => f.kind === 'bulk-reading')).toEqual([expect.objectContaining({ userName: 'PC Alex Morgan', role: 'responder' })]);
  });

  it('does not count type-ahead searches', async () => {
    const started = performance.now();
    for (let i = 0; i < 6; i++) expect((await app.request('/api/addresses?q=mill', { headers: { cookie: cookies.firefighter! } })).status).toBe(200);
    expect(await timedView('firefighter', UPRNS[1]!)).toBeLessThan(STEP_MS);
    expect(performance.now() - started).toBeLessThan(STEP_MS * 6);
  });
});
