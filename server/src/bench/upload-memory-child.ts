// Uploads applied one after another in one process, as the server applies them (for
// bench:upload-memory, which starts it with --expose-gc): after each, a full collection and the
// process's memory then, one JSON line per upload. Reads the list of files from argv[2] (JSON).
import { openDatabase } from '@mast/db';
import type { FeedId } from '@mast/shared';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { applyHeapPolicy } from '../runtime/heap-policy.ts';
import { ingestRowStage } from '../config.ts';

export interface UploadFile {
  feed: FeedId;
  path: string;
  /** When it arrived (ISO): each file is that day's. */
  receivedAt: string;
}

export interface UploadMemory {
  /** 0 before the first upload. */
  upload: number;
  feed?: FeedId;
  rows?: number;
  accepted?: number;
  cpuSeconds?: number;
  heapUsed: number;
  external: number;
  rss: number;
}

applyHeapPolicy();
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
const files = JSON.parse(process.argv[2]!) as UploadFile[];
const now = new Date(process.env.MAST_BENCH_NOW!);
const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase(url ? { url } : { dataDir: process.env.MAST_DATA_DIR! });

const report = async (line: Omit<UploadMemory, 'heapUsed' | 'external' | 'rss'>) => {
  // Array buffers a collection found dead are freed on another thread just after it: a second
  // collection a moment later counts only what is still held.
  collect();
  await new Promise((r) => setTimeout(r, 200));
  collect();
  const m = process.memoryUsage();
  console.log(JSON.stringify({ ...line, heapUsed: m.heapUsed, external: m.external, rss: m.rss } satisfies UploadMemory));
};
await report({ upload: 0 });
for (const [i, f] of files.entries()) {
  const cpu0 = process.cpuUsage();
  const r = await ingestFeedFile(database, { feed: f.feed, path: f.path, now, receivedAt: new Date(f.receivedAt), rowStage: ingestRowStage() });
  const cpu = process.cpuUsage(cpu0);
  await report({ upload: i + 1, feed: f.feed, rows: r.rows, accepted: r.accepted, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
}
await database.close();
