// `pnpm bench:ingest`: generates a police feed of a million rows over the default synthetic
// borough, then applies it end to end (parse, validate, match addresses and people, write) on
// PostgreSQL and on PGlite, each in a fresh database and its own process, and prints rows per
// second, the ingest process's CPU-seconds (user + system: a fairer figure than wall time on a
// busy machine) and its peak memory, beside the aims. After each run it measures the
// database's own floor on that run's rows (databaseFloor) and prints how far the pipeline is from it.
// Options: --rows N (default 1,000,000), --backend both|postgres|pglite, --url postgres://...
// (server; a bench database is made on it), --runs N (each backend N times, fresh database each
// time; medians reported), --compare-thread (also on PostgreSQL with the rows read and matched in
// the ingest's own thread instead of the worker thread, to show what the worker wins), --seed N
// (the borough's seed, default 1, the demo's; another seed is a borough nobody tuned against),
// --profile DIR (each ingest process writes a CPU profile of each of its threads into DIR, for
// profile-top.ts to read: where the pipeline's CPU goes, without editing the benchmark).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { createServerDatabase, openDatabase, sql, type Database } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    backend: { type: 'string', default: 'both' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'compare-thread': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const ROWS = Number(args.rows);
const AIMS = { rowsPerSecond: 20_000, peakMb: 1024 };
// The feed is a year of police activity up to this day, applied as that night's upload (the
// child is given the time): rows over 12 months old at upload are refused, as retention would take them.
const AS_OF = '2026-06-30';
const UPLOADED_AT = '2026-07-01T02:00:00Z';

interface ChildResult {
  seconds: number;
  /** The ingest process's CPU time, user + system, all threads. */
  cpuSeconds: number;
  rows: number;
  accepted: number;
  rejected: number;
  peakMb: number;
  /** The database alone storing the same rows again (databaseFloor), in seconds. */
  floorSeconds?: number;
}

/** Runs the ingest in a child process, so its peak memory is the pipeline's own. */
function ingestInChild(env: Record<string, string>, file: string): Promise<ChildResult> {
  const profiling = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolvePath(args.profile)}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profiling, '--import', 'tsx', join(import.meta.dirname, 'ingest-child.ts'), file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`ingest child ended with ${code}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>, gazetteer: string, teams: string): Promise<number> {
  const t0 = performance.now();
  await database.migrate();
  await loadTeams(database, teams);
  await loadGazetteer(database, gazetteer);
  return (performance.now() - t0) / 1000;
}

/** The tables that hold nearly all of what an ingest writes, in the order their keys need. */
const STORED = ['persons', 'person_records', 'involvements'] as const;

/**
 * The database's own share of an ingest, measured on what the run stored: its persons, person
 * records and involvements are copied aside, the tables emptied, and the rows stored again by
 * the database alone (INSERT ... SELECT, one transaction, the same indexes and foreign keys): no
 * file, no Node, no client, no parsing. The pipeline cannot store its rows faster than this, so
 * it shows how much of the time is the database's and how much the pipeline's own.
 */
async function databaseFloor(database: Database): Promise<number> {
  for (const t of STORED) await database.query(sql.raw(`CREATE TABLE floor_${t} AS TABLE ${t}`));
  // CASCADE: the review queues point at person records; the floor leaves them out.
  await database.query(sql.raw(`TRUNCATE ${STORED.join(', ')} CASCADE`));
  const t0 = performance.now();
  await database.db.transaction(async (tx) => {
    for (const t of STORED) await tx.execute(sql.raw(`INSERT INTO ${t} SELECT * FROM floor_${t}`));
  });
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The median run by time (its memory is the median of the runs' peaks), with every run's time. */
function summarise(runs: ChildResult[]): ChildResult & { times: number[] } {
  const seconds = median(runs.map((r) => r.seconds));
  const floors = runs.flatMap((r) => (r.floorSeconds === undefined ? [] : [r.floorSeconds]));
  return {
    ...runs[0]!,
    seconds,
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    peakMb: median(runs.map((r) => r.peakMb)),
    times: runs.map((r) => r.seconds),
    floorSeconds: floors.length > 0 ? median(floors) : undefined,
  };
}

function line(label: string, r: ChildResult & { times?: number[] }): string {
  const perSecond = r.rows / r.seconds;
  return (
    `${label.padEnd(11)} ${r.rows.toLocaleString('en-GB')} rows (${r.accepted.toLocaleString('en-GB')} accepted, ${r.rejected.toLocaleString('en-GB')} rejected) ` +
    `in ${r.seconds.toFixed(1)} s = ${Math.round(perSecond).toLocaleString('en-GB')} rows/s ` +
    `(aim ${AIMS.rowsPerSecond.toLocaleString('en-GB')}: ${perSecond >= AIMS.rowsPerSecond ? 'met' : `${(perSecond / AIMS.rowsPerSecond).toFixed(2)} of it`}), ` +
    `Node CPU ${r.cpuSeconds.toFixed(1)} s (${((r.cpuSeconds / r.rows) * 1e6).toFixed(0)} µs a row), ` +
    `peak memory ${r.peakMb.toFixed(0)} MB (aim < ${AIMS.peakMb}: ${r.peakMb < AIMS.peakMb ? 'met' : 'not met'})` +
    (r.times && r.times.length > 1 ? `; median of ${r.times.length} runs: ${r.times.map((t) => t.toFixed(1)).join(', ')} s` : '') +
    (r.floorSeconds === undefined
      ? ''
      : `\n${''.padEnd(11)} database alone, storing the same persons, person records and involvements again (same indexes and ` +
        `foreign keys, INSERT ... SELECT in one transaction): ${r.floorSeconds.toFixed(1)} s` +
        (r.floorSeconds > 0 ? `; the pipeline takes ${(r.seconds / r.floorSeconds).toFixed(2)}x that` : ''))
  );
}

const dir = mkdtempSync(join(tmpdir(), 'mast-ingest-bench-'));
try {
  const tg = performance.now();
  const gen = await generateBorough({ outDir: join(dir, 'borough'), seed: Number(args.seed), scale: 1, policeRows: ROWS, asOf: AS_OF });
  console.log(`generated a police feed (seed ${args.seed}) of ${gen.counts.police!.toLocaleString('en-GB')} rows over ${gen.counts.addresses!.toLocaleString('en-GB')} addresses in ${((performance.now() - tg) / 1000).toFixed(1)} s (not timed below)`);
  const results: [string, ChildResult][] = [];

  const onPostgres = async (label: string, env: Record<string, string>) => {
    const runs: ChildResult[] = [];
    for (let k = 0; k < RUNS; k++) {
      const url = await createServerDatabase(args.url!, 'mast_bench_ingest', { dropFirst: true });
      const database = await openDatabase({ url });
      const secs = await prepare(database, gen.files.gazetteer, gen.files.teams);
      await database.close();
      if (k === 0) console.log(`postgres: gazetteer and teams loaded in ${secs.toFixed(1)} s (not timed below)`);
      const run = await ingestInChild({ ...env, DATABASE_URL: url, MAST_BENCH_NOW: UPLOADED_AT }, gen.files.feeds.police);
      const after = await openDatabase({ url });
      run.floorSeconds = await databaseFloor(after);
      await after.close();
      runs.push(run);
    }
    const r = summarise(runs);
    console.log(line(label, r));
    return r;
  };
  if (args.backend !== 'pglite') results.push(['PostgreSQL', await onPostgres('PostgreSQL', {})]);
  if (args.backend !== 'pglite' && args['compare-thread']) {
    const thread = await onPostgres('PostgreSQL, rows read in the ingest thread', { MAST_INGEST_WORKER: 'never' });
    const worker = results[0]![1];
    console.log(`row stage in a worker thread / in the ingest thread: ${(thread.seconds / worker.seconds).toFixed(2)}x the rows per second, ${(worker.peakMb / thread.peakMb).toFixed(2)}x the peak memory`);
  }
  if (args.backend !== 'postgres') {
    const runs: ChildResult[] = [];
    for (let k = 0; k < RUNS; k++) {
      const dataDir = join(dir, `pglite-${k}`);
      const database = await openDatabase({ dataDir });
      const secs = await prepare(database, gen.files.gazetteer, gen.files.teams);
      await database.close();
      if (k === 0) console.log(`pglite: gazetteer and teams loaded in ${secs.toFixed(1)} s (not timed below)`);
      const run = await ingestInChild({ MAST_DATA_DIR: dataDir, DATABASE_URL: '', MAST_BENCH_NOW: UPLOADED_AT }, gen.files.feeds.police);
      const after = await openDatabase({ dataDir });
      run.floorSeconds = await databaseFloor(after);
      await after.close();
      runs.push(run);
      rmSync(dataDir, { recursive: true, force: true });
    }
    const r = summarise(runs);
    console.log(line('PGlite', r));
    results.push(['PGlite', r]);
  }
  const pg = results.find(([b]) => b === 'PostgreSQL')?.[1];
  const lite = results.find(([b]) => b === 'PGlite')?.[1];
  if (pg && lite) {
    console.log(`PGlite / PostgreSQL: ${(pg.seconds / lite.seconds).toFixed(2)}x the rows per second (aim at least 0.67)`);
    // What the two databases alone allow: when both pipelines reach their floors, the ratio is
    // the floors' ratio, however fast the pipeline's own work becomes.
    if (pg.floorSeconds && lite.floorSeconds) {
      console.log(`            the databases alone, storing the same rows: ${(pg.floorSeconds / lite.floorSeconds).toFixed(2)}x (the ratio once both pipelines reach their floors)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
