// One ingest, timed, in its own process (for bench:ingest): prints a JSON line with the time,
// the CPU-seconds it took (user + system, every thread of the process), the counts and the
// process's peak resident memory.
import { openDatabase } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { applyHeapPolicy } from '../runtime/heap-policy.ts';
import { ingestRowStage } from '../config.ts';

applyHeapPolicy();
const file = process.argv[2]!;
const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase(url ? { url } : { dataDir: process.env.MAST_DATA_DIR! });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const now = process.env.MAST_BENCH_NOW ? new Date(process.env.MAST_BENCH_NOW) : undefined;
const r = await ingestFeedFile(database, { feed: 'police', path: file, now, rowStage: ingestRowStage() });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await database.close();
// maxRSS is in kilobytes.
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ seconds, cpuSeconds, rows: r.rows, accepted: r.accepted, rejected: r.rejected, peakMb }));
