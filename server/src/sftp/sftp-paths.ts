// The tree a partner sees over SFTP: "/" holding "/inbox" (uploads) and "/outbox" (reports).
// It is virtual: a path is only ever mapped to one of these five shapes, never joined onto a
// folder on disk, so "..", absolute paths and odd names cannot reach anything else.
import { posix } from 'node:path';

export type SftpPath =
  | { kind: 'root' }
  | { kind: 'inbox' }
  | { kind: 'outbox' }
  | { kind: 'inbox-file'; name: string }
  | { kind: 'outbox-file'; name: string }
  /** Anything else: does not exist. */
  | { kind: 'none' };

/** An absolute, normalised path ("." and ".." folded, at most up to "/"). The session's
 * working folder is "/", so a relative path starts there. */
export function normaliseSftpPath(path: string): string {
  const p = posix.normalize(`/${path}`);
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** A name a file may have in /inbox or /outbox: one path segment, printable. */
export function isPlainName(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) <= 255 && name !== '.' && name !== '..' && !/[\u0000-\u001f\u007f/\\]/.test(name);
}

export function resolveSftpPath(path: string): SftpPath {
  if (path.includes('\u0000')) return { kind: 'none' };
  const parts = normaliseSftpPath(path).split('/').slice(1).filter((s) => s !== '');
  if (parts.length === 0) return { kind: 'root' };
  const [top, name, ...rest] = parts;
  if (rest.length > 0) return { kind: 'none' };
  if (top === 'inbox' || top === 'outbox') {
    if (name === undefined) return { kind: top };
    if (!isPlainName(name)) return { kind: 'none' };
    return top === 'inbox' ? { kind: 'inbox-file', name } : { kind: 'outbox-file', name };
  }
  return { kind: 'none' };
}
