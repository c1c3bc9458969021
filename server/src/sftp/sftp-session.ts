// One partner's SFTP session: a file written to /inbox goes to a ".part" file in the staging
// folder and is queued to be applied only when the partner closes it (a connection that drops
// first leaves nothing to apply, and its part is deleted); /outbox is read-only and holds that
// feed's reports. Files count against the feed's hourly limit, shared with HTTPS. Answers every
// request with a status, never by throwing; logs only kinds of events, never a file's name or
// contents (a name can carry a person's name).
import { randomUUID } from 'node:crypto';
import { constants as fsConstants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import type { FeedId } from '@mast/shared';
import type { Database } from '@mast/db';
import { countUpload, uploadsThisHour } from '../feeds/upload-allowance.ts';
import { enqueueUpload, stagingDir } from '../feeds/uploads.ts';
import { isPlainName, normaliseSftpPath, resolveSftpPath } from './sftp-paths.ts';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

/** Open handles one session may hold: enough for any client, not enough to run out of files. */
const MAX_HANDLES = 64;
/** Entries per READDIR answer, to stay well inside a client's packet limit. */
const DIR_BATCH = 100;
/** The most one READ answers: OpenSSH asks for 32 KB and takes packets up to 256 KB. */
const MAX_READ = 64 * 1024;

// The same counter as uploads over HTTPS (routes/feed-uploads.ts): a partner using both ways
// gets one allowance, not two.

export interface SftpSessionContext {
  feed: FeedId;
  database: Database;
  dataDir: string;
  /** This feed's reports: `<dataDir>/sftp/<feed>/outbox`. */
  outboxDir: string;
  maxUploadBytes: number;
  /** Files this feed may send per hour, over SFTP and HTTPS together. */
  uploadsPerHour: number;
  now(): Date;
  jobs: { wake(): void };
  log(event: string): void;
  /** Told of every request, so an idle connection can be closed. */
  onActivity?(): void;
}

interface Upload {
  kind: 'upload';
  name: string;
  file: FileHandle;
  partPath: string;
  bytes: number;
  /** Writes still being made; each marks the upload failed before it settles, if it fails. */
  writes: Set<Promise<void>>;
  failed: boolean;
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

const DIR = fsConstants.S_IFDIR;
const REG = fsConstants.S_IFREG;
const now = () => Math.floor(Date.now() / 1000);
const dirAttrs = (perm: number): Attributes => ({ mode: DIR | perm, uid: 0, gid: 0, size: 0, atime: now(), mtime: now() });
const fileAttrs = (perm: number, size: number, mtime = now()): Attributes => ({ mode: REG | perm, uid: 0, gid: 0, size, atime: mtime, mtime });
// Root and outbox can be read, the inbox only written to (its listing shows only the files this
// session is sending).
const ROOT_PERM = 0o555;
const INBOX_PERM = 0o333;
const OUTBOX_PERM = 0o555;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function permString(mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (1 << (8 - i)) ? c : '-'));
  return `${mode & DIR ? 'd' : '-'}${bits.join('')}`;
}
/** What `ls -l` prints, as OpenSSH's server words it. */
function longname(name: string, a: Attributes): string {
  const t = new Date(a.mtime * 1000);
  const when = `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  return `${permString(a.mode)}    1 mast     mast     ${String(a.size).padStart(8)} ${when} ${name}`;
}
const entry = (filename: string, attrs: Attributes): FileEntry => ({ filename, longname: longname(filename, attrs), attrs });

const isReport = (name: string) => isPlainName(name) && !name.startsWith('.');

export function serveSftpSession(sftp: SFTPWrapper, ctx: SftpSessionContext): { end(): Promise<void> } {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  let ended = false;
  const staging = stagingDir(ctx.dataDir);

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

  const uploadsInProgress = () => [...handles.values()].filter((h): h is Upload => h.kind === 'upload' && !h.failed);

  async function outboxFile(name: string): Promise<Stats | undefined> {
    if (!isReport(name)) return undefined;
    const s = await lstat(join(ctx.outboxDir, name)).catch(() => undefined);
    return s?.isFile() ? s : undefined;
  }

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
        return u ? fileAttrs(0o200, u.bytes) : undefined;
      }
      case 'outbox-file': {
        const s = await outboxFile(p.name);
        return s ? fileAttrs(0o444, s.size, Math.floor(s.mtimeMs / 1000)) : undefined;
      }
      case 'none':
        return undefined;
    }
  }

  async function listing(path: string): Promise<FileEntry[] | undefined> {
    const p = resolveSftpPath(path);
    if (p.kind === 'root') return [entry('inbox', dirAttrs(INBOX_PERM)), entry('outbox', dirAttrs(OUTBOX_PERM))];
    if (p.kind === 'inbox') return uploadsInProgress().map((u) => entry(u.name, fileAttrs(0o200, u.bytes)));
    if (p.kind !== 'outbox') return undefined;
    const names = await readdir(ctx.outboxDir, { withFileTypes: true }).catch(() => []);
    const entries: FileEntry[] = [];
    for (const d of names.filter((d) => d.isFile() && isReport(d.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      const s = await outboxFile(d.name);
      if (s) entries.push(entry(d.name, fileAttrs(0o444, s.size, Math.floor(s.mtimeMs / 1000))));
    }
    return entries;
  }

  /** Stops an upload: its part file is deleted, nothing of it is applied. */
  async function abandon(u: Upload): Promise<void> {
    u.failed = true;
    await Promise.all([...u.writes]);
    await u.file.close().catch(() => {});
    await rm(u.partPath, { force: true });
  }

  async function openUpload(id: number, name: string, flags: number): Promise<void> {
    if (flags & OPEN_MODE.READ) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Files in /inbox can be written, not read.');
    if (flags & OPEN_MODE.APPEND) return status(id, STATUS_CODE.OP_UNSUPPORTED, 'Resuming an upload is not supported: send the whole file again.');
    // Told before sending, not after: a file over the limit would be refused when closed.
    if ((await uploadsThisHour(ctx.database.db, ctx.feed, ctx.now())) >= ctx.uploadsPerHour) {
      ctx.log('upload refused: over the hourly limit');
      return status(id, STATUS_CODE.FAILURE, overHourlyLimit());
    }
    await mkdir(staging, { recursive: true, mode: 0o700 });
    const partPath = join(staging, `${randomUUID()}.csv.part`);
    const file = await open(partPath, 'wx', 0o600);
    if (ended) {
      await file.close();
      await rm(partPath, { force: true });
      return;
    }
    ctx.log('upload started');
    reply(() => sftp.handle(id, newHandle({ kind: 'upload', name, file, partPath, bytes: 0, writes: new Set(), failed: false })));
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

  const overHourlyLimit = () => `This feed has sent ${ctx.uploadsPerHour} files this hour, the most it may; nothing was kept: try again next hour.`;

  async function write(id: number, u: Upload, offset: number, data: Buffer): Promise<void> {
    if (u.failed) return status(id, STATUS_CODE.FAILURE, 'This upload has failed: send the file again.');
    if (offset + data.length > ctx.maxUploadBytes) {
      ctx.log('upload refused: larger than the limit');
      const limit = ctx.maxUploadBytes >= 1e6 ? `${Math.round(ctx.maxUploadBytes / 1e6)} MB` : `${ctx.maxUploadBytes}-byte`;
      status(id, STATUS_CODE.FAILURE, `The file is larger than the ${limit} limit; nothing was kept.`);
      await abandon(u);
      return;
    }
    let written = false;
    // The upload is marked failed before this settles, so whoever waits for it sees the failure.
    const w = u.file.write(data, 0, data.length, offset).then(
      () => {
        written = true;
        u.bytes = Math.max(u.bytes, offset + data.length);
      },
      () => {
        u.failed = true;
      },
    );
    u.writes.add(w);
    await w;
    u.writes.delete(w);
    if (written) return status(id, STATUS_CODE.OK);
    ctx.log('upload failed: could not write the part file');
    status(id, STATUS_CODE.FAILURE, 'The file could not be stored: send it again later.');
    void abandon(u);
  }

  /** The partner has sent the whole file: it is renamed into place and queued, then applied. */
  async function complete(id: number, u: Upload): Promise<void> {
    // Writes still being made finish first: one that failed (a full disk) left a hole in the file.
    await Promise.all([...u.writes]);
    if (u.failed) {
      await abandon(u);
      return status(id, STATUS_CODE.FAILURE, 'This upload failed and was not kept: send the file again.');
    }
    const finalPath = u.partPath.slice(0, -'.part'.length);
    try {
      // Counted once whole, so that a dropped connection costs the partner nothing.
      if ((await countUpload(ctx.database.db, ctx.feed, ctx.now())) > ctx.uploadsPerHour) {
        ctx.log('upload refused: over the hourly limit');
        await abandon(u);
        return status(id, STATUS_CODE.FAILURE, overHourlyLimit());
      }
      await u.file.close();
      await rename(u.partPath, finalPath);
      await enqueueUpload(ctx.database, { feed: ctx.feed, stagedPath: finalPath, fileName: u.name, via: 'sftp', outbox: ctx.outboxDir });
    } catch {
      ctx.log('upload failed: could not be queued');
      await abandon(u);
      await rm(finalPath, { force: true });
      return status(id, STATUS_CODE.FAILURE, 'The file could not be queued: send it again later.');
    }
    ctx.log(`upload received (${u.bytes} bytes), queued`);
    ctx.jobs.wake();
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
    if (h.kind === 'upload') return reply(() => sftp.attrs(id, fileAttrs(0o200, h.bytes)));
    const s = await h.file.stat();
    reply(() => sftp.attrs(id, fileAttrs(0o444, s.size, Math.floor(s.mtimeMs / 1000))));
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
          if (!h.failed) abandoned++;
          await abandon(h);
        } else if (h.kind === 'download') await h.file.close().catch(() => {});
      }
      if (abandoned > 0) ctx.log(`connection ended during ${abandoned} upload(s): part file(s) deleted, nothing applied`);
    },
  };
}
