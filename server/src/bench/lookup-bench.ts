// `pnpm bench:lookup`: loads the default synthetic borough into PostgreSQL through the feed
// pipeline, then measures the address summary and the type-ahead over HTTP with concurrent
// clients, beside the same queries run directly against the database (the floor). The summary's
// floor is measured twice: bare, and with everything the sharing agreement adds to a lookup (the
// viewer's rules, the purpose, break-glass, the audit entry, the lead teams told), so that the
// latency the checks add is read off one run. The load is sixteen officers' (each signed in as
// themselves), as a shift's would be. The person lookup (a search by name and date of birth, as
// social workers type it: short forms, slips, swapped dates, no date) is measured the same ways,
// by sixteen social workers.
// Options: --seed N (the borough's seed, default 1, the demo's; another seed is a borough nobody
// tuned against), --clients N (default 16), --seconds S per round (default 5), --rounds R (default
// 3), --url postgres://... (server; the bench databases are made on it and kept: bench-borough.ts),
// --fresh (load them again). A load cut short goes on where it stopped at the next run; --no-load
// measures the big borough as far as it was loaded, saying so. --scale X (not 1) measures the summary and the type-ahead on the
// scale-1 borough beside a borough (a national sample above 1) of scale X instead, with the plans
// that keep them fast (lookup-scale.ts; --plans prints them in full).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Database } from '@mast/db';
import { findAddresses } from '../lookup/address-search.ts';
import { getFullAddressSummary } from '../lookup/address-summary.ts';
import { lookUpAddress } from '../access/address-lookup.ts';
import { loadAgreement } from '../access/agreement.ts';
import { Rng } from '../demo/prng.ts';
import { searchPeople } from '../access/person-lookup.ts';
import { rulesFor } from '../access/viewer.ts';
import { currentLinkModel } from '../matching/person-linker.ts';
import { samplePersonProbes } from './person-probes.ts';
import { medianResult, runLoad, type LoadResult } from './load.ts';
import { driveHttp, httpDriver, makeBenchUsers, signIn, startServer } from './bench-server.ts';
import { openBenchBorough } from './bench-borough.ts';
import { compareScales } from './lookup-scale.ts';
import { ensureHeapFor } from '../runtime/heap-room.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    fresh: { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    plans: { type: 'boolean', default: false },
  },
});
const scale = Number(args.scale);
const seed = Number(args.seed);
const clients = Number(args.clients);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);

const AIMS = { summaryP95: 20, typeaheadP95: 30, summariesPerSecond: 1000, personP95: 20 };
const PERSON_PURPOSE = { purpose: 'home-visit', reference: 'BENCH-2' };
const BENCH_PURPOSE = { purpose: 'attending-incident', reference: 'BENCH-1' };
/** Responders on shift at once, each signed in as themselves (requests take them in turn). */
const BENCH_OFFICERS = 16;

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

async function rounded(fn: () => Promise<LoadResult>): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let r = 0; r < rounds; r++) results.push(await fn());
  return medianResult(results);
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
function line(name: string, r: LoadResult) {
  return `${name.padEnd(34)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p95, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${fmt(r.perSecond, 0).padStart(9)} ${String(Math.round(r.errors)).padStart(7)}`;
}

async function main() {
  if (scale !== 1) {
    ensureHeapFor(scale);
    await compareScales({ adminUrl: args.url!, scale, seed, fresh: args.fresh!, noLoad: args['no-load']!, clients: Math.min(clients, 4), seconds, rounds, plans: args.plans! });
    return;
  }
  const levels = [...new Set([4, clients])];
  console.log(`mast lookup benchmark: scale ${scale}, seed ${seed}; ${levels.join(' and ')} concurrent clients; medians of ${rounds} rounds of ${seconds} s`);
  const borough = await openBenchBorough({ adminUrl: args.url!, scale, seed, fresh: args.fresh!, poolSize: clients, log: console.log });
  const { database, url } = borough;
  if (!borough.loaded) console.log(`Using ${borough.name}, loaded before at scale ${scale}, seed ${seed} (--fresh loads it again).`);

  const work = await sampleWorkload(database);
  const now = new Date();
  // The benchmark's viewer: the demo police officer, attending an incident.
  const agreement = loadAgreement();
  const benchOfficers = await makeBenchUsers(database, { like: 'officer', prefix: 'bench-officer-', shown: 'PC Bench', n: BENCH_OFFICERS });
  const benchSocialWorkers = await makeBenchUsers(database, { like: 'socialworker', prefix: 'bench-social-', shown: 'SW Bench', n: BENCH_OFFICERS });
  const askersLike = async (prefix: string) => {
    const users = await database.query<{ id: number; organisation_id: number; kind: string; role: string }>(
      sql`SELECT u.id, u.organisation_id, o.kind, u.role FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username LIKE ${`${prefix}%`} ORDER BY u.id`,
    );
    return users.map((u) => ({
      session: { userId: u.id, organisationId: u.organisation_id, organisationKind: u.kind, role: u.role },
      audit: { userId: u.id, organisationId: u.organisation_id, role: u.role, client: 'bench', sessionRef: 'bench' },
    }));
  };
  const askers = await askersLike('bench-officer-');
  const socialAskers = await askersLike('bench-social-');
  const socialAskersOnce = () => socialAskers[0]!;
  const asks = await samplePersonProbes(database, rulesFor(agreement, socialAskersOnce().session)!);
  const probes = asks.map((a) => a.probe);
  // How often the person searched for comes first, and in the ten shown, by the kind of search
  // (once, as the viewer of the search: the bench's social worker).
  const found = new Map<string, { n: number; first: number; shown: number }>();
  for (const a of asks) {
    const answer = await searchPeople({ read: database.db, write: database.db }, agreement, socialAskersOnce(), { ...a.probe, ...PERSON_PURPOSE }, await currentLinkModel(database.db), now);
    const f = found.get(a.kind) ?? { n: 0, first: 0, shown: 0 };
    const results = answer.ok ? answer.response.results : [];
    f.n++;
    if (results[0]?.personId === a.personId) f.first++;
    if (results.some((r) => r.personId === a.personId)) f.shown++;
    found.set(a.kind, f);
  }
  const why = { purpose: BENCH_PURPOSE.purpose, reference: BENCH_PURPOSE.reference };

  // The floor: the same queries through the same functions, straight to the database, no HTTP.
  const floor = new Map<string, LoadResult>();
  for (const c of levels) {
    floor.set(`summary ${c}`, await rounded(() =>
      runLoad({ clients: c, seconds, request: async (i) => (await lookUpAddress({ read: database.db, write: database.db }, agreement, askers[i % askers.length]!, Number(work.uprns[i % work.uprns.length]), why, now)).ok }),
    ));
    floor.set(`bare ${c}`, await rounded(() =>
      runLoad({ clients: c, seconds, request: async (i) => (await getFullAddressSummary(database.db, Number(work.uprns[i % work.uprns.length]), now)) !== null }),
    ));
    floor.set(`search ${c}`, await rounded(() =>
      runLoad({ clients: c, seconds, request: async (i) => (await findAddresses(database.db, work.queries[i % work.queries.length]!)).total >= 0 }),
    ));
    floor.set(`person ${c}`, await rounded(() =>
      runLoad({
        clients: c,
        seconds,
        request: async (i) => {
          // As the route does: the model in force is read with every search.
          const model = await currentLinkModel(database.db);
          return (await searchPeople({ read: database.db, write: database.db }, agreement, socialAskers[i % socialAskers.length]!, { ...probes[i % probes.length]!, ...PERSON_PURPOSE }, model, now)).ok;
        },
      }),
    ));
  }
  await database.close();

  const port = 3900 + Math.floor(Math.random() * 90);
  const stop = await startServer(url, port);
  const http = new Map<string, LoadResult>();
  const dir = mkdtempSync(join(tmpdir(), 'mast-bench-wrk-'));
  try {
    // Officers each signed in as themselves, as on a shift: one user's views would all queue on
    // that user's own counters, which no real load does.
    const cookies: string[] = [];
    for (const officer of benchOfficers) cookies.push(await signIn(port, officer));
    const socialCookies: string[] = [];
    for (const sw of benchSocialWorkers) socialCookies.push(await signIn(port, sw));
    const personBodies = probes.map((p) => JSON.stringify({ ...p, ...PERSON_PURPOSE }));
    const summaryPaths = work.uprns.map((u) => `/api/addresses/${u}?purpose=${BENCH_PURPOSE.purpose}&reference=${BENCH_PURPOSE.reference}`);
    const searchPaths = work.queries.map((q) => `/api/addresses?q=${encodeURIComponent(q)}`);
    const drive = (name: string, paths: string[], c: number) => rounded(() => driveHttp({ dir, name, port, cookies, paths, clients: c, seconds }));
    for (const c of levels) {
      http.set(`summary ${c}`, await drive('summary', summaryPaths, c));
      http.set(`search ${c}`, await drive('search', searchPaths, c));
      http.set(`person ${c}`, await rounded(() => driveHttp({ dir, name: 'person', port, cookies: socialCookies, paths: ['/api/people/search'], bodies: personBodies, clients: c, seconds })));
    }
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nHTTP load from ${httpDriver()}; the SQL floor calls the same query functions in-process.`);
  console.log(`${'latency in ms'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'per sec'.padStart(9)} ${'errors'.padStart(7)}`);
  for (const [what, key] of [['summary', 'summary'], ['type-ahead', 'search'], ['person lookup', 'person']] as const) {
    for (const c of levels) {
      console.log(line(`${what}, HTTP, ${c} clients`, http.get(`${key} ${c}`)!));
      console.log(line(`${what}, SQL floor, ${c} clients`, floor.get(`${key} ${c}`)!));
      if (key === 'summary') console.log(line(`summary, bare (no checks), ${c} clients`, floor.get(`bare ${c}`)!));
    }
  }
  for (const c of levels) {
    const checked = floor.get(`summary ${c}`)!;
    const bare = floor.get(`bare ${c}`)!;
    console.log(
      `What the sharing agreement adds to a summary at ${c} clients (rules, purpose, break-glass, audit, lead teams; in-process): ` +
        `p50 +${fmt(checked.p50 - bare.p50, 2)} ms, p95 +${fmt(checked.p95 - bare.p95, 2)} ms (aim: under 2 ms at p95), throughput x${fmt(checked.perSecond / bare.perSecond, 2)}`,
    );
  }
  const ratio = (key: string) => {
    const h = http.get(key)!;
    const f = floor.get(key)!;
    return `p95 x${fmt(h.p95 / f.p95, 2)}, throughput x${fmt(h.perSecond / f.perSecond, 2)}`;
  };
  console.log(`\nPerson lookup: the person searched for, first / among the ten shown (${asks.length} searches drawn from the borough's people):`);
  for (const [kind, f] of found) console.log(`  ${kind.padEnd(36)} first ${fmt((100 * f.first) / f.n)}%, shown ${fmt((100 * f.shown) / f.n)}% (${f.n} searches)`);
  console.log(`\nHTTP / SQL floor at ${clients} clients: summary ${ratio(`summary ${clients}`)}; type-ahead ${ratio(`search ${clients}`)}; person lookup ${ratio(`person ${clients}`)}`);
  const best = (key: 'summary' | 'search' | 'person', pick: (r: LoadResult) => number, better: (a: number, b: number) => boolean) =>
    levels.map((c) => pick(http.get(`${key} ${c}`)!)).reduce((a, b) => (better(a, b) ? a : b));
  const summaryP95 = best('summary', (r) => r.p95, (a, b) => a < b);
  const searchP95 = best('search', (r) => r.p95, (a, b) => a < b);
  const summaryRate = best('summary', (r) => r.perSecond, (a, b) => a > b);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `Aims (HTTP): summary p95 <= ${AIMS.summaryP95} ms: ${verdict(summaryP95 <= AIMS.summaryP95)} (${fmt(summaryP95, 2)} at ${levels[0]} clients);` +
      ` type-ahead p95 <= ${AIMS.typeaheadP95} ms: ${verdict(searchP95 <= AIMS.typeaheadP95)} (${fmt(searchP95, 2)});` +
      ` >= ${AIMS.summariesPerSecond} summaries/s: ${verdict(summaryRate >= AIMS.summariesPerSecond)} (${fmt(summaryRate, 0)} at ${clients} clients);` +
      ` person lookup p95 <= ${AIMS.personP95} ms at 4 clients: ${verdict((http.get('person 4')?.p95 ?? Infinity) <= AIMS.personP95)} (${fmt(http.get('person 4')?.p95 ?? NaN, 2)})`,
  );
}

await main();
