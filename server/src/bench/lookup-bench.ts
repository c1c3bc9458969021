// `pnpm bench:lookup`: loads the default synthetic borough into PostgreSQL through the feed
// pipeline, then measures the address summary and the type-ahead over HTTP with concurrent
// clients, beside the same queries run directly against the database (the floor).
// Options: --scale X (borough size, default 1), --clients N (default 16), --seconds S per round
// (default 10), --rounds R (default 3), --url postgres://... (server; a bench database is made on it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { FEED_IDS } from '@mast/shared';
import { createServerDatabase, openDatabase, sql, type Database } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadAddressMatcher } from '../matching/load-address-matcher.ts';
import { seedDemoUsers, DEMO_USERS } from '../seed/demo-users.ts';
import { findAddresses } from '../lookup/address-search.ts';
import { getAddressSummary } from '../lookup/address-summary.ts';
import { Rng } from '../demo/prng.ts';
import { medianResult, runLoad, type LoadResult } from './load.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const scale = Number(args.scale);
const clients = Number(args.clients);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);

const AIMS = { summaryP95: 20, typeaheadP95: 30, summariesPerSecond: 1000 };

async function loadBorough(database: Database) {
  const dir = mkdtempSync(join(tmpdir(), 'mast-bench-'));
  try {
    const t0 = performance.now();
    const gen = await generateBorough({ outDir: dir, seed: 1, scale });
    const tGen = performance.now();
    await loadTeams(database, gen.files.teams);
    const gaz = await loadGazetteer(database, gen.files.gazetteer);
    const tGaz = performance.now();
    const matcher = await loadAddressMatcher(database.db);
    let rows = 0;
    let accepted = 0;
    for (const feed of FEED_IDS) {
      const r = await ingestFeedFile(database, { feed, path: gen.files.feeds[feed], matcher });
      rows += r.rows;
      accepted += r.accepted;
    }
    const tFeeds = performance.now();
    await seedDemoUsers(database.db);
    await database.query(sql`ANALYZE`);
    return {
      generateSeconds: (tGen - t0) / 1000,
      addresses: gaz.accepted,
      gazetteerSeconds: (tGaz - tGen) / 1000,
      feedRows: rows,
      feedAccepted: accepted,
      feedSeconds: (tFeeds - tGaz) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sampleWorkload(database: Database) {
  const rng = new Rng(7, 'bench');
  const random = () => rng.next();
  // Half the summaries at addresses where something is known (what officers look up most), half anywhere.
  const involved = await database.query<{ uprn: string }>(sql`SELECT DISTINCT uprn::text FROM involvements WHERE uprn IS NOT NULL ORDER BY 1`);
  const all = await database.query<{ uprn: string; building_number: string | null; street: string; postcode: string }>(
    sql`SELECT uprn::text, building_number, street, postcode FROM addresses ORDER BY uprn`,
  );
  const uprns: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const pool = i % 2 === 0 && involved.length > 0 ? involved : all;
    uprns.push(pool[Math.floor(random() * pool.length)]!.uprn);
  }
  const queries: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const a = all[Math.floor(random() * all.length)]!;
    const street = a.street.toLowerCase();
    const kind = i % 4;
    if (kind === 0) queries.push(`${a.building_number ?? ''} ${street.slice(0, Math.max(4, Math.ceil(street.length * 0.6)))}`.trim());
    else if (kind === 1) queries.push(`${a.building_number ?? ''} ${typo(street, random)}`.trim());
    else if (kind === 2) queries.push(a.postcode.toLowerCase());
    else queries.push(street.slice(0, 5));
  }
  return { uprns, queries };
}

/** One letter dropped: the commonest typing slip on a phone. */
function typo(s: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (s.length - 2));
  return s.slice(0, i) + s.slice(i + 1);
}

function startServer(databaseUrl: string, port: number): Promise<() => void> {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), MAST_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) resolve(() => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function httpGet(agent: Agent, port: number, path: string, cookie: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function signIn(port: number): Promise<string> {
  const u = DEMO_USERS[0]!;
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u.username, password: u.password }),
  });
  if (res.status !== 200) throw new Error('bench sign-in failed');
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function rounded(fn: () => Promise<LoadResult>): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let r = 0; r < rounds; r++) results.push(await fn());
  return medianResult(results);
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
function line(name: string, r: LoadResult) {
  return `${name.padEnd(26)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p95, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${fmt(r.perSecond, 0).padStart(9)} ${String(Math.round(r.errors)).padStart(7)}`;
}

async function main() {
  console.log(`mast lookup benchmark: scale ${scale}, ${clients} concurrent clients, ${rounds} rounds of ${seconds} s (medians of the rounds)`);
  const url = await createServerDatabase(args.url!, 'mast_bench', { dropFirst: true });
  const database = await openDatabase({ url, poolSize: clients });
  await database.migrate();
  const load = await loadBorough(database);
  console.log(`\nLoading the borough (PostgreSQL):`);
  console.log(`  generated the files in ${fmt(load.generateSeconds)} s`);
  console.log(`  gazetteer: ${load.addresses} addresses in ${fmt(load.gazetteerSeconds)} s (${fmt(load.addresses / load.gazetteerSeconds, 0)} rows/s)`);
  console.log(`  feeds: ${load.feedRows} rows (${load.feedAccepted} accepted) in ${fmt(load.feedSeconds)} s (${fmt(load.feedRows / load.feedSeconds, 0)} rows/s, parse + validate + match + write)`);

  const work = await sampleWorkload(database);
  // The floor records the audit of each view too, as the HTTP route does.
  const [bench] = await database.query<{ id: number }>(sql`SELECT id FROM users WHERE username = ${DEMO_USERS[0]!.username}`);
  const benchUserId = bench!.id;
  const now = new Date();

  // The floor: the same queries, straight to the database, same concurrency, no HTTP.
  const sqlSummary = await rounded(() =>
    runLoad({ clients, seconds, request: async (i) => (await getAddressSummary(database.db, Number(work.uprns[i % work.uprns.length]), now, benchUserId)) !== null }),
  );
  const sqlSearch = await rounded(() =>
    runLoad({ clients, seconds, request: async (i) => Array.isArray(await findAddresses(database.db, work.queries[i % work.queries.length]!)) }),
  );
  await database.close();

  const port = 3900 + Math.floor(Math.random() * 90);
  const stop = await startServer(url, port);
  try {
    const cookie = await signIn(port);
    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const httpSummary = await rounded(() =>
      runLoad({ clients, seconds, request: (i) => httpGet(agent, port, `/api/addresses/${work.uprns[i % work.uprns.length]}`, cookie) }),
    );
    const httpSearch = await rounded(() =>
      runLoad({ clients, seconds, request: (i) => httpGet(agent, port, `/api/addresses?q=${encodeURIComponent(work.queries[i % work.queries.length]!)}`, cookie) }),
    );
    agent.destroy();

    console.log(`\n${'latency in ms'.padEnd(26)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'per sec'.padStart(9)} ${'errors'.padStart(7)}`);
    console.log(line('summary, HTTP', httpSummary));
    console.log(line('summary, SQL floor', sqlSummary));
    console.log(line('type-ahead, HTTP', httpSearch));
    console.log(line('type-ahead, SQL floor', sqlSearch));
    console.log(`\nHTTP / SQL floor: summary p95 x${fmt(httpSummary.p95 / sqlSummary.p95, 2)}, throughput x${fmt(httpSummary.perSecond / sqlSummary.perSecond, 2)}; type-ahead p95 x${fmt(httpSearch.p95 / sqlSearch.p95, 2)}, throughput x${fmt(httpSearch.perSecond / sqlSearch.perSecond, 2)}`);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(`Aims: summary p95 <= ${AIMS.summaryP95} ms: ${verdict(httpSummary.p95 <= AIMS.summaryP95)} (${fmt(httpSummary.p95, 2)});` +
      ` type-ahead p95 <= ${AIMS.typeaheadP95} ms: ${verdict(httpSearch.p95 <= AIMS.typeaheadP95)} (${fmt(httpSearch.p95, 2)});` +
      ` >= ${AIMS.summariesPerSecond} summaries/s: ${verdict(httpSummary.perSecond >= AIMS.summariesPerSecond)} (${fmt(httpSummary.perSecond, 0)})`);
  } finally {
    stop();
  }
}

await main();
