// One ingest, timed, in its own process (for bench:ingest): prints a JSON line with the time,
// the counts and the process's peak resident memory.
import { openDatabase } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { applyHeapPolicy } from '../runtime/heap-policy.ts';

applyHeapPolicy();
const file = process.argv[2]!;
const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase(url ? { url } : { dataDir: process.env.MAST_DATA_DIR! });
const t0 = performance.now();
const now = process.env.MAST_BENCH_NOW ? new Date(process.env.MAST_BENCH_NOW) : undefined;
const r = await ingestFeedFile(database, { feed: 'police', path: file, now });
const seconds = (performance.now() - t0) / 1000;
await database.close();
// maxRSS is in kilobytes.
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ seconds, rows: r.rows, accepted: r.accepted, rejected: r.rejected, peakMb }));
