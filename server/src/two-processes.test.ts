// Two server processes on one PostgreSQL database, as two machines behind one address would be:
// they share nothing but the database, and must agree on who is signed in, on how many wrong
// sign-ins and views each person has made, on which process runs each queued upload (one, once),
// and on an alert's state. Real processes (main.ts), each with its own connection pool.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertListResponseSchema, ApiErrorSchema, SIGN_IN_ATTEMPTS } from '@mast/shared';
import { createServerDatabase, dropServerDatabase, evaluateAlertRules, openDatabase, sql, upsertUser, type Database } from '@mast/db';
import { enqueueUpload, stagingDir, waitForUpload, type UploadOutcome } from './feeds/uploads.ts';
import { ingestFeedFile } from './feeds/ingest.ts';
import { loadAlertRules } from './alerts/rules-file.ts';
import { hashPassword } from './auth/password.ts';
import { daysAgo } from './test/days-ago.ts';
import { loadSmallBorough, tempFiles, type TempFiles } from './test/small-borough.ts';
import { freePort, signIn, spawnServer, type ServerProcess } from './bench/bench-server.ts';

const admin = process.env.DATABASE_URL;
const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const MILL_LANE = '100000000001';
/** Views a minute a responder makes at full speed in this test (the bulk-reading allowance). */
const VIEW_LIMIT = 4;

describe.skipIf(!admin)(`two server processes on one database${admin ? '' : ' (skipped: needs DATABASE_URL, a PostgreSQL server both processes can share)'}`, () => {
  const name = `mast_test_two_${process.pid}`;
  let database: Database;
  let files: TempFiles;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let dataDir: string;
  /** A police responder in the police team's organisation (which leads the test's alert). */
  const makeOfficer = async (username: string) => {
    const u = { username, password: `${username}-two-processes-pass` };
    const [team] = await database.query<{ organisation: string }>(sql`SELECT o.name AS organisation FROM teams t JOIN organisations o ON o.id = t.organisation_id WHERE t.code = 'POL-NORTH'`);
    await upsertUser(database.db, { username, displayName: username, role: 'responder', organisation: team!.organisation, organisationKind: 'police', passwordHash: await hashPassword(u.password) });
    return u;
  };

  beforeAll(async () => {
    const url = await createServerDatabase(admin!, name, { dropFirst: true });
    database = await openDatabase({ url, poolSize: 2 });
    await database.migrate();
    files = tempFiles();
    await loadSmallBorough(database, files);
    // Six police incidents at one address in two months: a repeat-incidents alert, led by the police team.
    const incidents = [5, 12, 20, 31, 40, 52].map((d, i) => `P-${i},${daysAgo(d)},concern-for-welfare,Sandra,Kelly,1971-03-14,F,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`);
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', [POLICE, ...incidents].join('\n')) });
    await evaluateAlertRules(database.db, loadAlertRules(), daysAgo(0), new Date());
    dataDir = join(files.dir, 'data');
    mkdirSync(stagingDir(dataDir), { recursive: true });
    const env = { MAST_BULK_READ_LIMITS: `responder=${VIEW_LIMIT}` };
    [a, b] = await Promise.all([
      spawnServer({ url, dataDir, port: await freePort(), echo: false, env }),
      spawnServer({ url, dataDir, port: await freePort(), echo: false, env }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
    await dropServerDatabase(admin!, name);
    files?.remove();
  }, 60_000);

  const ask = (s: ServerProcess, path: string, opts: { cookie?: string; body?: unknown } = {}) =>
    fetch(`http://127.0.0.1:${s.port}${path}`, {
      method: opts.body === undefined ? 'GET' : 'POST',
      headers: { ...(opts.cookie && { cookie: opts.cookie }), ...(opts.body !== undefined && { 'content-type': 'application/json' }) },
      ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
    });

  it('a session made on one is valid on the other, and signing out on one ends it on both', async () => {
    const cookie = await signIn(a!.port, await makeOfficer('pc-session'));
    expect((await ask(b!, '/api/auth/me', { cookie })).status).toBe(200);
    expect((await ask(a!, '/api/auth/me', { cookie })).status).toBe(200);
    expect((await ask(b!, '/api/auth/logout', { cookie, body: {} })).status).toBeLessThan(300);
    for (const s of [a!, b!]) {
      const res = await ask(s, '/api/auth/me', { cookie });
      expect(res.status).toBe(401);
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    }
  });

  it('counts wrong sign-ins across both: split between them, the limit comes at the same total as on one', async () => {
    const wrong = async (s: ServerProcess, username: string) => {
      const res = await ask(s, '/api/auth/login', { body: { username, password: 'not the password' } });
      return { status: res.status, left: ApiErrorSchema.parse(await res.json()).error.attemptsLeft };
    };
    const [one, two] = [await makeOfficer('pc-guessed-1'), await makeOfficer('pc-guessed-2')];
    const onOne = [];
    for (let i = 0; i <= SIGN_IN_ATTEMPTS; i++) onOne.push(await wrong(a!, one.username));
    const split = [];
    for (let i = 0; i <= SIGN_IN_ATTEMPTS; i++) split.push(await wrong(i % 2 === 0 ? a! : b!, two.username));
    expect(onOne.map((r) => r.status)).toEqual([...Array(SIGN_IN_ATTEMPTS).fill(401), 429]);
    expect(split).toEqual(onOne);
    expect(split.slice(0, SIGN_IN_ATTEMPTS).map((r) => r.left)).toEqual(Array.from({ length: SIGN_IN_ATTEMPTS }, (_, i) => SIGN_IN_ATTEMPTS - 1 - i));
  });

  it("counts a person's views across both: the first view over the allowance is flagged once, wherever it lands", async () => {
    const viewer = await makeOfficer('pc-views');
    const cookie = await signIn(b!.port, viewer);
    const flagged = async () =>
      (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events e JOIN users u ON u.id = e.user_id WHERE u.username = ${viewer.username} AND e.action = 'bulk-reading'`))[0]!.n;
    for (let i = 0; i < VIEW_LIMIT; i++) {
      const res = await ask(i % 2 === 0 ? a! : b!, `/api/addresses/${MILL_LANE}?purpose=attending-incident&reference=TWO-${i}`, { cookie });
      expect(res.status).toBe(200);
    }
    expect(await flagged()).toBe(0);
    // One more, on either process, is over the allowance both counted together.
    expect((await ask(a!, `/api/addresses/${MILL_LANE}?purpose=attending-incident&reference=TWO-X`, { cookie })).status).toBe(200);
    expect(await flagged()).toBe(1);
  });

  it('runs each queued upload once, on one process or the other', async () => {
    const jobs: number[] = [];
    for (let f = 0; f < 6; f++) {
      const lines = [POLICE, ...Array.from({ length: 200 }, (_, i) => `Q${f}-${i},${daysAgo(3)},drugs,,,,,100000000002,,,POL-NORTH`)];
      const staged = join(stagingDir(dataDir), `two-${f}.csv`);
      copyFileSync(files.write(`two-${f}-source.csv`, lines.join('\n')), staged);
      jobs.push(await enqueueUpload(database, { feed: 'police', stagedPath: staged, fileName: `two-${f}.csv`, via: 'https' }));
    }
    for (const job of jobs) {
      const ended = await waitForUpload(database, job, 60_000);
      expect(ended?.state).toBe('done');
      expect(ended!.attempts).toBe(1);
      expect(((ended!.result as UploadOutcome) as { report: { accepted: number } }).report.accepted).toBe(200);
    }
    const [{ n }] = (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements WHERE source_id LIKE 'Q%'`)) as [{ n: number }];
    expect(n).toBe(6 * 200);
    const [{ uploads }] = (await database.query<{ uploads: number }>(sql`SELECT count(*)::int AS uploads FROM feed_uploads WHERE file_name LIKE 'two-%'`)) as [{ uploads: number }];
    expect(uploads).toBe(6);
  }, 90_000);

  it('shows an alert acknowledged through one as acknowledged through the other', async () => {
    const cookie = await signIn(a!.port, await makeOfficer('pc-alerts'));
    const listOn = async (s: ServerProcess) => AlertListResponseSchema.parse(await (await ask(s, '/api/alerts', { cookie })).json()).alerts;
    const alert = (await listOn(b!)).find((x) => x.rule === 'repeat-police-incidents');
    expect(alert?.state).toBe('open');
    expect(alert?.canAct).toBe(true);
    expect((await ask(a!, `/api/alerts/${alert!.id}/acknowledge`, { cookie, body: {} })).status).toBe(200);
    expect((await listOn(b!)).find((x) => x.id === alert!.id)?.state).toBe('acknowledged');
    // One step, recorded once.
    const [{ steps }] = (await database.query<{ steps: number }>(sql`SELECT count(*)::int AS steps FROM audit_events WHERE action = 'alert-acknowledged'`)) as [{ steps: number }];
    expect(steps).toBe(1);
  });
});
