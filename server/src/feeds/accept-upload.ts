// The one way a partner's file is taken in, whether it comes over HTTPS or SFTP: the feed's
// hourly allowance (one for both ways), the size limit, a ".part" file in staging renamed into
// place only once whole, the job that applies it, and the worker woken. The transports keep only
// their protocol and say a refusal in their own terms (an HTTP status, an SFTP status).
//
// A refusal always leaves nothing behind: no part file, no staged file, no job. That holds for a
// full disk too (ENOSPC), which refuses the file and leaves the server running.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FeedId } from '@mast/shared';
import type { Database } from '@mast/db';
import { countUpload, uploadsThisHour } from './upload-allowance.ts';
import { enqueueUpload, stagingDir, type UploadJobPayload } from './uploads.ts';

export interface UploadGate {
  database: Database;
  dataDir: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Files one feed may send per hour, over HTTPS and SFTP together. */
  perHour: number;
  now(): Date;
  /** The job worker, woken once a file is queued (it polls anyway). */
  jobs?: { wake(): void };
  /** Told of faults on our side (a full disk), never of a file's name or contents. */
  log?(event: string): void;
}

export type RefusalCode = 'rate_limited' | 'payload_too_large' | 'disk_full' | 'not_stored' | 'not_queued';

/** Why a file was not taken: nothing of it was kept. The message is for the partner. */
export class UploadRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

const overAllowance = (perHour: number) =>
  new UploadRefused('rate_limited', `This feed has sent ${perHour} files this hour, the most it may; nothing was kept: try again next hour.`);
const tooLarge = (maxBytes: number) =>
  new UploadRefused('payload_too_large', `The file is larger than the ${maxBytes >= 1e6 ? `${Math.round(maxBytes / 1e6)} MB` : `${maxBytes}-byte`} limit; nothing was kept.`);
const diskFull = () =>
  new UploadRefused('disk_full', 'There is no room on our side to store the file just now; nothing was kept. Send it again later; if this goes on, tell the MAST administrators.');
const notStored = () => new UploadRefused('not_stored', 'The file could not be stored on our side; nothing was kept. Send it again later.');

/** A write that failed for want of space (the disk, or a quota): the partner may send again later. */
const isDiskFull = (e: unknown) => ['ENOSPC', 'EDQUOT'].includes((e as NodeJS.ErrnoException)?.code ?? '');

function storageFault(gate: UploadGate, e: unknown): UploadRefused {
  if (e instanceof UploadRefused) return e;
  if (isDiskFull(e)) {
    gate.log?.('upload failed: no room left in the staging folder');
    return diskFull();
  }
  gate.log?.(`upload failed: could not write the part file (${(e as NodeJS.ErrnoException)?.code ?? 'error'})`);
  return notStored();
}

/**
 * Before a file is sent: refused when the feed has used its hourly allowance, or when the sender
 * says (Content-Length) it is over the size limit. A file counts only once whole (see
 * queueStagedFile), so a dropped connection costs the partner nothing.
 */
export async function refusalBeforeSending(gate: UploadGate, feed: FeedId, declaredBytes?: number): Promise<UploadRefused | undefined> {
  if (declaredBytes !== undefined && declaredBytes > gate.maxBytes) return tooLarge(gate.maxBytes);
  if ((await uploadsThisHour(gate.database.db, feed, gate.now())) >= gate.perHour) return overAllowance(gate.perHour);
  return undefined;
}

/** A file being received into staging as a ".part" file, by writes at offsets (SFTP) or in order (HTTPS). */
export interface StagingFile {
  /** Bytes received so far (the end of the furthest write). */
  readonly bytes: number;
  /** Why the file has failed, once it has: it is then being (or has been) deleted. */
  readonly failure: UploadRefused | undefined;
  /** Writes `data` at `offset`; throws UploadRefused (over the limit, disk full) and deletes the file. */
  write(data: Buffer, offset: number): Promise<void>;
  /** Stops the file: its part is deleted, nothing of it is applied. */
  abandon(): Promise<void>;
  /** For queueStagedFile only. */
  finish(): Promise<string>;
}

/**
 * Writes all of `data` at `offset`. A disk that fills up midway takes part of a write and says
 * nothing (a short write); only the next write fails with ENOSPC. Taking the short write for the
 * whole would queue a file cut short as if it were complete.
 */
async function writeAll(file: FileHandle, data: Buffer, offset: number): Promise<void> {
  for (let done = 0; done < data.length; ) {
    const { bytesWritten } = await file.write(data, done, data.length - done, offset + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('no byte written'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

/** Starts a file in staging: a ".part" file only this process writes to. */
export async function openStagingFile(gate: UploadGate): Promise<StagingFile> {
  const dir = stagingDir(gate.dataDir);
  const partPath = join(dir, `${randomUUID()}.csv.part`);
  let file: FileHandle;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    file = await open(partPath, 'wx', 0o600);
  } catch (e) {
    await rm(partPath, { force: true }).catch(() => {});
    throw storageFault(gate, e);
  }
  const writes = new Set<Promise<void>>();
  let bytes = 0;
  let failure: UploadRefused | undefined;
  let gone: Promise<void> | undefined;

  const abandon = () =>
    (gone ??= (async () => {
      failure ??= notStored();
      await Promise.all([...writes]);
      await file.close().catch(() => {});
      await rm(partPath, { force: true }).catch(() => {});
    })());

  return {
    get bytes() {
      return bytes;
    },
    get failure() {
      return failure;
    },
    async write(data, offset) {
      if (failure) throw failure;
      if (offset + data.length > gate.maxBytes) {
        failure = tooLarge(gate.maxBytes);
        await abandon();
        throw failure;
      }
      // Marked failed before it settles, so a close waiting for it sees the failure.
      const w = writeAll(file, data, offset).then(
        () => {
          bytes = Math.max(bytes, offset + data.length);
        },
        (e: unknown) => {
          failure ??= storageFault(gate, e);
        },
      );
      writes.add(w);
      await w;
      writes.delete(w);
      if (failure) {
        void abandon();
        throw failure;
      }
    },
    abandon,
    async finish() {
      // Writes still being made finish first: one that failed (a full disk) left a hole in the file.
      await Promise.all([...writes]);
      if (failure) throw failure;
      const finalPath = partPath.slice(0, -'.part'.length);
      try {
        // close flushes what the disk had not yet taken: a full disk may show only here.
        await file.close();
        await rename(partPath, finalPath);
      } catch (e) {
        failure = storageFault(gate, e);
        await abandon();
        throw failure;
      }
      return finalPath;
    },
  };
}

export type UploadMeta = Pick<UploadJobPayload, 'feed' | 'fileName' | 'via' | 'outbox'>;

/**
 * The partner has sent the whole file: it counts against the hourly allowance, is renamed into
 * place and queued, and the worker is woken. Answers the job's id; throws UploadRefused, having
 * deleted the file, when it is over the allowance, failed, or could not be queued.
 */
export async function queueStagedFile(gate: UploadGate, file: StagingFile, meta: UploadMeta): Promise<number> {
  if (file.failure) {
    await file.abandon();
    throw file.failure;
  }
  let stagedPath: string | undefined;
  let id: number;
  try {
    if ((await countUpload(gate.database.db, meta.feed, gate.now())) > gate.perHour) {
      await file.abandon();
      throw overAllowance(gate.perHour);
    }
    stagedPath = await file.finish();
    id = await enqueueUpload(gate.database, { ...meta, stagedPath });
  } catch (e) {
    await file.abandon();
    if (stagedPath) await rm(stagedPath, { force: true }).catch(() => {});
    if (e instanceof UploadRefused) throw e;
    gate.log?.('upload failed: could not be queued');
    throw new UploadRefused('not_queued', 'The file could not be queued on our side; nothing was kept. Send it again later.');
  }
  gate.jobs?.wake();
  return id;
}

/** A file sent as one stream (an HTTPS body): staged, then queued. Answers the job's id. */
export async function acceptUploadStream(gate: UploadGate, body: Readable, meta: UploadMeta): Promise<number> {
  const file = await openStagingFile(gate);
  try {
    for await (const chunk of body) await file.write(chunk as Buffer, file.bytes);
  } catch (e) {
    await file.abandon();
    // A sender that stops midway (the connection drops) is not a fault of ours to log.
    throw e instanceof UploadRefused ? e : notStored();
  }
  return queueStagedFile(gate, file, meta);
}
