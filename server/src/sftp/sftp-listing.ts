// What a partner's SFTP client is shown of the virtual tree: the attributes of "/", "/inbox",
// "/outbox" and their files, and the lines `ls -l` prints, worded as OpenSSH's server words them.
// The outbox is read from disk; nothing here follows a link or reads outside it.
import { constants as fsConstants, type Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attributes, FileEntry } from 'ssh2';
import { isPlainName } from './sftp-paths.ts';

const DIR = fsConstants.S_IFDIR;
const REG = fsConstants.S_IFREG;
// Root and outbox can be read, the inbox only written to (its listing shows only the files this
// session is sending).
export const ROOT_PERM = 0o555;
export const INBOX_PERM = 0o333;
export const OUTBOX_PERM = 0o555;
/** A file being sent into /inbox: the partner's to write, not to read. */
export const INBOX_FILE_PERM = 0o200;
export const OUTBOX_FILE_PERM = 0o444;

const nowSeconds = () => Math.floor(Date.now() / 1000);
export const dirAttrs = (perm: number): Attributes => ({ mode: DIR | perm, uid: 0, gid: 0, size: 0, atime: nowSeconds(), mtime: nowSeconds() });
export const fileAttrs = (perm: number, size: number, mtime = nowSeconds()): Attributes => ({ mode: REG | perm, uid: 0, gid: 0, size, atime: mtime, mtime });
export const statAttrs = (s: Stats): Attributes => fileAttrs(OUTBOX_FILE_PERM, s.size, Math.floor(s.mtimeMs / 1000));

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
export const entry = (filename: string, attrs: Attributes): FileEntry => ({ filename, longname: longname(filename, attrs), attrs });

export const rootEntries = (): FileEntry[] => [entry('inbox', dirAttrs(INBOX_PERM)), entry('outbox', dirAttrs(OUTBOX_PERM))];

/** Names a report may have: dot files (a report being written) are never shown. */
export const isReport = (name: string) => isPlainName(name) && !name.startsWith('.');

/** A report in the outbox, if `name` is one: a plain file, never a link. */
export async function outboxFile(outboxDir: string, name: string): Promise<Stats | undefined> {
  if (!isReport(name)) return undefined;
  const s = await lstat(join(outboxDir, name)).catch(() => undefined);
  return s?.isFile() ? s : undefined;
}

/** The outbox's reports, by name. */
export async function outboxEntries(outboxDir: string): Promise<FileEntry[]> {
  const names = await readdir(outboxDir, { withFileTypes: true }).catch(() => []);
  const entries: FileEntry[] = [];
  for (const d of names.filter((d) => d.isFile() && isReport(d.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const s = await outboxFile(outboxDir, d.name);
    if (s) entries.push(entry(d.name, statAttrs(s)));
  }
  return entries;
}
