// Room for a big synthetic borough: a national sample (--scale 40) holds its addresses, residents
// and a year of their contacts in memory while it is written and loaded, well past Node's default
// heap limit (about 4 GB here). The process runs itself again with a larger limit rather than
// asking everyone to remember a Node flag.
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';

/** Heap per unit of --scale, about: measured at scale 4 (addresses, residents, activity, one feed's rows), with headroom. */
const MB_PER_SCALE = 220;
const BASE_MB = 1024;
const RERUN = 'MAST_HEAP_RERUN';

export function heapNeededMb(scale: number): number {
  return Math.ceil(BASE_MB + MB_PER_SCALE * scale);
}

/**
 * When this process's heap limit is below what `scale` needs, runs the same command again in a
 * child with room enough, waits for it and exits with its status; otherwise returns.
 */
export function ensureHeapFor(scale: number): void {
  const needed = heapNeededMb(scale);
  if (getHeapStatistics().heap_size_limit / 2 ** 20 >= needed || process.env[RERUN]) return;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${needed}`, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RERUN]: '1' },
  });
  process.exit(child.status ?? 1);
}
