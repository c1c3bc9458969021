// Every upload ends, whatever happens to it: applied, refused, failing on its last attempt, or
// killing the process that runs it. When it ends its raw file (personal data) is gone and a
// partner with an outbox finds one report for it, visible in the SFTP listing, never replacing
// another file's report.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { claimJob, getJob, listJobs, openTestDatabase, sql, type Database } from '@mast/db';
import { APPLY_UPLOAD, applyUploadHandler, enqueueUpload, followUpUploads, stagingDir, sweepStagedFiles, waitForUpload, type UploadJobPayload } from './uploads.ts';
import { startJobWorker, type JobWorker, type WorkerOptions } from '../jobs/worker.ts';
import { isPlainName } from '../sftp/sftp-paths.ts';
import { daysAgo } from '../test/days-ago.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

const HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
// A queued upload is dated by the real clock (the job's created_at): the row is a month old.
const INCIDENT_DATE = daysAgo(30);
const policeFile = (tag: string) => `${HEADER}\nE-${tag}-1,${INCIDENT_DATE},domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH\n`;

describe(`uploads that fail or die still end (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let worker: JobWorker | undefined;
  let n = 0;
  const dataDir = () => join(files.dir, 'data');
  const outbox = () => join(files.dir, 'outbox');
  const staged = () => (existsSync(stagingDir(dataDir())) ? readdirSync(stagingDir(dataDir())) : []);
  const reports = () => (existsSync(outbox()) ? readdirSync(outbox()).sort() : []);
  /** What an SFTP partner sees in /outbox (sftp-session's listing hides dot files). */
  const visible = (name: string) => isPlainName(name) && !name.startsWith('.');

  const stage = (content: string): string => {
    mkdirSync(stagingDir(dataDir()), { recursive: true });
    const path = join(stagingDir(dataDir()), `staged-${++n}.csv`);
    writeFileSync(path, content);
    return path;
  };
  const queue = (fileName: string, content: string, extra: Partial<UploadJobPayload> = {}) =>
    enqueueUpload(database, { feed: 'police', stagedPath: stage(content), fileName, via: 'sftp', outbox: outbox(), ...extra });
  const run = (opts: WorkerOptions, handler = applyUploadHandler(database)) => {
    worker = startJobWorker(database, { [APPLY_UPLOAD]: handler }, { pollMs: 50, ...opts });
    return worker;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    rmSync(outbox(), { recursive: true, force: true });
    rmSync(stagingDir(dataDir()), { recursive: true, force: true });
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('gives up a job whose process died on its last attempt: failed, raw file deleted, partner told to send it again', async () => {
    const id = await queue('police-oom.csv', policeFile('oom'));
    // A process takes it and dies (out of memory, say): it never renews its lease or ends the job.
    const taken = await claimJob(database.db, { kinds: [APPLY_UPLOAD], worker: 'dead-process', leaseMs: 200, maxAttempts: 1 });
    expect(taken).toMatchObject({ id, attempts: 1, exhausted: false });
    await new Promise((r) => setTimeout(r, 400));

    run({ maxAttempts: 1 });
    const job = await waitForUpload(database, id, 10_000);
    expect(job?.state).toBe('failed');
    expect(job?.attempts).toBe(1);
    expect(job?.result).toEqual({ error: 'interrupted' });
    expect(staged()).toEqual([]);
    expect(reports()).toEqual(['police-oom.csv.report.txt']);
    const text = readFileSync(join(outbox(), 'police-oom.csv.report.txt'), 'utf8');
    expect(text).toMatch(/^police-oom\.csv: NOT APPLIED \(interrupted\)\..*nothing in it was applied\. Send it again/);
    expect(text).not.toMatch(/Sandra|Kelly|Mill Lane|1971/);
    // Taken and ended once: no second attempt, no second report.
    await new Promise((r) => setTimeout(r, 300));
    expect((await getJob(database.db, id))!.attempts).toBe(1);
    expect(reports()).toHaveLength(1);
  });

  it('keeps the raw file for a retry, and gives the job up when its last attempt fails too', async () => {
    const id = await queue('police-dberror.csv', policeFile('db'));
    const path = (await getJob<UploadJobPayload>(database.db, id))!.payload.stagedPath;
    const seen: boolean[] = [];
    // The database going away mid-apply: an error of ours, not a refusal of the file.
    const handler = applyUploadHandler(database, {
      async progress() {
        seen.push(existsSync(path));
        throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
      },
    });
    run({ maxAttempts: 2, retryAfterMs: 0 }, handler);
    const job = await waitForUpload(database, id, 10_000);
    expect(job?.state).toBe('failed');
    expect(job?.result).toEqual({ error: 'ECONNRESET' });
    expect(seen).toEqual([true, true]);
    expect(staged()).toEqual([]);
    expect(reports()).toEqual(['police-dberror.csv.report.txt']);
    expect(readFileSync(join(outbox(), 'police-dberror.csv.report.txt'), 'utf8')).toMatch(/^police-dberror\.csv: NOT APPLIED \(ECONNRESET\)\..*Send it again/);
  });

  it('names reports so that the SFTP listing shows them: a 250-byte name, a name starting with a dot', async () => {
    const long = `${'é'.repeat(123)}.csv`; // 250 bytes, each é two
    expect(Buffer.byteLength(long)).toBe(250);
    const ids = [await queue(long, policeFile('long')), await queue('.hidden.csv', policeFile('hidden'))];
    run({});
    for (const id of ids) expect((await waitForUpload(database, id, 10_000))?.state).toBe('done');
    await waitForFiles(2);
    const names = reports();
    expect(names).toEqual(['hidden.csv.report.txt', `${'é'.repeat(100)}.report.txt`]);
    for (const name of names) expect(visible(name)).toBe(true);
    expect(readFileSync(join(outbox(), names[1]!), 'utf8').startsWith(`${long}: APPLIED`)).toBe(true);
    expect(readFileSync(join(outbox(), 'hidden.csv.report.txt'), 'utf8')).toMatch(/^\.hidden\.csv: APPLIED/);
  });

  it('gives two files of the same name two reports, the first kept as it was', async () => {
    const first = await queue('same.csv', '');
    run({});
    expect((await waitForUpload(database, first, 10_000))?.state).toBe('done');
    await waitForFiles(1);
    const second = await queue('same.csv', policeFile('same'));
    worker!.wake();
    expect((await waitForUpload(database, second, 10_000))?.state).toBe('done');
    await waitForFiles(2);
    expect(reports()).toEqual([`same.csv.${second}.report.txt`, 'same.csv.report.txt']);
    expect(readFileSync(join(outbox(), 'same.csv.report.txt'), 'utf8')).toMatch(/^same\.csv: REFUSED \(empty_file\)/);
    expect(readFileSync(join(outbox(), `same.csv.${second}.report.txt`), 'utf8')).toMatch(/^same\.csv: APPLIED/);
    expect(reports().filter((r) => !visible(r))).toEqual([]); // no temporary file left
  });

  it('writes the report of a done upload whose process stopped before writing it', async () => {
    // The outbox cannot be written when the file is applied (as if the process stopped there).
    mkdirSync(files.dir, { recursive: true });
    writeFileSync(outbox(), 'not a folder');
    const id = await queue('police-late.csv', policeFile('late'));
    run({ maxAttempts: 1 });
    const job = await waitForUpload(database, id, 10_000);
    // The file was applied: its job stays done (not given up), its raw file is gone, its report is owed.
    expect(job?.state).toBe('done');
    expect(job?.result).toMatchObject({ report: { accepted: 1 }, followUp: true });
    await worker!.stop(); // after the attempt's end: the raw file deleted, the report failed
    expect(staged()).toEqual([]);

    rmSync(outbox());
    expect(await followUpUploads(database, { worker: 'sweeper', minAgeMs: 60_000 })).toBe(0); // too recent: its own process may be at it
    expect(await followUpUploads(database, { worker: 'sweeper', minAgeMs: 0 })).toBe(1);
    expect(reports()).toEqual(['police-late.csv.report.txt']);
    expect(readFileSync(join(outbox(), 'police-late.csv.report.txt'), 'utf8')).toMatch(/^police-late\.csv: APPLIED as upload/);
    expect((await getJob(database.db, id))!.result).not.toHaveProperty('followUp');
    expect(await followUpUploads(database, { worker: 'sweeper', minAgeMs: 0 })).toBe(0);
    expect(reports()).toHaveLength(1);
  });

  it('writes the other owed reports when one cannot be written', async () => {
    // Two done uploads whose reports a stopped process left unwritten; the first one's outbox is
    // not a folder (a partner's account half removed, say).
    const broken = join(files.dir, 'broken-outbox');
    writeFileSync(broken, 'not a folder');
    const first = await queue('police-a.csv', policeFile('a'), { outbox: broken });
    const second = await queue('police-b.csv', policeFile('b'));
    rmSync(outbox(), { recursive: true, force: true });
    writeFileSync(outbox(), 'not a folder');
    run({ maxAttempts: 1 });
    for (const id of [first, second]) expect((await waitForUpload(database, id, 20_000))?.state).toBe('done');
    await worker!.stop();
    rmSync(outbox());

    const lines: string[] = [];
    expect(await followUpUploads(database, { worker: 'sweeper', minAgeMs: 0, log: (l) => lines.push(l) })).toBe(1);
    expect(reports()).toEqual(['police-b.csv.report.txt']);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^the report of upload job ${first} could not be written \\(\\w+\\); trying again later\\.$`))]);
    expect((await getJob(database.db, first))!.result).toMatchObject({ followUp: true });
    rmSync(broken);
  });

  it('dates an upload by when it arrived, not by when a worker got to it', async () => {
    const id = await queue('police-queued.csv', policeFile('queued'));
    // It waited behind a big file: queued at 06:05 yesterday, applied hours later.
    const queuedAt = `${daysAgo(1)}T06:05`;
    await database.db.execute(sql`UPDATE jobs SET created_at = ${`${queuedAt}:00Z`} WHERE id = ${id}`);
    run({});
    const job = await waitForUpload(database, id, 20_000);
    expect(job?.state).toBe('done');
    const report = (job!.result as { report: { receivedAt: string; uploadId: number; accepted: number } }).report;
    expect(report.receivedAt).toBe(`${queuedAt}:00.000Z`);
    expect(report.accepted).toBe(1);
    const [row] = await database.query<{ received_at: string }>(
      sql`SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS received_at FROM feed_uploads WHERE id = ${report.uploadId}`,
    );
    expect(row!.received_at).toBe(queuedAt);
  });

  it('sweeps only staged files no job needs and no process can still be about to queue', async () => {
    const queued = await queue('waiting.csv', policeFile('wait'));
    const queuedPath = (await getJob<UploadJobPayload>(database.db, queued))!.payload.stagedPath;
    const orphan = stage(policeFile('orphan'));
    const part = join(stagingDir(dataDir()), 'in-progress.csv.part');
    writeFileSync(part, 'half a file');
    // Just renamed into staging: another process may be about to queue it.
    expect(await sweepStagedFiles(database, dataDir())).toBe(0);
    expect(existsSync(orphan)).toBe(true);
    // Old enough: the orphan goes; the queued job's file and the upload still being written stay.
    expect(await sweepStagedFiles(database, dataDir(), { minAgeMs: 0 })).toBe(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(queuedPath)).toBe(true);
    expect(existsSync(part)).toBe(true);
    expect((await listJobs(database.db, APPLY_UPLOAD, ['queued'])).map((j) => j.id)).toEqual([queued]);
  });

  async function waitForFiles(count: number): Promise<void> {
    for (let i = 0; i < 100 && reports().filter(visible).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  }
});
