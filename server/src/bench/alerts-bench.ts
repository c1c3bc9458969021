// `pnpm bench:alerts`: the trigger rules over a synthetic borough's 12 months, on PostgreSQL and on
// PGlite: every rule evaluated from nothing, evaluated again with nothing new (what each night's
// run costs), and after one day's police upload (what each upload's run costs; aim under 1 s),
// with the alerts raised by rule and the share of households alerted.
// Options: --scale X (default 1), --seed N (default 1, the demo's; another seed is a borough nobody
// tuned the thresholds on), --runs R (default 5), --url postgres://... (a bench database is made on it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { alertedShare, evaluateAlertRules, sql, type Database } from '@mast/db';
import { loadDemoBorough } from '../seed/demo-borough.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { Rng } from '../demo/prng.ts';
import { median } from './load.ts';
import { onBothBackends } from './both-backends.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const scale = Number(args.scale);
const seed = Number(args.seed);
const runs = Number(args.runs);
const rules = loadAlertRules();
const AIM_AFTER_UPLOAD_SECONDS = 1;

/** A day of police incidents at addresses drawn from the borough (about the daily volume at scale 1). */
async function oneDaysPoliceFile(database: Database, dir: string, day: number, today: string): Promise<string> {
  const rng = new Rng(seed * 1000 + day, 'alerts-bench');
  const addresses = await database.query<{ uprn: string }>(sql`SELECT uprn::text FROM addresses ORDER BY uprn`);
  const lines = ['incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team'];
  const perDay = Math.max(1, Math.round(123 * scale));
  for (let i = 0; i < perDay; i++) {
    const a = addresses[Math.floor(rng.next() * addresses.length)]!;
    lines.push(`BENCH-${day}-${i},${today},concern-for-welfare,,,,,${a.uprn},,,POL-NORTH`);
  }
  const path = join(dir, `police-day-${day}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

async function benchOn(name: string, database: Database, dir: string): Promise<void> {
  await database.migrate();
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  // No history and no replayed alert year: the first run below starts from no alerts.
  const loaded = await loadDemoBorough(database, { workDir: dir, scale, seed, now, accounts: false, months: 12, alertYear: false });
  console.log(`\n${name}: borough of ${loaded.addresses} addresses loaded in ${loaded.seconds.toFixed(1)} s`);
  const [first, firstSeconds] = await timed(() => evaluateAlertRules(database.db, rules, today, now));
  const again: number[] = [];
  for (let r = 0; r < runs; r++) again.push((await timed(() => evaluateAlertRules(database.db, rules, today, now)))[1]);
  const afterUpload: number[] = [];
  for (let r = 0; r < runs; r++) {
    const path = await oneDaysPoliceFile(database, dir, r, today);
    await ingestFeedFile(database, { feed: 'police', path, now });
    afterUpload.push((await timed(() => evaluateAlertRules(database.db, rules, today, now)))[1]);
  }
  const share = await alertedShare(database.db);
  console.log(`  all rules from nothing (12 months of data): ${firstSeconds.toFixed(3)} s`);
  console.log(`  again with nothing new (the nightly run): median ${median(again).toFixed(3)} s of ${runs}`);
  const aim = median(afterUpload) < AIM_AFTER_UPLOAD_SECONDS ? 'met' : 'NOT met';
  console.log(`  after one day's police upload: median ${median(afterUpload).toFixed(3)} s of ${runs} (aim under ${AIM_AFTER_UPLOAD_SECONDS} s: ${aim})`);
  for (const [rule, c] of Object.entries(first.byRule)) console.log(`  ${rule.padEnd(26)} ${String(c.raised).padStart(6)} raised`);
  const pct = (n: number, of: number) => (of === 0 ? '0' : ((100 * n) / of).toFixed(2));
  console.log(`  households with an open alert: ${share.alerted}, ${pct(share.alerted, share.known)}% of the ${share.known} known to any agency, ${pct(share.alerted, share.addresses)}% of all addresses`);
}

async function main() {
  console.log(`mast alert rules benchmark: scale ${scale}, seed ${seed}, rules ${rules.version}`);
  await onBothBackends({ url: args.url!, database: 'mast_bench_alerts', scratch: 'mast-alerts-bench-' }, benchOn);
}

await main();
