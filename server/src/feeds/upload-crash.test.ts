// kill -9 in the middle of applying a file: none of its rows may be left behind, and the upload
// must be taken up again and applied whole once the dead process's lease runs out.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { createServerDatabase, dropServerDatabase, getJob, openDatabase, sql, type Database } from '@mast/db';
import { APPLY_UPLOAD, applyUploadHandler, enqueueUpload, stagingDir, waitForUpload, type UploadOutcome } from './uploads.ts';
import { startJobWorker } from '../jobs/worker.ts';
import { daysAgo } from '../test/days-ago.ts';
import { backendName, loadSmallBorough, tempFiles } from '../test/small-borough.ts';

const ROWS = 9000;
// A queued upload is dated by the real clock (the job's created_at): the rows are a month old.
const INCIDENT_DATE = daysAgo(30);

function bigPoliceFile(): string {
  const lines = ['incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team'];
  for (let i = 1; i <= ROWS; i++) {
    // Every 1000th row is invalid (a bad date), so rejected rows must survive the crash too.
    const date = i % 1000 === 0 ? '2026-02-30' : INCIDENT_DATE;
    lines.push(`C-${i},${date},drugs,,,,,100000000002,,,POL-NORTH`);
  }
  return `${lines.join('\n')}\n`;
}

describe(`an upload survives kill -9 mid-apply (${backendName()})`, () => {
  const files = tempFiles();
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await dropDb?.();
    files.remove();
  });

  it('leaves all or nothing of the file, and applies it whole after restart', async () => {
    const dataDir = join(files.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const admin = process.env.DATABASE_URL;
    let url: string | undefined;
    if (admin) {
      const name = `mast_test_crash_${process.pid}`;
      url = await createServerDatabase(admin, name);
      dropDb = () => dropServerDatabase(admin, name);
    }
    const open = () => openDatabase(url ? { url } : { dataDir });

    // Set up, queue the upload, and close: PGlite's folder is one process's at a time.
    let database: Database = await open();
    await database.migrate();
    await loadSmallBorough(database, files);
    mkdirSync(stagingDir(dataDir), { recursive: true });
    const staged = join(stagingDir(dataDir), 'crash.csv');
    copyFileSync(files.write('crash-source.csv', bigPoliceFile()), staged);
    const jobId = await enqueueUpload(database, { feed: 'police', stagedPath: staged, fileName: 'police-big.csv', via: 'https' });
    await database.close();

    // A server process takes the job, writes some batches, and is killed before committing.
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../test/upload-crash-child.ts')], {
      env: { ...process.env, MAST_DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}), STALL_AFTER_ROWS: '4000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('STALLED') && resolve());
      child.on('exit', (code) => reject(new Error(`child ended early (${code})`)));
    });
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;

    // After the crash: none of the file's rows, no upload recorded, the job still claimed.
    database = await open();
    const count = async () => (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements WHERE source_id LIKE 'C-%'`))[0]!.n;
    expect(await count()).toBe(0);
    expect((await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feed_uploads`))[0]!.n).toBe(0);
    expect((await getJob(database.db, jobId))!.state).toBe('running');
    expect(existsSync(staged)).toBe(true);

    // Restarted: once the lease has run out the job is taken again and the file applied whole.
    const worker = startJobWorker(database, { [APPLY_UPLOAD]: applyUploadHandler(database) }, { pollMs: 100, leaseMs: 1500 });
    try {
      const job = await waitForUpload(database, jobId, 60_000);
      expect(job?.state).toBe('done');
      const outcome = job!.result as UploadOutcome;
      if (!('report' in outcome)) throw new Error('the file was refused');
      expect(outcome.report.rows).toBe(ROWS);
      expect(outcome.report.rejected).toBe(ROWS / 1000);
      expect(outcome.report.accepted + outcome.report.rejected).toBe(ROWS);
      expect(await count()).toBe(ROWS - ROWS / 1000);
      expect(job!.attempts).toBe(2);
      // The raw file goes right after the commit that marked the job done.
      for (let i = 0; i < 50 && existsSync(staged); i++) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(staged)).toBe(false);
    } finally {
      await worker.stop();
      await database.close();
    }
  }, 120_000);
});
