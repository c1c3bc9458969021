// A real full disk for tests: a tmpfs of a few kilobytes mounted over a folder, so that writes
// into it fail with ENOSPC as on a disk that has filled up. Mounting needs root (CAP_SYS_ADMIN);
// where that is not given, the caller skips with the reason this answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface TinyDisk {
  /** Unmounts it (whatever is in it goes with it). */
  unmount(): void;
}

/** Mounts a tmpfs of `bytes` over `dir`; answers why not when it cannot. */
export function mountTinyDisk(dir: string, bytes: number): TinyDisk | { unavailable: string } {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    return { unavailable: `a full disk needs a tiny tmpfs, and it could not be mounted here (mount needs root): ${String((e as Error).message).split('\n')[0]}` };
  }
  return { unmount: () => execFileSync('umount', ['-l', dir], { stdio: 'pipe' }) };
}
