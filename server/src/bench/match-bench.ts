// `pnpm mast match-bench`: accuracy and speed of the person matcher (matching/people).
//   febrl4 | febrl3 | synthetic [--scale X] | lookalikes [--seed N] [--feedback K,K] |
//   --file path.csv [--id c --given c --family c --dob c [--postcode c] [--sex c] --cluster c] | --time-only [--scale N]
// Ground truth (FEBRL's rec-N, the borough's true_person_id, --cluster) is read only to score:
// training is unsupervised and never sees it. Benchmark data lives in ../shared/data and is never
// copied into the project; each mode says so when it is missing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildGazetteer } from '../demo/addresses.ts';
import { typedDob, typedFamily, typedGiven, typedPostcode, type VariationStats } from '../demo/errors.ts';
import { generateBorough } from '../demo/generate.ts';
import { populate } from '../demo/people.ts';
import { Rng } from '../demo/prng.ts';
import { isGuarded, linkRecords, weightOfProbability, type LinkResult, type PersonRecord } from '../matching/people/index.ts';
import { labelledFromRows, MAST_COLUMNS, printLabelled, scoreLabelled } from './labelled-scores.ts';
import { lookalikesRun } from './lookalike-bench.ts';

export const DATA_DIR = resolve(process.env.MAST_SHARED_DATA ?? join(import.meta.dirname, '../../../../shared/data'));

interface Scores {
  tp: number;
  predicted: number;
  truePairs: number;
}

function fmt(s: Scores): string {
  const p = s.predicted ? s.tp / s.predicted : 1;
  const r = s.truePairs ? s.tp / s.truePairs : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return `precision ${p.toFixed(4)}  recall ${r.toFixed(4)}  F1 ${f1.toFixed(4)}  (TP ${s.tp}, FP ${s.predicted - s.tp}, FN ${s.truePairs - s.tp})`;
}

export function f1Of(s: Scores): number {
  const p = s.predicted ? s.tp / s.predicted : 1;
  const r = s.truePairs ? s.tp / s.truePairs : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

const c2 = (k: number) => (k * (k - 1)) / 2;

/** True pairs from entity sizes (within one file, or across two sources when linking). */
function countTruePairs(truth: readonly string[], source?: (i: number) => number): number {
  if (!source) {
    const sizes = new Map<string, number>();
    for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
    let n = 0;
    for (const k of sizes.values()) n += c2(k);
    return n;
  }
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  truth.forEach((t, i) => {
    const m = source(i) === 0 ? left : right;
    m.set(t, (m.get(t) ?? 0) + 1);
  });
  let n = 0;
  for (const [t, k] of left) n += k * (right.get(t) ?? 0);
  return n;
}

/** Pairwise scores over the candidate pairs at a threshold (Splink's way of scoring). With
 * `guards`, a pair the household guards hold back (sent to a steward) is not counted as linked. */
export function scorePairs(res: LinkResult, truth: readonly string[], threshold: number, source?: (i: number) => number, guards = false): Scores {
  const w = weightOfProbability(threshold);
  const guarded = guards;
  let tp = 0;
  let predicted = 0;
  const { a, b, weight, gamma, n } = res.pairs;
  for (let p = 0; p < n; p++) {
    if (weight[p]! < w || (guarded && isGuarded(gamma[p]!, res.model.households !== false))) continue;
    predicted++;
    if (truth[a[p]!] === truth[b[p]!]) tp++;
  }
  return { tp, predicted, truePairs: countTruePairs(truth, source) };
}

/** Pairwise scores of the clusters (transitive closure), from cluster sizes: no O(n^2) pairs. */
export function scoreClusters(clusters: readonly string[], truth: readonly string[]): Scores {
  const cell = new Map<string, number>();
  const pred = new Map<string, number>();
  clusters.forEach((c, i) => {
    const key = `${c}\u0000${truth[i]}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    pred.set(c, (pred.get(c) ?? 0) + 1);
  });
  let tp = 0;
  for (const k of cell.values()) tp += c2(k);
  let predicted = 0;
  for (const k of pred.values()) predicted += c2(k);
  return { tp, predicted, truePairs: countTruePairs(truth) };
}

function report(label: string, res: LinkResult, seconds: number, n: number): void {
  const mb = (process.memoryUsage().rss / 1e6).toFixed(0);
  console.log(`${label}: ${n.toLocaleString('en-GB')} records, ${res.blocking.candidatePairs.toLocaleString('en-GB')} candidate pairs, ` +
    `${seconds.toFixed(2)} s (${Math.round(n / seconds).toLocaleString('en-GB')} records/s), RSS ${mb} MB`);
  for (const r of res.blocking.perRule) {
    console.log(`    block "${r.name}": ${r.pairs.toLocaleString('en-GB')} new pairs` + (r.skippedBlocks ? ` (skipped ${r.skippedBlocks} blocks over the cap, ${r.skippedPairs.toLocaleString('en-GB')} pairs)` : ''));
  }
  console.log(`    timings: ${Object.entries(res.timings).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}`);
  console.log(`    lambda ${res.model.lambda.toExponential(3)}; EM: ${res.notes.join('; ')}`);
}

function needData(path: string): boolean {
  if (existsSync(path)) return true;
  console.log(`Benchmark data missing: ${path} not found. Put the shared data sets in ${DATA_DIR} (or set MAST_SHARED_DATA).`);
  return false;
}

// ---- FEBRL ----

interface FebrlRow {
  record: PersonRecord;
  entity: string;
}

export function readFebrl(path: string, withIdentifier: boolean): FebrlRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [ci, cg, cs, cp, cd, cn, cno, cst] = ['rec_id', 'given_name', 'surname', 'postcode', 'date_of_birth', 'soc_sec_id', 'street_number', 'address_1'].map(col) as number[];
  return lines.slice(1).map((line) => {
    const f = line.split(',').map((v) => v.trim());
    const id = f[ci!]!;
    return {
      record: {
        id,
        givenName: f[cg!]!,
        familyName: f[cs!]!,
        dateOfBirth: f[cd!]!,
        postcode: f[cp!]!,
        street: `${f[cno!]} ${f[cst!]}`,
        nhsNumber: withIdentifier ? f[cn!]! : undefined,
      },
      entity: /^rec-(\d+)-/.exec(id)![1]!,
    };
  });
}

function febrlRun(label: string, rows: FebrlRow[], link: boolean, withIdentifier: boolean): LinkResult {
  const t0 = performance.now();
  const src = (r: PersonRecord) => (r.id.endsWith('-org') ? 0 : 1);
  const res = linkRecords(rows.map((r) => r.record), {
    sourceOf: link ? src : undefined,
    validateNhsNumber: false, // soc_sec_id has no check digit
  });
  const secs = (performance.now() - t0) / 1000;
  const truth = rows.map((r) => r.entity);
  const source = link ? (i: number) => src(rows[i]!.record) : undefined;
  report(`${label} (soc_sec_id ${withIdentifier ? 'USED as an identifier comparison' : 'NOT used'})`, res, secs, rows.length);
  console.log(`    pairs at linked threshold p>=${res.model.thresholds.linked}: ${fmt(scorePairs(res, truth, res.model.thresholds.linked, source))}`);
  console.log(`      of which linked without a steward (household guards on): ${fmt(scorePairs(res, truth, res.model.thresholds.linked, source, true))}`);
  console.log(`    pairs at p>=0.5 (Splink's reporting threshold): ${fmt(scorePairs(res, truth, 0.5, source))}`);
  console.log(`    pairs at possible threshold p>=${res.model.thresholds.possible}: ${fmt(scorePairs(res, truth, res.model.thresholds.possible, source))}`);
  if (!link) console.log(`    clusters (linked with guards, strongest links first, no conflicting records joined): ${fmt(scoreClusters(res.clusters, truth))}`);
  return res;
}

export async function febrl4(withIdentifier: boolean): Promise<{ res: LinkResult; f1: number; precision: number; guardedPrecision: number } | null> {
  const a = join(DATA_DIR, 'febrl/dataset4a.csv');
  const b = join(DATA_DIR, 'febrl/dataset4b.csv');
  if (!needData(a) || !needData(b)) return null;
  const rows = [...readFebrl(a, withIdentifier), ...readFebrl(b, withIdentifier)];
  const res = febrlRun('febrl4 (4a x 4b, link)', rows, true, withIdentifier);
  const src = (i: number) => (rows[i]!.record.id.endsWith('-org') ? 0 : 1);
  const scores = scorePairs(res, rows.map((r) => r.entity), res.model.thresholds.linked, src);
  const guarded = scorePairs(res, rows.map((r) => r.entity), res.model.thresholds.linked, src, true);
  return { res, f1: f1Of(scores), precision: scores.predicted ? scores.tp / scores.predicted : 1, guardedPrecision: guarded.predicted ? guarded.tp / guarded.predicted : 1 };
}

function febrl3(withIdentifier: boolean): void {
  const p = join(DATA_DIR, 'febrl/dataset3.csv');
  if (!needData(p)) return;
  febrlRun('febrl3 (dedupe)', readFebrl(p, withIdentifier), false, withIdentifier);
}

// ---- any labelled CSV ----

/** Column names from flags, or mast's own where the file's header has them (the look-alike
 * generator writes those, so its files need no flags). */
export function fileColumns(header: readonly string[], args: Map<string, string>): Partial<Record<keyof typeof MAST_COLUMNS, string>> {
  const flag: Record<keyof typeof MAST_COLUMNS, string> = {
    id: 'id', given: 'given', family: 'family', dob: 'dob', sex: 'sex', nhs: 'nhs', postcode: 'postcode', street: 'street', uprn: 'uprn', cluster: 'cluster', case: 'case',
  };
  const cols: Partial<Record<keyof typeof MAST_COLUMNS, string>> = {};
  for (const k of Object.keys(flag) as (keyof typeof MAST_COLUMNS)[]) {
    const v = args.get(flag[k]) ?? (header.includes(MAST_COLUMNS[k]) ? MAST_COLUMNS[k] : undefined);
    if (v !== undefined) cols[k] = v;
  }
  for (const k of ['id', 'given', 'family', 'dob', 'cluster'] as const) {
    if (!cols[k]) throw new Error(`--${flag[k]} is required with --file (the header has no ${MAST_COLUMNS[k]} column)`);
  }
  return cols;
}

function fileRun(args: Map<string, string>): void {
  const path = args.get('file')!;
  if (!needData(path)) return;
  const rows = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const data = labelledFromRows(rows, fileColumns(Object.keys(rows[0] ?? {}), args));
  const t0 = performance.now();
  const res = linkRecords(data.records);
  const secs = (performance.now() - t0) / 1000;
  report(`${path} (dedupe)`, res, secs, data.records.length);
  const truth = data.truth;
  console.log(`    pairs at linked threshold p>=${res.model.thresholds.linked}: ${fmt(scorePairs(res, truth, res.model.thresholds.linked))}`);
  console.log(`      of which linked without a steward (household guards on): ${fmt(scorePairs(res, truth, res.model.thresholds.linked, undefined, true))}`);
  console.log(`    pairs at p>=0.5: ${fmt(scorePairs(res, truth, 0.5))}`);
  printLabelled('linked (no steward)', scoreLabelled(res, data), data.cases.some((c) => c !== ''));
}

// ---- the synthetic borough ----

/** The synthetic borough's feed rows that name a person, with the true person of each. */
export async function syntheticRecords(scale: number): Promise<{ records: PersonRecord[]; truth: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mast-match-bench-'));
  try {
    const tg = performance.now();
    const gen = await generateBorough({ outDir: dir, seed: 1, scale, asOf: '2025-06-30' });
    console.log(`synthetic borough generated at scale ${scale} in ${((performance.now() - tg) / 1000).toFixed(1)} s`);
    const truthRows = parse(readFileSync(gen.files.truth), { columns: true }) as Record<string, string>[];
    const truthOf = new Map(truthRows.map((t) => [`${t.feed}\u0000${t.source_id}`, t]));
    const records: PersonRecord[] = [];
    const truth: string[] = [];
    for (const [feed, path] of Object.entries(gen.files.feeds)) {
      const rows = parse(readFileSync(path), { columns: true, relax_column_count: true }) as Record<string, string>[];
      const header = Object.keys(rows[0] ?? {});
      const idColumn = header[0]!; // every contract puts the row id first
      for (const r of rows) {
        const t = truthOf.get(`${feed}\u0000${r[idColumn]}`);
        if (!t || t.expect_rejected === '1' || !r.given_name || !r.family_name || !r.date_of_birth) continue;
        records.push({
          id: `${feed}:${r[idColumn]}`,
          givenName: r.given_name,
          familyName: r.family_name,
          dateOfBirth: r.date_of_birth,
          sex: r.sex,
          postcode: r.postcode,
          uprn: r.uprn,
          street: r.address,
          nhsNumber: r.nhs_number,
        });
        truth.push(t.true_person_id!);
      }
    }
    return { records, truth };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function syntheticRun(scale: number): Promise<void> {
  const { records, truth } = await syntheticRecords(scale);
  const t0 = performance.now();
  const res = linkRecords(records);
  const secs = (performance.now() - t0) / 1000;
  report(`synthetic borough scale ${scale} (feed rows naming a person)`, res, secs, records.length);
  console.log(`    clusters (linked, transitive): ${fmt(scoreClusters(res.clusters, truth))}`);
  console.log(`    pairs at linked threshold p>=${res.model.thresholds.linked}: ${fmt(scorePairs(res, truth, res.model.thresholds.linked))}`);
  console.log(`      of which linked without a steward (household guards on): ${fmt(scorePairs(res, truth, res.model.thresholds.linked, undefined, true))}`);
  console.log(`    current exact name+DOB key, for comparison: ${fmt(scoreClusters(records.map((r) => `${r.givenName.toLowerCase()}|${r.familyName.toLowerCase()}|${r.dateOfBirth}`), truth))}`);
}

// ---- speed at a million ----

/** Realistic duplicated people from the borough generator's population and error model: each
 * resident appears 1-3 times as partner systems would type them. */
export function quickPeople(target: number, seed = 1): { records: PersonRecord[]; truth: string[] } {
  // About 290,000 residents per unit of scale, 1.7 records each on average.
  const scale = Math.min(100, target / (290_000 * 1.7));
  const gaz = buildGazetteer(seed, scale);
  const pop = populate(gaz.properties, seed, '2025-06-30');
  const rng = new Rng(seed, 'match-bench');
  const stats: VariationStats = {};
  const records: PersonRecord[] = [];
  const truth: string[] = [];
  outer: for (let round = 0; ; round++) {
    for (const p of pop.people) {
      const copies = round === 0 ? 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.25) ? 1 : 0) : 1;
      for (let c = 0; c < copies; c++) {
        if (records.length >= target) break outer;
        records.push({
          id: `r${records.length}`,
          givenName: typedGiven(rng, p, stats),
          familyName: typedFamily(rng, p, stats),
          dateOfBirth: typedDob(rng, p.dob, '2025-06-30', stats),
          sex: rng.chance(0.9) ? p.sex : '',
          postcode: typedPostcode(rng, p.household.property.postcode, stats),
          uprn: rng.chance(0.5) ? p.household.property.uprn : '',
          nhsNumber: rng.chance(0.3) ? p.nhsNumber : '',
        });
        truth.push(p.id);
      }
    }
  }
  return { records, truth };
}

async function timeOnly(n: number): Promise<void> {
  const tg = performance.now();
  const { records, truth } = quickPeople(n);
  console.log(`generated ${records.length.toLocaleString('en-GB')} person records in ${((performance.now() - tg) / 1000).toFixed(1)} s (not timed below)`);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const res = linkRecords(records);
  const secs = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  report(`time-only: link ${records.length.toLocaleString('en-GB')} synthetic records`, res, secs, records.length);
  console.log(`    peak RSS ${(peak / 1e6).toFixed(0)} MB (sampled every 200 ms)`);
  console.log(`    accuracy, for information: clusters ${fmt(scoreClusters(res.clusters, truth))}`);
}

function parseArgv(argv: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) flags.set(a.slice(2), '1');
      else {
        flags.set(a.slice(2), next);
        i++;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

export async function runMatchBench(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgv(argv);
  const mode = positional[0];
  if (flags.has('file')) return fileRun(flags);
  if (flags.has('time-only')) return timeOnly(Number(flags.get('scale') ?? 1_000_000));
  if (mode === 'febrl4') {
    await febrl4(true);
    await febrl4(false);
  } else if (mode === 'febrl3') {
    febrl3(true);
    febrl3(false);
  } else if (mode === 'lookalikes') {
    lookalikesRun(Number(flags.get('seed') ?? 1), flags.get('feedback') ? flags.get('feedback')!.split(',').map(Number) : [], flags.get('people') ? Number(flags.get('people')) : undefined);
  } else if (mode === 'synthetic') {
    await syntheticRun(Number(flags.get('scale') ?? 0.1));
  } else {
    console.log('usage: match-bench febrl4 | febrl3 | synthetic [--scale X] | --time-only [--scale N] |');
    console.log('       lookalikes [--seed N] [--people N] [--feedback K[,K...]] |');
    console.log('       --file path.csv [--id col --given col --family col --dob col [--postcode col] [--sex col] [--street col] [--nhs col] --cluster col [--case col]]');
    console.log('       (columns default to mast\'s own names: record_id, given_name, family_name, date_of_birth, sex, nhs_number, postcode, address, true_person_id, case)');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runMatchBench(process.argv.slice(2));
