// Partner uploads, whichever way they arrive (SFTP, HTTPS): the file is first written whole to a
// staging folder, then a durable job applies it. A file is only queued once its last byte is on
// disk (a partial upload is never processed), the job and the file's rows commit together, and
// the raw file, which is personal data, is deleted as soon as it has been applied or refused.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FeedId } from '@mast/shared';
import { enqueueJob, finishJob, getJob, listJobs, type Database, type Job } from '@mast/db';
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

/** Where uploads wait to be applied. Beyond one machine this must be storage all server
 * processes share, like the database. */
export function stagingDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'staging');
}

export class UploadTooLargeError extends Error {
  readonly code = 'upload_too_large';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the ${Math.round(maxBytes / 1e6)} MB limit.`);
  }
}

class SizeLimit extends Transform {
  private bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) done(new UploadTooLargeError(this.max));
    else done(null, chunk);
  }
}

/**
 * Writes an upload to the staging folder: to a ".part" file first, renamed only once complete,
 * so nothing ever sees half a file. Refuses more than `maxBytes` (the part file is removed).
 */
export async function stageUpload(dataDir: string, body: Readable, maxBytes: number): Promise<{ stagedPath: string; bytes: number }> {
  const dir = stagingDir(dataDir);
  await mkdir(dir, { recursive: true });
  const final = join(dir, `${randomUUID()}.csv`);
  const part = `${final}.part`;
  const limit = new SizeLimit(maxBytes);
  let bytes = 0;
  limit.on('data', (c: Buffer) => (bytes += c.length));
  try {
    await pipeline(body, limit, createWriteStream(part, { mode: 0o600 }));
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  await rename(part, final);
  return { stagedPath: final, bytes };
}

export async function enqueueUpload(database: Database, payload: UploadJobPayload): Promise<number> {
  return enqueueJob(database.db, { kind: APPLY_UPLOAD, payload });
}

/** Waits for an upload's job to end; undefined when it is still running at the deadline. */
export async function waitForUpload(database: Database, jobId: number, timeoutMs: number): Promise<Job<UploadJobPayload, UploadOutcome> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob<UploadJobPayload, UploadOutcome>(database.db, jobId);
    if (job && (job.state === 'done' || job.state === 'failed')) return job;
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The report as plain text, for a partner's outbox: counts, each rejected row's number and
 * reasons, the columns ignored. Never a cell's value. */
export function reportText(fileName: string, outcome: UploadOutcome): string {
  if ('refused' in outcome) {
    const { code, message } = outcome.refused;
    const nothing = /nothing in the file was applied/i.test(message) ? '' : ' Nothing in the file was applied.';
    return `${fileName}: REFUSED (${code}). ${message}${nothing}\n`;
  }
  const r = outcome.report;
  const lines = [
    `${fileName}: ${r.duplicate ? 'DUPLICATE: this file was applied before (upload ' + r.uploadId + '); nothing changed.' : 'APPLIED as upload ' + r.uploadId}`,
    `sha256 ${r.sha256}, ${r.sizeBytes} bytes, received ${r.receivedAt}`,
    `rows ${r.rows}, accepted ${r.accepted}, rejected ${r.rejected}`,
    `columns ignored (not in the contract, never stored): ${r.ignoredColumns.length ? r.ignoredColumns.join(', ') : 'none'}`,
  ];
  if (!r.duplicate) {
    lines.push(`addresses matched ${r.addressesMatched}, possible (for review) ${r.addressesPossible}, unmatched ${r.addressesUnmatched}`);
    lines.push(`people linked ${r.people.linked}, new ${r.people.created}, for review ${r.people.forReview}; cases closed ${r.casesClosed}; records withdrawn ${r.deleted}`);
  }
  for (const x of r.rejections) lines.push(`row ${x.row}: ${x.reasons.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

async function writeReport(outbox: string, fileName: string, outcome: UploadOutcome): Promise<void> {
  await mkdir(outbox, { recursive: true });
  const base = fileName.replace(/[/\\]/g, '_');
  const tmp = join(outbox, `.${base}.report.tmp`);
  await writeFile(tmp, reportText(fileName, outcome), { mode: 0o600 });
  await rename(tmp, join(outbox, `${base}.report.txt`));
}

/**
 * Applies a staged upload. The job is marked done inside the file's own transaction, so a
 * kill -9 at any point leaves either the file applied and the job done, or neither (and the job
 * is taken again when its lease runs out). A refused file is done too: sending it again will
 * not change it.
 */
export function applyUploadHandler(database: Database, opts: { progress?: (rowsRead: number) => Promise<void> } = {}): JobHandler<UploadJobPayload> {
  return {
    async run(job) {
      const p = job.payload;
      let outcome: UploadOutcome;
      try {
        const report = await ingestFeedFile(database, {
          feed: p.feed,
          path: p.stagedPath,
          fileName: p.fileName,
          via: p.via,
          progress: opts.progress,
          onCommit: (tx, r) => finishJob(tx, job.id, { report: r } satisfies UploadOutcome),
        });
        outcome = { report };
        // A duplicate opens no transaction: nothing changed, so marking it done now is safe.
        if (report.duplicate) await finishJob(database.db, job.id, outcome);
      } catch (e) {
        if (!(e instanceof FeedFileError)) throw e;
        outcome = { refused: { code: e.code, message: e.message } };
        await finishJob(database.db, job.id, outcome);
      }
      await rm(p.stagedPath, { force: true });
      if (p.outbox) await writeReport(p.outbox, p.fileName, outcome);
    },
  };
}

/**
 * Deletes staged files no queued or running job needs: left behind when a process stopped
 * between applying a file and deleting it. Run at start.
 */
export async function sweepStagedFiles(database: Database, dataDir: string): Promise<number> {
  const dir = stagingDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const live = new Set((await listJobs<UploadJobPayload>(database.db, APPLY_UPLOAD, ['queued', 'running'], 100_000)).map((j) => j.payload.stagedPath));
  let removed = 0;
  for (const n of names) {
    const path = join(dir, n);
    if (n.endsWith('.part') || live.has(path)) continue; // a .part may be an upload in progress
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}
