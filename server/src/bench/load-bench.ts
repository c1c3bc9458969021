// `pnpm bench:load`: a shift's steady traffic held for a minute. The server (main.ts, a process of
// its own) runs on the demo borough, on PostgreSQL (a database `mast_bench_load` made afresh) or
// on PGlite (--backend pglite, a temporary folder); wrk sends address type-ahead and address
// summaries at a fixed 500 requests a second over loopback: officers typing an address a
// character at a time (every prefix from the third character, as the search box sends them) and
// then opening it. Printed beside each aim: requests and the rate achieved (500/s), errors (any
// non-2xx answer, any socket error: none), p50/p95/p99 latency (p99 under 50 ms), the server
// process's resident memory read every second (shown), and whether its memory stayed flat: what
// survives a full collection, before and after the counted load (memory-verdict.ts), with its
// CPU-seconds. The server is started with the benchmark's heap probe (heap-probe.ts) for that.
//
// The limiter is not what is measured: each summary counts against its viewer's bulk-reading
// allowance (audit/bulk-read-guard.ts; 20 a minute for a responder, then slowed). The requests
// are spread over sixteen officers each signed in as themselves, and the server runs with the
// allowances raised (MAST_BULK_READ_LIMITS, as every HTTP benchmark here does), since about 60
// summaries a second would need some 200 officers at the real allowance. Type-ahead is not
// counted; sign-in throttling is not touched (each officer signs in once).
// Options: --seconds S (default 60), --rate R (default 500), --connections C (default 64: enough
// to hold the rate while answers are slow), --warmup S (default 30, the same load not counted:
// the server's heap reaching its working size, its statements prepared), --scale X
// (default 1), --seed N (the borough's seed, default 1, the demo's; another seed is a borough
// nobody tuned against), --backend postgres|pglite (default postgres), --url postgres://... (default
// BENCH_DATABASE_URL or the local server), --database NAME (made afresh on it; default mast_bench_load),
// --workers N (server processes on the one port, MAST_WORKERS; PostgreSQL only; default 1),
// --profile DIR (the server writes a CPU profile of its main thread into DIR when it stops, for
// profile-top.ts: where a request's CPU goes; one server process only).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { createServerDatabase, evaluateAlertRules, openDatabase, sql, type Database } from '@mast/db';
import { loadDemoBorough } from '../seed/demo-borough.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { Rng } from '../demo/prng.ts';
import { BENCH_BULK_READ_LIMITS, freePort, makeBenchUsers, signIn, spawnServer, type HeapAfterGc, type ServerProcess } from './bench-server.ts';
import { judgeMemory } from './memory-verdict.ts';
import { hasWrk, runWrk, WRK } from './wrk.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '30' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'postgres' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'mast_bench_load' },
    workers: { type: 'string', default: '1' },
    profile: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
const scale = Number(args.scale);
const seed = Number(args.seed);
const backend = args.backend === 'pglite' ? 'pglite' : 'postgres';
const workers = backend === 'postgres' ? Number(args.workers) : 1;

const AIMS = { p99Ms: 50 };
const PURPOSE = 'purpose=attending-incident&reference=BENCH-LOAD';
const OFFICERS = 16;
const ADDRESSES_TYPED = 2000;

/** What officers send: for each address, its type-ahead as typed, then its summary. */
async function workload(database: Database): Promise<{ paths: string[]; searches: number; summaries: number }> {
  const rng = new Rng(11, 'load-bench');
  // Half at addresses where something is known (what officers look up most), half anywhere.
  const all = await database.query<{ uprn: string; building_number: string | null; building_name: string | null; street: string }>(
    sql`SELECT uprn::text, building_number, building_name, street FROM addresses ORDER BY uprn`,
  );
  const involved = new Set((await database.query<{ uprn: string }>(sql`SELECT DISTINCT uprn::text FROM involvements WHERE uprn IS NOT NULL`)).map((r) => r.uprn));
  const known = all.filter((a) => involved.has(a.uprn));
  const paths: string[] = [];
  let searches = 0;
  for (let i = 0; i < ADDRESSES_TYPED; i++) {
    const pool = i % 2 === 0 && known.length > 0 ? known : all;
    const a = pool[Math.floor(rng.next() * pool.length)]!;
    const typed = `${a.building_number ?? a.building_name ?? ''} ${a.street}`.trim().toLowerCase();
    for (let n = 3; n <= typed.length; n++) {
      if (typed[n - 1] === ' ') continue;
      paths.push(`/api/addresses?q=${encodeURIComponent(typed.slice(0, n))}`);
      searches++;
    }
    paths.push(`/api/addresses/${a.uprn}?${PURPOSE}`);
  }
  return { paths, searches, summaries: ADDRESSES_TYPED };
}

/** The process's resident memory in MB and its CPU-seconds so far, with its child processes' (the
 * server processes, with --workers), from /proc (Linux). */
function processNow(pid: number): { rssMb: number; cpuSeconds: number } | undefined {
  try {
    let rssMb = 0;
    let cpuSeconds = 0;
    for (const p of [pid, ...childrenOf(pid)]) {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      // Fields 14 and 15 of stat (after the command's closing parenthesis): user and system ticks.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rssMb += Number(rss![1]) / 1024;
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / 100;
    }
    return { rssMb, cpuSeconds };
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resolves once the process has used no more than a twentieth of a CPU-second in half a
 * second (it has answered what it was sent), or after ten seconds. */
async function settled(pid: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  let before = processNow(pid)?.cpuSeconds ?? 0;
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = processNow(pid)?.cpuSeconds ?? 0;
    if (now - before <= 0.05) return;
    before = now;
  }
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function prepare(dir: string): Promise<{ url?: string; dataDir?: string }> {
  const where = backend === 'postgres' ? { url: await createServerDatabase(args.url!, args.database!, { dropFirst: true }) } : { dataDir: join(dir, 'data') };
  const database = await openDatabase(where);
  try {
    await database.migrate();
    const t0 = performance.now();
    const now = new Date();
    // The live year and its alerts as tonight's run leaves them (the trend history and the replayed
    // year of alert steps are for the analytics pages, which this load does not touch).
    await loadDemoBorough(database, { workDir: dir, scale, seed, now, months: 12, alertYear: false });
    await evaluateAlertRules(database.db, loadAlertRules(), now.toISOString().slice(0, 10), now);
    await database.query(sql`ANALYZE`);
    console.log(`demo borough (scale ${scale}, seed ${seed}) loaded into ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} in ${fmt((performance.now() - t0) / 1000)} s`);
    return where;
  } finally {
    await database.close();
  }
}

/** What the server holds after a full collection; with several server processes the probe (which
 * answers its parent) is not there, and memory is shown but not judged. */
const heldOf = (server: ServerProcess) => server.heapAfterGc?.();

async function main() {
  if (!hasWrk()) {
    console.error(`bench:load needs wrk (${WRK}; Debian package \`wrk\`): a load generator in Node would share the server's cores and could not hold the rate.`);
    process.exit(1);
  }
  console.log(`mast load benchmark: ${rate} requests/s for ${seconds} s (after ${warmup} s of warm-up, the same load not counted) over ${connections} connections, from wrk on loopback`);
  const dir = mkdtempSync(join(tmpdir(), 'mast-bench-load-'));
  try {
    const where = await prepare(dir);
    const setup = await openDatabase(where);
    let work: Awaited<ReturnType<typeof workload>>;
    let officers: { username: string; password: string }[];
    try {
      work = await workload(setup);
      officers = await makeBenchUsers(setup, { like: 'officer', prefix: 'bench-load-officer-', shown: 'PC Load', n: OFFICERS });
    } finally {
      await setup.close();
    }
    console.log(`workload: ${work.paths.length} requests in turn, ${work.searches} type-ahead searches (every prefix of ${ADDRESSES_TYPED} addresses as typed) and ${work.summaries} summaries, as ${OFFICERS} officers`);

    const env = { MAST_BULK_READ_LIMITS: BENCH_BULK_READ_LIMITS, ...(workers > 1 && { MAST_WORKERS: String(workers) }) };
    const profileDir = args.profile ? resolvePath(args.profile) : undefined;
    const server = await spawnServer({ ...where, port: await freePort(), env, heapProbe: workers === 1, ...(profileDir && { profileDir }) });
    let ended = false;
    void server.exited.then(() => (ended = true));
    try {
      const cookies: string[] = [];
      for (const o of officers) cookies.push(await signIn(server.port, o));
      const drive = (name: string, s: number) => runWrk({ dir, name, port: server.port, cookies, paths: work.paths, clients: connections, seconds: s, rate });

      // Resident memory every second from the first request; the warm-up's seconds are shown, not judged.
      const samples: { t: number; rssMb: number }[] = [];
      const origin = performance.now();
      const sample = () => {
        const p = processNow(server.pid);
        if (p) samples.push({ t: (performance.now() - origin) / 1000, rssMb: p.rssMb });
      };
      sample();
      const timer = setInterval(sample, 1000);
      let r: Awaited<ReturnType<typeof drive>>;
      let held0: HeapAfterGc | undefined, held1: HeapAfterGc | undefined;
      let measuredFrom: number;
      let first: ReturnType<typeof processNow>, last: ReturnType<typeof processNow>;
      const load0 = loadavg()[0]!;
      try {
        if (warmup > 0) await drive('warmup', warmup);
        // Between the two runs of wrk, so that neither collection stalls a counted request, and
        // once the requests still being answered are done, so that their answers are not counted as held.
        await settled(server.pid);
        held0 = await heldOf(server);
        first = processNow(server.pid);
        measuredFrom = (performance.now() - origin) / 1000;
        r = await drive('load', seconds);
        sample();
        last = processNow(server.pid);
        await settled(server.pid);
        held1 = await heldOf(server);
      } finally {
        clearInterval(timer);
      }

      console.log(`\nload average (1 min) ${fmt(load0, 2)} at the start, ${fmt(loadavg()[0]!, 2)} at the end, on ${availableParallelism()} cores shared with whatever else runs`);
      console.log(`${'figure'.padEnd(28)} ${'measured'.padStart(22)}   aim`);
      const row = (name: string, value: string, aim: string) => console.log(`${name.padEnd(28)} ${value.padStart(22)}   ${aim}`);
      row('requests', String(r.requests), `${rate * seconds} (${rate}/s for ${seconds} s)`);
      row('achieved rate', `${fmt(r.perSecond, 1)}/s`, `${rate}/s: ${verdict(r.perSecond >= rate * 0.98)}`);
      row('errors: non-2xx', String(r.badStatus), `0: ${verdict(r.badStatus === 0)}`);
      row('errors: socket', String(r.socketErrors), `0: ${verdict(r.socketErrors === 0)}`);
      row('latency p50 / p95 (ms)', `${fmt(r.p50, 2)} / ${fmt(r.p95, 2)}`, '');
      row('latency p99 (ms)', fmt(r.p99, 2), `under ${AIMS.p99Ms}: ${verdict(r.p99 < AIMS.p99Ms)}`);
      const memory = judgeMemory({ samples, measuredFrom, seconds, held0, held1 });
      for (const [name, value, aim] of memory.rows) row(name, value, aim);
      if (first && last) {
        const cpu = last.cpuSeconds - first.cpuSeconds;
        row('server CPU', `${fmt(cpu, 1)} s`, `${fmt((cpu / r.requests) * 1000, 2)} CPU-ms a request`);
      }
      row('server process', ended ? 'ENDED' : 'running throughout', 'running throughout');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
