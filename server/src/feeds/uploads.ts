// Partner uploads, whichever way they arrive (SFTP, HTTPS): the file is first written whole to a
// staging folder, then a durable job applies it. A file is only queued once its last byte is on
// disk (a partial upload is never processed), the job and the file's rows commit together, and
// the raw file, which is personal data, is deleted as soon as it has been applied, refused or
// given up; a partner with an outbox gets one report per file, whatever its end.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadReportText, type FeedId, type ReportedOutcome } from '@mast/shared';
import { scheduleAlertEvaluation } from '../alerts/alert-job.ts';
import { claimJobFollowUp, endJobFollowUp, enqueueJob, finishJob, getJob, listJobs, type Database, type Job } from '@mast/db';
import { FeedFileError } from './feed-file-error.ts';
import { ingestFeedFile, type UploadReport } from './ingest.ts';
import type { JobHandler } from '../jobs/worker.ts';

export const APPLY_UPLOAD = 'apply-upload';

export interface UploadJobPayload {
  feed: FeedId;
  /** The staged file, under the staging folder. */
  stagedPath: string;
  /** The name the partner gave the file (for their report). */
  fileName: string;
  via: 'sftp' | 'https' | 'cli';
  /** A folder to write the report into when done (the partner's SFTP outbox). */
  outbox?: string;
}

/** What a partner is told about a file: its report, or why it was refused as a whole. */
export type UploadOutcome = { report: UploadReport } | { refused: { code: string; message: string } };

/** The outcome as the job stores it: `followUp` while the partner's report is still to write. */
type StoredOutcome = UploadOutcome & { followUp?: true };

/** A job's result: its outcome, or (after a failed attempt) the error's code. */
export type UploadJobResult = UploadOutcome | { error: string };

/** Where uploads wait to be applied. Beyond one machine this must be storage all server
 * processes share, like the database. */
export function stagingDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'staging');
}

export async function enqueueUpload(database: Database, payload: UploadJobPayload): Promise<number> {
  return enqueueJob(database.db, { kind: APPLY_UPLOAD, payload });
}

/** Waits for an upload's job to end; undefined when it is still running at the deadline. */
export async function waitForUpload(database: Database, jobId: number, timeoutMs: number): Promise<Job<UploadJobPayload, UploadJobResult> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob<UploadJobPayload, UploadJobResult>(database.db, jobId);
    if (job && (job.state === 'done' || job.state === 'failed')) return job;
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const REPORT_SUFFIX = '.report.txt';
/** Bytes of the partner's file name kept in a report's name: with a job id and the suffix it
 * stays within the 255 bytes a file name may have. */
const REPORT_NAME_BYTES = 200;

/** The start of a report's file name: the partner's file name without what would hide the report
 * from the SFTP listing (a leading dot) or break a path (separators, control characters),
 * trimmed at a character boundary to REPORT_NAME_BYTES. */
function reportBaseName(fileName: string): string {
  let base = '';
  let bytes = 0;
  for (const ch of fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '')) {
    bytes += Buffer.byteLength(ch);
    if (bytes > REPORT_NAME_BYTES) break;
    base += ch;
  }
  return base || 'upload';
}

/**
 * Writes a file's report into the outbox as `<name>.report.txt`, or, when a report of that name
 * is already there (the same name sent again), `<name>.<job id>.report.txt`: a report never
 * replaces another. Written whole under a unique temporary name first, so no process or partner
 * ever sees half a report.
 */
async function writeReport(outbox: string, jobId: number, fileName: string, outcome: ReportedOutcome): Promise<void> {
  await mkdir(outbox, { recursive: true });
  const base = reportBaseName(fileName);
  const tmp = join(outbox, `.${randomUUID()}.report.tmp`);
  await writeFile(tmp, uploadReportText(fileName, outcome), { mode: 0o600 });
  try {
    // link, unlike rename, fails rather than replace a file that is there.
    await link(tmp, join(outbox, `${base}${REPORT_SUFFIX}`)).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      await rename(tmp, join(outbox, `${base}.${jobId}${REPORT_SUFFIX}`));
    });
  } finally {
    await rm(tmp, { force: true });
  }
}

/** After an upload's job is done: its raw file goes, its report is written and its follow-up ends. */
async function settleUpload(database: Database, jobId: number, p: UploadJobPayload, outcome: UploadOutcome): Promise<void> {
  await rm(p.stagedPath, { force: true });
  if (!p.outbox) return;
  await writeReport(p.outbox, jobId, p.fileName, outcome);
  await endJobFollowUp(database.db, jobId);
}

/**
 * Applies a staged upload. The job is marked done inside the file's own transaction, so a
 * kill -9 at any point leaves either the file applied and the job done, or neither (and the job
 * is taken again when its lease runs out). A refused file is done too: sending it again will
 * not change it. With an outbox, "done" commits with `followUp` set until the report is written,
 * so a process stopped in between leaves the report to followUpUploads. A job that fails for good
 * (its last attempt threw, or its process died) is given up: raw file deleted, partner told.
 */
export function applyUploadHandler(
  database: Database,
  opts: { progress?: (rowsRead: number) => Promise<void>; rowStage?: 'worker' | 'thread' } = {},
): JobHandler<UploadJobPayload> {
  return {
    async run(job) {
      const p = job.payload;
      const followUp = p.outbox ? ({ followUp: true } as const) : {};
      let outcome: UploadOutcome;
      try {
        const report = await ingestFeedFile(database, {
          feed: p.feed,
          path: p.stagedPath,
          fileName: p.fileName,
          via: p.via,
          // Received when it arrived, not when a worker got to it: a queue held up by a big file
          // must not make an on-time delivery look late, nor date a snapshot's closings a day on.
          receivedAt: job.createdAt,
          progress: opts.progress,
          rowStage: opts.rowStage,
          // The rules look at what the file changed: queued in the same commit, so no applied file goes unevaluated.
          onCommit: async (tx, r) => {
            await finishJob(tx, job.id, { report: r, ...followUp } satisfies StoredOutcome);
            await scheduleAlertEvaluation(tx, `upload:${r.uploadId}`);
          },
        });
        outcome = { report };
        // A duplicate opens no transaction: nothing changed, so marking it done now is safe.
        if (report.duplicate) await finishJob(database.db, job.id, { ...outcome, ...followUp } satisfies StoredOutcome);
      } catch (e) {
        if (!(e instanceof FeedFileError)) throw e;
        outcome = { refused: { code: e.code, message: e.message } };
        await finishJob(database.db, job.id, { ...outcome, ...followUp } satisfies StoredOutcome);
      }
      await settleUpload(database, job.id, p, outcome);
    },
    async giveUp(job, code) {
      const p = job.payload;
      await rm(p.stagedPath, { force: true });
      if (p.outbox) await writeReport(p.outbox, job.id, p.fileName, { failed: { code } });
    },
  };
}

/**
 * Writes the reports of done uploads that a stopped process left unwritten (and deletes their
 * raw files): jobs finished `minAgeMs` ago or more, so not those whose own process is at it.
 */
export async function followUpUploads(
  database: Database,
  opts: { worker: string; minAgeMs?: number; leaseMs?: number; log?: (line: string) => void },
): Promise<number> {
  let n = 0;
  for (;;) {
    const job = await claimJobFollowUp<UploadJobPayload, StoredOutcome>(database.db, {
      kind: APPLY_UPLOAD,
      worker: opts.worker,
      leaseMs: opts.leaseMs ?? 60_000,
      minAgeMs: opts.minAgeMs ?? FOLLOW_UP_AFTER_MS,
    });
    if (!job) return n;
    try {
      await settleUpload(database, job.id, job.payload, job.result!);
      n++;
    } catch (e) {
      // One report that cannot be written (a partner's outbox gone) must not hold up the others:
      // its lease keeps it out of this round, and a later sweep tries it again.
      opts.log?.(`the report of upload job ${job.id} could not be written (${(e as NodeJS.ErrnoException)?.code ?? 'error'}); trying again later.`);
    }
  }
}

/** A staged file is swept only this long after its last change (a rename is one): a process may
 * have renamed it into staging and not yet queued its job. */
const STAGED_MIN_AGE_MS = 10 * 60_000;
/** A ".part" file untouched this long is an upload a stopped process abandoned: one in progress
 * is written to far more often (the SFTP server drops a session idle for ten minutes). */
const ABANDONED_PART_MS = 24 * 3600_000;
/** A done upload whose report is still unwritten this long after it finished was left by a
 * stopped process. */
const FOLLOW_UP_AFTER_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Deletes staged files no queued or running job needs: left behind when a process stopped
 * between applying a file and deleting it, or between staging a file and queuing it; and
 * ".part" files of uploads abandoned midway. Only files old enough that no process is still at
 * them (`minAgeMs`, for tests).
 */
export async function sweepStagedFiles(database: Database, dataDir: string, opts: { minAgeMs?: number } = {}): Promise<number> {
  const dir = stagingDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  // Listed after the folder: a file queued in between is in both, so it is kept.
  const live = new Set((await listJobs<UploadJobPayload>(database.db, APPLY_UPLOAD, ['queued', 'running'], 100_000)).map((j) => j.payload.stagedPath));
  let removed = 0;
  for (const n of names) {
    const path = join(dir, n);
    if (live.has(path)) continue;
    const s = await stat(path).catch(() => undefined);
    if (!s?.isFile()) continue;
    // ctime too: a rename changes it, and keeps the mtime of the file's last write.
    const age = Date.now() - Math.max(s.mtimeMs, s.ctimeMs);
    if (age < (n.endsWith('.part') ? ABANDONED_PART_MS : (opts.minAgeMs ?? STAGED_MIN_AGE_MS))) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

export interface UploadSweeps {
  /** Stops the sweeps; resolves once one in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Sweeps now and every `everyMs`: staged files no job needs, and reports a stopped process left
 * unwritten. Every server process may run this: two doing it at once do no harm. The timer never
 * keeps a process alive.
 */
export function startUploadSweeps(database: Database, dataDir: string, opts: { everyMs?: number; log?: (line: string) => void } = {}): UploadSweeps {
  const log = opts.log ?? ((line: string) => console.log(`mast: ${line}`));
  const worker = `upload-sweeps:${randomUUID().slice(0, 8)}`;
  let running: Promise<void> | undefined;
  const sweep = async () => {
    const removed = await sweepStagedFiles(database, dataDir);
    if (removed > 0) log(`deleted ${removed} staged upload file(s) no job needs.`);
    const reported = await followUpUploads(database, { worker, log });
    if (reported > 0) log(`wrote ${reported} upload report(s) a stopped process left unwritten.`);
  };
  const tick = () => {
    running ??= sweep()
      .catch((e: NodeJS.ErrnoException) => log(`staged uploads could not be swept (${e?.code ?? 'error'}); trying again later.`))
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs ?? SWEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
