// One partner's SFTP session, the protocol only: a file written to /inbox is taken in by
// feeds/accept-upload.ts (the allowance, size limit, staging and queue HTTPS uses), as a ".part"
// file queued only when the partner closes it (a connection that drops first leaves nothing to
// apply, and its part is deleted); /outbox is read-only and holds that feed's reports. Answers every
// request with a status, never by throwing; logs only kinds of events, never a file's name or
// contents (a name can carry a person's name).
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import type { FeedId } from '@mast/shared';
import { openStagingFile, queueStagedFile, refusalBeforeSending, UploadRefused, type RefusalCode, type StagingFile, type UploadGate } from '../feeds/accept-upload.ts';
import { normaliseSftpPath, resolveSftpPath } from './sftp-paths.ts';
import {
  dirAttrs,
  entry,
  fileAttrs,
  INBOX_FILE_PERM,
  INBOX_PERM,
  isReport,
  outboxEntries,
  outboxFile,
  OUTBOX_PERM,
  rootEntries,
  ROOT_PERM,
  statAttrs,
} from './sftp-listing.ts';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

/** Open handles one session may hold: enough for any client, not enough to run out of files. */
const MAX_HANDLES = 64;
/** Entries per READDIR answer, to stay well inside a client's packet limit. */
const DIR_BATCH = 100;
/** The most one READ answers: OpenSSH asks for 32 KB and takes packets up to 256 KB. */
const MAX_READ = 64 * 1024;

export interface SftpSessionContext {
  feed: FeedId;
  /** How a file is taken in: the same allowance, size limit, staging and queue as HTTPS. */
  gate: UploadGate;
  /** This feed's reports: `<dataDir>/sftp/<feed>/outbox`. */
  outboxDir: string;
  log(event: string): void;
  /** Told of every request, so an idle connection can be closed. */
  onActivity?(): void;
}

interface Upload {
  kind: 'upload';
  name: string;
  file: StagingFile;
  /** The partner has been told why it failed. */
  told?: boolean;
}
interface Download {
  kind: 'download';
  file: FileHandle;
}
interface Listing {
  kind: 'listing';
  entries: FileEntry[];
}
type Handle = Upload | Download | Listing;

/** What the log says of a refusal of the partner's file (faults on our side are logged where
 * they happen): kinds of events, never a file's name. */
const REFUSAL_LOG: Partial<Record<RefusalCode, string>> = {
  rate_limited: 'upload refused: over the hourly limit',
  payload_too_large: 'upload refused: larger than the limit',
};
const NOT_KEPT = 'This upload failed and was not kept: send the file again.';
/** What the close of a file that failed while being sent says: the write that failed said why. */
const FAILED_AT_CLOSE: Partial<Record<RefusalCode, string>> = {
  payload_too_large: NOT_KEPT,
  not_stored: NOT_KEPT,
  disk_full: 'This upload failed and was not kept: there is no room on our side just now. Send it again later.',
};

export function serveSftpSession(sftp: SFTPWrapper, ctx: SftpSessionContext): { end(): Promise<void> } {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  let ended = false;

  const reply = (fn: () => void) => {
    try {
      fn();
    } catch {
      // The channel closed under us: nothing left to answer.
    }
  };
  const status = (id: number, code: number, message?: string) => reply(() => sftp.status(id, code, message));

  const newHandle = (h: Handle): Buffer => {
    const n = nextHandle++;
    handles.set(n, h);
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const handleOf = (b: Buffer): [number, Handle | undefined] => {
    if (b.length !== 4) return [0, undefined];
    const n = b.readUInt32BE();
    return [n, handles.get(n)];
  };

  const uploadsInProgress = () => [...handles.values()].filter((h): h is Upload => h.kind === 'upload' && !h.file.failure);
  /** A refusal, told to the partner with its reason, and logged as a kind of event. */
  const refuse = (id: number, r: UploadRefused, message = r.message) => {
    const event = REFUSAL_LOG[r.code];
    if (event) ctx.log(event);
    status(id, STATUS_CODE.FAILURE, message);
  };

  async function attrsOf(path: string): Promise<Attributes | undefined> {
    const p = resolveSftpPath(path);
    switch (p.kind) {
      case 'root':
        return dirAttrs(ROOT_PERM);
      case 'inbox':
        return dirAttrs(INBOX_PERM);
      case 'outbox':
        return dirAttrs(OUTBOX_PERM);
      case 'inbox-file': {
        const u = uploadsInProgress().find((h) => h.name === p.name);
        return u ? fileAttrs(INBOX_FILE_PERM, u.file.bytes) : undefined;
      }
      case 'outbox-file': {
        const s = await outboxFile(ctx.outboxDir, p.name);
        return s ? statAttrs(s) : undefined;
      }
      case 'none':
        return undefined;
    }
  }

  async function listing(path: string): Promise<FileEntry[] | undefined> {
    const p = resolveSftpPath(path);
    if (p.kind === 'root') return rootEntries();
    if (p.kind === 'inbox') return uploadsInProgress().map((u) => entry(u.name, fileAttrs(INBOX_FILE_PERM, u.file.bytes)));
    if (p.kind === 'outbox') return outboxEntries(ctx.outboxDir);
    return undefined;
  }

  async function openUpload(id: number, name: string, flags: number): Promise<void> {
    if (flags & OPEN_MODE.READ) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Files in /inbox can be written, not read.');
    if (flags & OPEN_MODE.APPEND) return status(id, STATUS_CODE.OP_UNSUPPORTED, 'Resuming an upload is not supported: send the whole file again.');
    // Told before sending, not after: a file over the allowance would be refused when closed.
    const before = await refusalBeforeSending(ctx.gate, ctx.feed);
    if (before) return refuse(id, before);
    let file: StagingFile;
    try {
      file = await openStagingFile(ctx.gate);
    } catch (e) {
      if (e instanceof UploadRefused) return refuse(id, e);
      throw e;
    }
    if (ended) return file.abandon();
    ctx.log('upload started');
    reply(() => sftp.handle(id, newHandle({ kind: 'upload', name, file })));
  }

  async function openDownload(id: number, name: string, flags: number): Promise<void> {
    if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) {
      return status(id, STATUS_CODE.PERMISSION_DENIED, '/outbox is read-only.');
    }
    if (!isReport(name)) return status(id, STATUS_CODE.NO_SUCH_FILE);
    // O_NOFOLLOW: a symbolic link in the outbox is never followed, wherever it points.
    const file = await open(join(ctx.outboxDir, name), fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW).catch(() => undefined);
    if (!file) return status(id, STATUS_CODE.NO_SUCH_FILE);
    if (!(await file.stat()).isFile()) {
      await file.close();
      return status(id, STATUS_CODE.NO_SUCH_FILE);
    }
    reply(() => sftp.handle(id, newHandle({ kind: 'download', file })));
  }

  async function write(id: number, u: Upload, offset: number, data: Buffer): Promise<void> {
    try {
      await u.file.write(data, offset);
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      // Why is said once, on the write that failed; the writes a client sent after it (they go
      // out side by side) are told only that the file has failed.
      if (u.told) return status(id, STATUS_CODE.FAILURE, NOT_KEPT);
      u.told = true;
      return refuse(id, e);
    }
    status(id, STATUS_CODE.OK);
  }

  /** The partner has sent the whole file: it is queued, then applied. */
  async function complete(id: number, u: Upload): Promise<void> {
    let jobId: number;
    try {
      jobId = await queueStagedFile(ctx.gate, u.file, { feed: ctx.feed, fileName: u.name, via: 'sftp', outbox: ctx.outboxDir });
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      return refuse(id, e, FAILED_AT_CLOSE[e.code]);
    }
    ctx.log(`upload received (${u.file.bytes} bytes), queued as job ${jobId}`);
    status(id, STATUS_CODE.OK);
  }

  const on = <A extends unknown[]>(event: string, fn: (id: number, ...args: A) => Promise<void> | void) => {
    sftp.on(event, (id: number, ...args: A) => {
      if (ended) return status(id, STATUS_CODE.FAILURE);
      ctx.onActivity?.();
      Promise.resolve()
        .then(() => fn(id, ...args))
        .catch(() => {
          ctx.log(`sftp ${event.toLowerCase()} failed`);
          status(id, STATUS_CODE.FAILURE);
        });
    });
  };

  on('REALPATH', (id, path: string) => reply(() => sftp.name(id, [{ filename: normaliseSftpPath(path), longname: normaliseSftpPath(path), attrs: {} as Attributes }])));

  const stat = async (id: number, path: string) => {
    const a = await attrsOf(path);
    if (a) reply(() => sftp.attrs(id, a));
    else status(id, STATUS_CODE.NO_SUCH_FILE);
  };
  on('STAT', stat);
  on('LSTAT', stat);

  on('OPENDIR', async (id, path: string) => {
    if (handles.size >= MAX_HANDLES) return status(id, STATUS_CODE.FAILURE, 'Too many open files.');
    const entries = await listing(path);
    if (entries) return reply(() => sftp.handle(id, newHandle({ kind: 'listing', entries })));
    status(id, (await attrsOf(path)) ? STATUS_CODE.FAILURE : STATUS_CODE.NO_SUCH_FILE, 'Not a folder.');
  });

  on('READDIR', (id, handle: Buffer) => {
    const [, h] = handleOf(handle);
    if (h?.kind !== 'listing') return status(id, STATUS_CODE.FAILURE, 'Not an open folder.');
    if (h.entries.length === 0) return status(id, STATUS_CODE.EOF);
    reply(() => sftp.name(id, h.entries.splice(0, DIR_BATCH)));
  });

  on('OPEN', async (id, path: string, flags: number) => {
    if (handles.size >= MAX_HANDLES) return status(id, STATUS_CODE.FAILURE, 'Too many open files.');
    const p = resolveSftpPath(path);
    const writing = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) !== 0;
    switch (p.kind) {
      case 'inbox-file':
        if (!(flags & OPEN_MODE.WRITE)) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Files in /inbox can be written, not read.');
        return openUpload(id, p.name, flags);
      case 'outbox-file':
        return openDownload(id, p.name, flags);
      case 'root':
      case 'inbox':
      case 'outbox':
        return status(id, STATUS_CODE.FAILURE, 'That is a folder.');
      case 'none':
        if (writing) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Upload files into /inbox.');
        return status(id, STATUS_CODE.NO_SUCH_FILE);
    }
  });

  on('WRITE', async (id, handle: Buffer, offset: number, data: Buffer) => {
    const [, h] = handleOf(handle);
    if (h?.kind !== 'upload') return status(id, h ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE, h ? 'Not open for writing.' : 'Not an open file.');
    await write(id, h, offset, data);
  });

  on('READ', async (id, handle: Buffer, offset: number, length: number) => {
    const [, h] = handleOf(handle);
    if (h?.kind !== 'download') return status(id, h ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE, h ? 'Not open for reading.' : 'Not an open file.');
    const buf = Buffer.alloc(Math.min(Math.max(length, 0), MAX_READ));
    const { bytesRead } = await h.file.read(buf, 0, buf.length, offset);
    if (bytesRead === 0) return status(id, STATUS_CODE.EOF);
    reply(() => sftp.data(id, buf.subarray(0, bytesRead)));
  });

  on('FSTAT', async (id, handle: Buffer) => {
    const [, h] = handleOf(handle);
    if (!h) return status(id, STATUS_CODE.FAILURE, 'Not an open file.');
    if (h.kind === 'listing') return reply(() => sftp.attrs(id, dirAttrs(OUTBOX_PERM)));
    if (h.kind === 'upload') return reply(() => sftp.attrs(id, fileAttrs(INBOX_FILE_PERM, h.file.bytes)));
    const s = await h.file.stat();
    reply(() => sftp.attrs(id, statAttrs(s)));
  });

  // A client that keeps the file's times or mode (put -p) is told yes; they are not kept.
  on('FSETSTAT', (id, handle: Buffer) => {
    const [, h] = handleOf(handle);
    status(id, h?.kind === 'upload' ? STATUS_CODE.OK : STATUS_CODE.PERMISSION_DENIED);
  });

  on('CLOSE', async (id, handle: Buffer) => {
    const [n, h] = handleOf(handle);
    if (!h) return status(id, STATUS_CODE.FAILURE, 'Not an open file.');
    handles.delete(n);
    if (h.kind === 'upload') return complete(id, h);
    if (h.kind === 'download') await h.file.close().catch(() => {});
    status(id, STATUS_CODE.OK);
  });

  // Clients that keep a file's time set it by path after closing it (WinSCP does): told yes for
  // /inbox, as the file has already gone to be applied.
  on('SETSTAT', (id, path: string) => {
    if (resolveSftpPath(path).kind === 'inbox-file') return status(id, STATUS_CODE.OK);
    ctx.log('refused setstat');
    status(id, STATUS_CODE.PERMISSION_DENIED, 'Files here can only be uploaded to /inbox and read from /outbox.');
  });
  for (const event of ['REMOVE', 'RMDIR', 'MKDIR', 'RENAME', 'SYMLINK']) {
    on(event, (id) => {
      ctx.log(`refused ${event.toLowerCase()}`);
      status(id, STATUS_CODE.PERMISSION_DENIED, 'Files here can only be uploaded to /inbox and read from /outbox.');
    });
  }
  on('READLINK', (id) => status(id, STATUS_CODE.OP_UNSUPPORTED));
  // The client has said all it will (EOF): close the channel so that it can exit.
  sftp.on('end', () => reply(() => sftp.end()));
  // A malformed packet ends this session (ssh2 closes it), never the process.
  sftp.on('error', () => ctx.log('sftp protocol error: session closed'));

  return {
    /** The connection has gone: every upload not closed is deleted, never applied. */
    async end() {
      if (ended) return;
      ended = true;
      const open = [...handles.values()];
      handles.clear();
      let abandoned = 0;
      for (const h of open) {
        if (h.kind === 'upload') {
          if (!h.file.failure) abandoned++;
          await h.file.abandon();
        } else if (h.kind === 'download') await h.file.close().catch(() => {});
      }
      if (abandoned > 0) ctx.log(`connection ended during ${abandoned} upload(s): part file(s) deleted, nothing applied`);
    },
  };
}
