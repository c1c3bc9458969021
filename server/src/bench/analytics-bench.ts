// `pnpm bench:analytics`: the partnership's trend reports over the default borough's 36 months, on
// PostgreSQL and on PGlite. For each topic, every one of its reports read together as the reports'
// role, as the analytics page asks for them (so a topic's time is the sum of its reports'): p50 and
// p95 of --runs reads (aim: p95 <= 500 ms); the nightly making of the counts; and the monthly
// board report, for the last complete month (from the night's counts) and for one two years back
// (counted on the spot).
// Options: --scale X (default 1), --seed N (default 1, the demo's; 2 is a borough nobody tuned on),
// --runs R (default 20), --url postgres://... (a bench database is made on it).
import { parseArgs } from 'node:util';
import { REPORT_TOPICS } from '@mast/shared';
import { refreshReportCounts, sql, type Database } from '@mast/db';
import { loadDemoBorough } from '../seed/demo-borough.ts';
import { readTopic } from '../analytics/topics.ts';
import { buildMonthlyReport } from '../analytics/monthly-report.ts';
import { addMonths } from '../analytics/report-window.ts';
import { median, percentile } from './load.ts';
import { onBothBackends } from './both-backends.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const scale = Number(args.scale);
const seed = Number(args.seed);
const runs = Number(args.runs);
const AIM_P95_MS = 500;

async function ms(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchOn(name: string, database: Database, dir: string): Promise<void> {
  await database.migrate();
  const now = new Date();
  const loaded = await loadDemoBorough(database, { workDir: dir, scale, seed, now, accounts: false });
  const [live] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM involvements`);
  const [copied] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM trend_involvements`);
  console.log(`\n${name}: borough loaded in ${loaded.seconds.toFixed(1)} s: ${live!.n.toLocaleString('en-GB')} live rows, ${copied!.n.toLocaleString('en-GB')} in the pseudonymised copy`);
  const refresh: number[] = [];
  for (let r = 0; r < 3; r++) refresh.push(await ms(() => refreshReportCounts(database.db, now)));
  console.log(`  the night's counts made: median ${median(refresh).toFixed(0)} ms of 3`);
  console.log(`  ${'topic (all its reports, 36 months)'.padEnd(40)} ${'reports'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}  aim p95 <= ${AIM_P95_MS} ms`);
  for (const topic of REPORT_TOPICS) {
    const times: number[] = [];
    let reports = 0;
    await readTopic(database, topic, now, 36); // warm
    for (let r = 0; r < runs; r++) times.push(await ms(async () => (reports = (await readTopic(database, topic, now, 36)).reports.length)));
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    console.log(`  ${topic.padEnd(40)} ${String(reports).padStart(7)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}  ${p95 <= AIM_P95_MS ? 'met' : 'NOT met'}`);
  }
  const lastMonth = addMonths(now.toISOString().slice(0, 7), -1);
  for (const month of [lastMonth, addMonths(lastMonth, -24)]) {
    const times: number[] = [];
    for (let r = 0; r < 5; r++) times.push(await ms(() => buildMonthlyReport(database, REPORT_TOPICS, now, month)));
    console.log(`  monthly partnership report for ${month} (every topic): median ${median(times).toFixed(0)} ms of 5`);
  }
}

async function main() {
  console.log(`mast analytics benchmark: scale ${scale}, seed ${seed}, ${runs} reads of each topic`);
  await onBothBackends({ url: args.url!, database: 'mast_bench_analytics', scratch: 'mast-analytics-bench-' }, benchOn);
}

await main();
