// `pnpm bench:lookup --scale 40`: does a lookup stay as fast on a national sample as on one
// borough? The address summary and the type-ahead, called in-process as the routes call them,
// on the scale-1 borough and on the big one in the same run (each database loaded once and kept:
// bench-borough.ts), with p50 and p95 at each and the ratio against the aim; then the plans of the
// statements behind them at the big scale, node by node, with the index each one uses and the
// buffers it touched, so a plan that falls back to scanning many rows is seen.
import { sql, addressSummaryStatement, searchStateStatement, type Database, type SQL } from '@mast/db';
import { Rng } from '../demo/prng.ts';
import { findAddresses, searchIndexFor } from '../lookup/address-search.ts';
import { getFullAddressSummary, twelveMonthsBefore } from '../lookup/address-summary.ts';

import { openBenchBorough, type BenchBorough } from './bench-borough.ts';
import { medianResult, runLoad, type LoadResult } from './load.ts';
import { typeAheadQueries } from './typeahead-queries.ts';

/** The scale-N p95 may be at most this many times the scale-1 p95. */
export const SCALE_AIM = 1.5;

interface Workload {
  uprns: number[];
  queries: string[];
}

/** Addresses to look up (half where something is known) and what people type to find them, sampled repeatably. */
async function sampleWorkload(database: Database): Promise<Workload> {
  const rng = new Rng(7, 'bench-scale');
  const random = () => rng.next();
  const [{ n } = { n: 0 }] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM addresses`);
  const share = Math.min(100, (100 * 6000) / Math.max(1, n));
  const all = await database.query<{ uprn: string; building_number: string | null; street: string; postcode: string }>(
    sql`SELECT uprn::text, building_number, street, postcode FROM addresses TABLESAMPLE BERNOULLI (${sql.raw(share.toFixed(6))}) REPEATABLE (7) ORDER BY uprn`,
  );
  const involved = await database.query<{ uprn: string }>(
    sql`SELECT DISTINCT uprn::text FROM involvements TABLESAMPLE BERNOULLI (${sql.raw(Math.min(100, share * 20).toFixed(6))}) REPEATABLE (7) WHERE uprn IS NOT NULL ORDER BY 1`,
  );
  const uprns: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const pool = i % 2 === 0 && involved.length > 0 ? involved : all;
    uprns.push(Number(pool[Math.floor(random() * pool.length)]!.uprn));
  }
  const sample = all.map((a) => ({ buildingNumber: a.building_number, street: a.street, postcode: a.postcode }));
  const queries = typeAheadQueries(sample, random, 2000);
  return { uprns, queries };
}

async function measure(borough: BenchBorough, work: Workload, o: { clients: number; seconds: number; rounds: number }) {
  const db = borough.database.db;
  const now = new Date();
  const rounds = async (fn: () => Promise<LoadResult>) => {
    const results: LoadResult[] = [];
    for (let r = 0; r < o.rounds; r++) results.push(await fn());
    return medianResult(results);
  };
  // The summary first, before the search copy fills this process's heap: at scale 40 its
  // collections would stall the summaries too, which a server's summaries would not share alike.
  const summary = await rounded(rounds, o, async (i) => (await getFullAddressSummary(db, work.uprns[i % work.uprns.length]!, now)) !== null);
  // The search copy is made by the first search after a load: not part of any round.
  const t0 = performance.now();
  const index = await searchIndexFor(db);
  const copySeconds = (performance.now() - t0) / 1000;
  const typeahead = await rounded(rounds, o, async (i) => (await findAddresses(db, work.queries[i % work.queries.length]!)).total >= 0);
  return { summary, typeahead, copySeconds, addresses: index.addresses.length };
}

function rounded(rounds: (fn: () => Promise<LoadResult>) => Promise<LoadResult>, o: { clients: number; seconds: number }, request: (i: number) => Promise<boolean>) {
  return rounds(() => runLoad({ clients: o.clients, seconds: o.seconds, request }));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** A scan the plan should not hold at scale: every row of a table, or a bitmap over many. */
const MANY_ROWS = 1000;

/** The plan of `statement`, node by node: what it reads, through which index, how many rows, which buffers. */
async function explain(database: Database, statement: SQL): Promise<{ lines: string[]; worries: string[]; ms: number; hit: number; read: number }> {
  const [r] = await database.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement}`);
  const root = r!['QUERY PLAN'][0]!;
  const lines: string[] = [];
  const worries: string[] = [];
  const walk = (node: PlanNode, depth: number) => {
    const rows = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
    const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    const via = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    if (node['Relation Name'] || node['Index Name']) {
      lines.push(`${'  '.repeat(depth)}${node['Node Type']}${on}${via}: ${rows} rows, buffers hit ${node['Shared Hit Blocks'] ?? 0} read ${node['Shared Read Blocks'] ?? 0}`);
    }
    if ((node['Node Type'] === 'Seq Scan' || node['Node Type'] === 'Bitmap Heap Scan') && rows > MANY_ROWS) worries.push(`${node['Node Type']}${on} (${rows} rows)`);
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root.Plan, 2);
  return { lines, worries: [...new Set(worries)], ms: root['Execution Time'], hit: root.Plan['Shared Hit Blocks'] ?? 0, read: root.Plan['Shared Read Blocks'] ?? 0 };
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');

export async function compareScales(o: { adminUrl: string; scale: number; seed: number; fresh: boolean; noLoad: boolean; clients: number; seconds: number; rounds: number; plans: boolean }): Promise<void> {
  console.log(`mast lookup benchmark across scales: scale 1 beside scale ${o.scale} (seed ${o.seed}); ${o.clients} concurrent clients in-process; medians of ${o.rounds} rounds of ${o.seconds} s`);
  const results = [];
  for (const scale of [1, o.scale]) {
    const borough = await openBenchBorough({ adminUrl: o.adminUrl, scale, seed: o.seed, fresh: o.fresh && scale === o.scale, noLoad: o.noLoad && scale === o.scale, poolSize: o.clients, log: console.log });
    try {
      if (borough.partial) {
        console.log(`Using ${borough.name} AS FAR AS IT WAS LOADED (--no-load): its load finished "${borough.partial}" and no further; later feeds' rows are missing, so its figures are not the whole borough's.`);
      } else if (!borough.loaded) console.log(`Using ${borough.name}, loaded before at scale ${scale}, seed ${o.seed} (--fresh loads it again).`);
      const [size] = await borough.database.query<{ size: string }>(sql`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
      const work = await sampleWorkload(borough.database);
      const heapBefore = process.memoryUsage().heapUsed;
      const m = await measure(borough, work, o);
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      console.log(
        `Scale ${scale}: ${m.addresses.toLocaleString('en-GB')} addresses, database ${size?.size ?? '?'}; the search copy made in ${fmt(m.copySeconds, 1)} s (heap about +${fmt(heapMb, 0)} MB);` +
          ` summary p50 ${fmt(m.summary.p50)} p95 ${fmt(m.summary.p95)} ms, type-ahead p50 ${fmt(m.typeahead.p50)} p95 ${fmt(m.typeahead.p95)} ms`,
      );
      let plans: string[] = [];
      let worries: string[] = [];
      if (scale === o.scale) ({ plans, worries } = await planReport(borough.database, work));
      results.push({ scale, ...m, plans, worries });
    } finally {
      await borough.database.close();
    }
  }

  const [one, big] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`\n${'in-process, ms'.padEnd(22)} ${'scale 1 p50'.padStart(12)} ${'p95'.padStart(8)} ${`scale ${o.scale} p50`.padStart(13)} ${'p95'.padStart(8)} ${'p95 ratio'.padStart(10)}  aim <= ${SCALE_AIM}x`);
  for (const [name, key] of [['address summary', 'summary'], ['type-ahead', 'typeahead']] as const) {
    const a = one[key];
    const b = big[key];
    const ratio = b.p95 / a.p95;
    console.log(
      `${name.padEnd(22)} ${fmt(a.p50).padStart(12)} ${fmt(a.p95).padStart(8)} ${fmt(b.p50).padStart(13)} ${fmt(b.p95).padStart(8)} ${`x${fmt(ratio)}`.padStart(10)}  ${ratio <= SCALE_AIM ? 'met' : 'NOT met'}` +
        (a.errors + b.errors > 0 ? ` (${a.errors + b.errors} errors)` : ''),
    );
  }
  console.log(`\nPlans at scale ${o.scale} (EXPLAIN ANALYZE, BUFFERS; shared_buffers as the server has it):`);
  for (const line of big.plans) console.log(line);
  console.log(big.worries.length === 0 ? `No sequential scan or bitmap heap scan over more than ${MANY_ROWS} rows in these plans.` : `Scans to look at: ${big.worries.join('; ')}`);
  if (!o.plans) console.log('(--plans prints each plan in full.)');

  async function planReport(database: Database, work: Workload): Promise<{ plans: string[]; worries: string[] }> {
    const out: string[] = [];
    const worries: string[] = [];
    const [sb] = await database.query<{ setting: string }>(sql`SELECT current_setting('shared_buffers') AS setting`);
    out.push(`  shared_buffers ${sb?.setting ?? '?'}`);
    const since = twelveMonthsBefore(new Date());
    // A block of flats (the summary reads its flats too) and the busiest address sampled.
    const [block] = await database.query<{ uprn: string }>(sql`SELECT parent_uprn::text AS uprn FROM addresses WHERE parent_uprn IS NOT NULL GROUP BY parent_uprn ORDER BY count(*) DESC, parent_uprn LIMIT 1`);
    const [busy] = await database.query<{ uprn: string }>(
      sql`SELECT uprn::text FROM involvements WHERE uprn = ANY(string_to_array(${work.uprns.slice(0, 200).join(',')}, ',')::bigint[]) GROUP BY uprn ORDER BY count(*) DESC, uprn LIMIT 1`,
    );
    const statements: [string, SQL][] = [
      [`address summary, the busiest address sampled`, addressSummaryStatement(Number(busy?.uprn ?? work.uprns[0]), since)],
      [`address summary, the biggest block of flats`, addressSummaryStatement(Number(block?.uprn ?? work.uprns[1]), since)],
      [`address summary, an address sampled`, addressSummaryStatement(work.uprns[1]!, since)],
      ['type-ahead: the gazetteer version (every search)', searchStateStatement(false)],
      ['type-ahead: version and sensitive places (a viewer who may not find them)', searchStateStatement(true)],
    ];
    for (const [name, statement] of statements) {
      const p = await explain(database, statement);
      out.push(`  ${name}: ${fmt(p.ms)} ms, buffers hit ${p.hit} read ${p.read}`);
      out.push(...p.lines);
      worries.push(...p.worries.map((w) => `${name}: ${w}`));
      if (o.plans) {
        const text = await database.query<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${statement}`);
        out.push(...text.map((t) => `      | ${t['QUERY PLAN']}`));
      }
    }
    out.push('  type-ahead ranking: in memory, over the search copy (lookup/search/): no SQL per keystroke beyond the version above.');
    return { plans: out, worries };
  }
}
