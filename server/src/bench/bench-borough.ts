// A synthetic borough loaded into a PostgreSQL database of its own for the lookup benchmark,
// kept between runs: a national sample (scale 40: five million addresses, a year of partner rows)
// takes many minutes to load, so a database already loaded at the same scale and seed is used
// again, unless asked to start afresh. The database's comment says what it holds and how far its
// load got, step by step, so a load cut short is never taken for a whole one and can go on later.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEED_IDS } from '@mast/shared';
import { createServerDatabase, openDatabase, sql, type Database } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';

export interface BenchBorough {
  database: Database;
  url: string;
  name: string;
  /** False when a database loaded before at this scale and seed was used again. */
  loaded: boolean;
  /** With `noLoad`, a load not finished: the last step done ('nothing' before the gazetteer). */
  partial: string | null;
  /** Each step of the load with its time (empty when reused). */
  steps: { step: string; seconds: number; rows?: number }[];
}

/** `mast_bench_scale40`, `mast_bench_scale0_5`: one database per scale, on the server named. */
export function benchDatabaseName(scale: number): string {
  return `mast_bench_scale${String(scale).replace('.', '_')}`;
}

const marker = (scale: number, seed: number) => `mast bench borough: scale ${scale}, seed ${seed}`;
/** The steps of a load, in order; the comment names the last one finished. */
const STEPS = ['gazetteer', ...FEED_IDS, 'loaded'] as const;
type Step = (typeof STEPS)[number];

/** How far a load at this scale and seed got, from the database's comment; null when it is another borough's. */
function progressOf(comment: string | null, scale: number, seed: number): Step | null {
  const prefix = `${marker(scale, seed)}, done: `;
  if (!comment?.startsWith(prefix)) return null;
  const step = comment.slice(prefix.length);
  return (STEPS as readonly string[]).includes(step) ? (step as Step) : null;
}

/**
 * Opens the bench borough at `scale` and `seed`, loading it first when it is not there (or
 * `fresh`), or finishing a load cut short. `noLoad`: take it as far as it was loaded, and say so.
 */
export async function openBenchBorough(opts: {
  adminUrl: string;
  scale: number;
  seed: number;
  fresh: boolean;
  poolSize: number;
  noLoad?: boolean;
  log?: (line: string) => void;
}): Promise<BenchBorough> {
  const name = benchDatabaseName(opts.scale);
  const log = opts.log ?? (() => {});
  const admin = await openDatabase({ url: opts.adminUrl });
  let comment: string | null = null;
  try {
    const [r] = await admin.query<{ comment: string | null }>(sql`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${name}`);
    comment = r?.comment ?? null;
  } finally {
    await admin.close();
  }
  const done = opts.fresh ? null : progressOf(comment, opts.scale, opts.seed);
  if (opts.noLoad && done === null) throw new Error(`${name} holds no borough of scale ${opts.scale}, seed ${opts.seed}: run once without --no-load to load it`);
  let url: string;
  if (done === null) url = await createServerDatabase(opts.adminUrl, name, { dropFirst: true });
  else {
    const u = new URL(opts.adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const database = await openDatabase({ url, poolSize: opts.poolSize });
  await database.migrate();
  if (done === 'loaded') return { database, url, name, loaded: false, partial: null, steps: [] };
  // A load cut short goes on from the step after the last one finished (the files are made again:
  // the same scale and seed make the same files).
  const todo = (step: Step) => done === null || STEPS.indexOf(step) > STEPS.indexOf(done);
  const finished = (step: Step) => database.query(sql.raw(`COMMENT ON DATABASE ${name} IS '${marker(opts.scale, opts.seed)}, done: ${step}'`));
  if (opts.noLoad) {
    // A load cut short never reached its ANALYZE: the planner needs the statistics.
    await database.query(sql`ANALYZE`);
    return { database, url, name, loaded: false, partial: done ?? 'nothing', steps: [] };
  }
  const steps: BenchBorough['steps'] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mast-bench-'));
  try {
    let t = performance.now();
    const step = (label: string, rows?: number) => {
      const now = performance.now();
      const s = { step: label, seconds: (now - t) / 1000, rows };
      steps.push(s);
      log(`  ${label}: ${s.seconds.toFixed(1)} s${rows === undefined ? '' : ` (${rows.toLocaleString('en-GB')} rows, ${Math.round(rows / s.seconds).toLocaleString('en-GB')} rows/s)`}`);
      t = now;
    };
    log(`Loading the scale-${opts.scale} borough (seed ${opts.seed}) into ${name}${done ? `, going on after ${done}` : ''}; it is kept for later runs (--fresh loads it again).`);
    const gen = await generateBorough({ outDir: dir, seed: opts.seed, scale: opts.scale });
    step(`generated the files (${(gen.counts.addresses ?? 0).toLocaleString('en-GB')} addresses)`);
    if (todo('gazetteer')) {
      await loadTeams(database, gen.files.teams);
      const gaz = await loadGazetteer(database, gen.files.gazetteer);
      step('gazetteer', gaz.accepted);
      await finished('gazetteer');
    }
    for (const feed of FEED_IDS) {
      if (!todo(feed)) continue;
      // In the kept worker, as the demo borough's feeds are (demo-borough.ts): one matcher for every file, two cores.
      const r = await ingestFeedFile(database, { feed, path: gen.files.feeds[feed], rowStage: 'worker' });
      step(`feed ${feed} (parse, validate, match, write; ${r.accepted.toLocaleString('en-GB')} accepted)`, r.rows);
      await finished(feed);
    }
    await seedDemoUsers(database.db);
    await database.query(sql`ANALYZE`);
    step('demo users and ANALYZE');
    await finished('loaded');
  } catch (error) {
    await database.close();
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { database, url, name, loaded: true, partial: null, steps };
}
