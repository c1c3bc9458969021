// PostgreSQL restarted under a running server: lookups fail with the one error shape (503, "try
// again") while it is down and answer again within seconds of its return, the server process
// never stops, and an upload being applied (and one queued behind it) is applied exactly once.
// The test restarts a cluster of its own (test/own-cluster.ts), never the shared one, and the
// server is a real process (main.ts), as in production.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@mast/shared';
import { getJob, openDatabase, sql, type Database } from '@mast/db';
import { enqueueUpload, stagingDir, waitForUpload, type UploadOutcome } from './feeds/uploads.ts';
import { seedDemoUsers } from './seed/demo-users.ts';
import { daysAgo } from './test/days-ago.ts';
import { loadSmallBorough, tempFiles, type TempFiles } from './test/small-borough.ts';
import { makeOwnCluster, whyNoOwnCluster, type OwnCluster } from './test/own-cluster.ts';
import { BENCH_BULK_READ_LIMITS, freePort, signIn, spawnServer, type ServerProcess } from './bench/bench-server.ts';

// Run in the PostgreSQL pass of the suite only (the PGlite pass has nothing of PostgreSQL's to restart).
const noCluster = process.env.DATABASE_URL ? whyNoOwnCluster() : 'runs with DATABASE_URL set (the PostgreSQL pass), on a cluster of its own';
const ROWS = 6000;
const BACK_WITHIN_MS = 5000;

function policeFile(prefix: string): string {
  const lines = ['incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team'];
  for (let i = 1; i <= ROWS; i++) lines.push(`${prefix}-${i},${daysAgo(20)},drugs,,,,,100000000002,,,POL-NORTH`);
  return `${lines.join('\n')}\n`;
}

interface Answer {
  at: number;
  status: number;
  body: unknown;
}

describe.skipIf(noCluster !== undefined)(`PostgreSQL restarted under a running server${noCluster ? ` (skipped: ${noCluster})` : ''}`, () => {
  let cluster: OwnCluster | undefined;
  let database: Database;
  let files: TempFiles;
  let server: ServerProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    cluster = await makeOwnCluster(`mast_restart_${process.pid}`);
    database = await openDatabase({ url: cluster.url, poolSize: 2 });
    await database.migrate();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    dataDir = join(files.dir, 'data');
    mkdirSync(stagingDir(dataDir), { recursive: true });
    // A short job lease, so that an upload cut off by the restart is taken again within seconds.
    server = await spawnServer({ url: cluster.url, dataDir, port: await freePort(), echo: false, env: { MAST_BULK_READ_LIMITS: BENCH_BULK_READ_LIMITS, MAST_JOB_LEASE_MS: '3000' } });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.close().catch(() => {});
    await cluster?.drop();
    files?.remove();
  }, 60_000);

  it('answers lookups again within 5 s, stays up, and applies each upload once', async () => {
    const srv = server!;
    let serverEnded = false;
    void srv.exited.then(() => (serverEnded = true));
    const cookie = await signIn(srv.port);
    const paths = ['/api/addresses/100000000001?purpose=attending-incident&reference=R-1', '/api/addresses?q=mill%20la'];
    const answers: Answer[] = [];
    const socketErrors: string[] = [];
    let looking = true;
    const lookups = (async () => {
      for (let i = 0; looking; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${srv.port}${paths[i % paths.length]}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
          answers.push({ at: Date.now(), status: res.status, body: await res.json() });
        } catch (e) {
          socketErrors.push((e as Error).name);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // Two uploads: the first is being applied when the database goes, the second waits behind it.
    const queue = async (name: string) => {
      const staged = join(stagingDir(dataDir), `${name}.csv`);
      copyFileSync(files.write(`${name}-source.csv`, policeFile(name)), staged);
      return enqueueUpload(database, { feed: 'police', stagedPath: staged, fileName: `${name}.csv`, via: 'https' });
    };
    const first = await queue('RA');
    const second = await queue('RB');
    for (let i = 0; (await getJob(database.db, first))!.state !== 'running'; i++) {
      if (i > 600) throw new Error('the upload was never taken');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await getJob(database.db, second))!.state).toBe('queued');

    const downAt = Date.now();
    await cluster!.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await cluster!.start();
    const backAt = Date.now();
    for (let i = 0; !answers.some((a) => a.at > backAt && a.status === 200); i++) {
      if (i > 300) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    looking = false;
    await lookups;

    const firstBack = answers.find((a) => a.at > backAt && a.status === 200);
    const after = answers.filter((a) => a.at > backAt).map((a) => `${a.at - backAt}ms ${a.status} ${JSON.stringify(a.body).slice(0, 80)}`);
    expect(firstBack, `no lookup answered after the database came back: ${after.slice(0, 5).join('; ')} ... ${after.slice(-3).join('; ')}; socket errors ${socketErrors.length}, server ended ${serverEnded}, stderr ${srv.stderr.join('').slice(-1500)}`).toBeDefined();
    expect(firstBack!.at - backAt).toBeLessThanOrEqual(BACK_WITHIN_MS);
    // While it was down: the one error shape, 503 with a "try again", never a 500 or a dropped socket.
    const failed = answers.filter((a) => a.status !== 200);
    expect(failed.filter((a) => a.at >= downAt).length, 'no lookup saw the outage').toBeGreaterThan(0);
    for (const a of failed) {
      expect(a.status).toBe(503);
      expect(ApiErrorSchema.parse(a.body).error.code).toBe('unavailable');
    }
    expect(socketErrors).toEqual([]);
    // Signed in throughout: the session outlived the restart.
    expect(answers.at(-1)!.status).toBe(200);
    expect(serverEnded).toBe(false);

    // Both uploads applied, each exactly once.
    for (const [job, prefix] of [[first, 'RA'], [second, 'RB']] as const) {
      const ended = await waitForUpload(database, job, 90_000);
      expect(ended?.state).toBe('done');
      const outcome = ended!.result as UploadOutcome;
      if (!('report' in outcome)) throw new Error('the file was refused');
      expect(outcome.report.accepted).toBe(ROWS);
      const [{ n }] = (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements WHERE source_id LIKE ${`${prefix}-%`}`)) as [{ n: number }];
      expect(n).toBe(ROWS);
    }
    expect((await getJob(database.db, first))!.attempts).toBe(2);
    const [{ uploads }] = (await database.query<{ uploads: number }>(sql`SELECT count(*)::int AS uploads FROM feed_uploads WHERE file_name IN ('RA.csv', 'RB.csv')`)) as [{ uploads: number }];
    expect(uploads).toBe(2);
    expect(serverEnded).toBe(false);
  }, 240_000);
});
