// `pnpm mast address-bench`: generates the synthetic borough, builds the address matcher from
// its gazetteer CSV, matches every partner row's (uprn, address, postcode) and scores the UPRNs
// against truth.csv (read only to score). Prints precision, recall, possibles and unmatched,
// overall and for rows sent without a UPRN (the hard ones), and addresses per second (matching
// only, median of 3 runs). Options: --scale X (default 1), --seed N (default 1), --show N
// (print N wrong matches and N misses, for diagnosis), --out DIR (keep the borough there),
// --holdout F (leave a share F of addresses out of the matcher's gazetteer: rows at them have no
// true UPRN any more, so any UPRN given to them is wrong. The generator types only addresses that
// are in the gazetteer; this is the test of an address the council does not know).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { FEED_IDS, GAZETTEER_COLUMNS } from '@mast/shared';
import { generateBorough } from '../demo/generate.ts';
import { buildAddressMatcher, type AddressInput, type AddressMatch, type GazetteerEntry } from '../matching/address-match.ts';

const AIMS = { precision: 0.998, recall: 0.98, perSecond: 15_000 };

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Row[];
}

function gazetteerEntries(path: string): GazetteerEntry[] {
  const rows = readCsv(path);
  const header = Object.keys(rows[0] ?? {});
  for (const c of GAZETTEER_COLUMNS) if (!header.includes(c)) throw new Error(`gazetteer.csv lacks ${c}`);
  const orNull = (s: string | undefined) => (s ? s : null);
  return rows.map((r) => ({
    uprn: Number(r.uprn),
    subBuilding: orNull(r.sub_building),
    buildingName: orNull(r.building_name),
    buildingNumber: orNull(r.building_number),
    street: r.street ?? '',
    locality: orNull(r.locality),
    town: r.town ?? '',
    postcode: r.postcode ?? '',
  }));
}

interface Case {
  input: AddressInput;
  trueUprn: number | null;
  sentUprn: boolean;
}

interface Tally {
  rows: number;
  withTruth: number;
  assigned: number;
  correct: number;
  possible: number;
  possibleRight: number;
  unmatched: number;
}

const emptyTally = (): Tally => ({ rows: 0, withTruth: 0, assigned: 0, correct: 0, possible: 0, possibleRight: 0, unmatched: 0 });

function add(t: Tally, c: Case, m: AddressMatch): void {
  t.rows++;
  if (c.trueUprn !== null) t.withTruth++;
  if (m.uprn !== null) {
    t.assigned++;
    if (m.uprn === c.trueUprn) t.correct++;
  } else if (m.method === 'possible') {
    t.possible++;
    if (m.candidateUprn === c.trueUprn) t.possibleRight++;
  } else {
    t.unmatched++;
  }
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)}%`);

function printTally(label: string, t: Tally): void {
  console.log(`${label}: ${t.rows} rows, ${t.withTruth} with a true UPRN`);
  console.log(`  precision ${pct(t.correct, t.assigned)} (${t.correct} correct of ${t.assigned} assigned, ${t.assigned - t.correct} wrong)`);
  console.log(`  recall    ${pct(t.correct, t.withTruth)}`);
  console.log(`  possible  ${t.possible} (${t.possibleRight} with the true UPRN as candidate)   unmatched ${t.unmatched}`);
}

export async function runAddressBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      show: { type: 'string', default: '0' },
      out: { type: 'string' },
      holdout: { type: 'string', default: '0' },
    },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const show = Number(values.show);
  const outDir = values.out ?? mkdtempSync(join(tmpdir(), 'mast-address-bench-'));
  try {
    const t0 = performance.now();
    const gen = await generateBorough({ outDir, seed, scale });
    console.log(`borough: seed ${seed}, scale ${scale}, ${gen.counts.addresses} addresses (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const holdout = Number(values.holdout);
    // A fixed hash of the UPRN decides, so the same addresses are held out on every run.
    const heldOut = (uprn: number) => holdout > 0 && ((Math.imul(uprn % 2_147_483_647, 2_654_435_761) >>> 0) / 2 ** 32) < holdout;
    const entries = gazetteerEntries(gen.files.gazetteer).filter((e) => !heldOut(e.uprn));
    if (holdout > 0) console.log(`holding out ${(holdout * 100).toFixed(1)}% of addresses: ${entries.length} left in the matcher`);
    const b0 = performance.now();
    const matcher = buildAddressMatcher(entries);
    console.log(`matcher built in ${(performance.now() - b0).toFixed(0)} ms`);

    // Truth is read only to score, keyed by feed and source id.
    const truth = new Map<string, Row>();
    for (const r of readCsv(gen.files.truth)) truth.set(`${r.feed}|${r.source_id}`, r);
    const cases: Case[] = [];
    for (const feed of FEED_IDS) {
      for (const r of readCsv(gen.files.feeds[feed])) {
        const idColumn = Object.keys(r)[0]!;
        const tr = truth.get(`${feed}|${r[idColumn]}`);
        if (!tr || tr.expect_rejected === '1') continue; // the contract rejects these before matching
        cases.push({
          input: { uprn: r.uprn || undefined, address: r.address || undefined, postcode: r.postcode || undefined },
          trueUprn: tr.true_uprn && !heldOut(Number(tr.true_uprn)) ? Number(tr.true_uprn) : null,
          sentUprn: Boolean(r.uprn),
        });
      }
    }

    const inputs = cases.map((c) => c.input);
    const hard = cases.filter((c) => !c.sentUprn).map((c) => c.input);
    const rate = (list: AddressInput[]) => {
      const rates: number[] = [];
      for (let run = 0; run < 3; run++) {
        const s = performance.now();
        for (const input of list) matcher.match(input);
        rates.push(list.length / ((performance.now() - s) / 1000));
      }
      return rates.sort((a, b) => a - b)[1]!;
    };
    const results = inputs.map((i) => matcher.match(i));
    const overallRate = rate(inputs);
    const hardRate = rate(hard);

    const all = emptyTally();
    const noUprn = emptyTally();
    const wrong: string[] = [];
    const missed: string[] = [];
    cases.forEach((c, i) => {
      const m = results[i]!;
      add(all, c, m);
      if (!c.sentUprn) add(noUprn, c, m);
      const line = () => `  ${JSON.stringify(c.input)} true ${c.trueUprn} -> ${JSON.stringify(m)}`;
      if (m.uprn !== null && m.uprn !== c.trueUprn && wrong.length < show) wrong.push(line());
      else if (m.uprn === null && c.trueUprn !== null && missed.length < show && i % 7 === 0) missed.push(line());
    });

    printTally('all rows', all);
    printTally('rows sent without a UPRN', noUprn);
    console.log(`addresses/s (matching only, median of 3): all ${Math.round(overallRate)}, without a UPRN ${Math.round(hardRate)}`);
    const p = noUprn.correct / noUprn.assigned;
    const r = noUprn.correct / noUprn.withTruth;
    console.log(
      `aims (rows without a UPRN): precision >= ${AIMS.precision * 100}% ${p >= AIMS.precision ? 'met' : 'NOT met'}; ` +
        `recall >= ${AIMS.recall * 100}% ${r >= AIMS.recall ? 'met' : 'NOT met'}; ` +
        `>= ${AIMS.perSecond}/s ${hardRate >= AIMS.perSecond ? 'met' : 'NOT met'}`,
    );
    if (wrong.length > 0) console.log(`wrong matches:\n${wrong.join('\n')}`);
    if (missed.length > 0) console.log(`misses (sample):\n${missed.join('\n')}`);
  } finally {
    if (!values.out) rmSync(outDir, { recursive: true, force: true });
  }
}

// Run directly: `npx tsx src/bench/address-bench.ts --scale 1`.
if (import.meta.url === `file://${process.argv[1]}`) await runAddressBench(process.argv.slice(2));
