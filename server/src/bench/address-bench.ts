// `pnpm mast address-bench`: generates the synthetic borough, builds the address matcher from
// its gazetteer CSV, matches every partner row's (uprn, address, postcode) and scores the UPRNs
// against truth.csv (read only to score). Prints precision, recall, possibles and unmatched,
// overall and for rows sent without a UPRN (the hard ones), and addresses per second (matching
// only, median of 3 runs). Options: --scale X (default 1), --seed N (default 1), --show N
// (print N wrong matches and N misses, for diagnosis), --out DIR (keep the borough there),
// --holdout F (leave a share F of addresses out of the matcher's gazetteer: rows at them have no
// true UPRN any more, so any UPRN given to them is wrong. The generator types only addresses that
// are in the gazetteer; this is the test of an address the council does not know).
// Then, by address form ("3/17", "17B", a street one letter out: address-variants.ts), how feed
// rows typed that way and cases made from the gazetteer end up, near misses included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { FEED_IDS, GAZETTEER_COLUMNS } from '@mast/shared';
import { generateBorough } from '../demo/generate.ts';
import { buildAddressMatcher, type AddressInput, type AddressMatch, type GazetteerEntry } from '../matching/address-match.ts';
import { feedVariant, makeVariantCases, VARIANTS, type Variant } from './address-variants.ts';

const AIMS = { precision: 0.998, recall: 0.98, perSecond: 15_000 };
/** Cases made from the gazetteer for each made variant (fewer where the borough has fewer). */
const PER_VARIANT = 1000;

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
  variant: Variant | null;
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

/** Where the rows of one address form ended up. */
interface FormTally {
  rows: number;
  right: number;
  wrong: number;
  possibleRight: number;
  possibleOther: number;
  unmatched: number;
}

function addForm(t: FormTally, trueUprn: number | null, m: AddressMatch): void {
  t.rows++;
  if (m.uprn !== null) {
    if (m.uprn === trueUprn) t.right++;
    else t.wrong++;
  } else if (m.method === 'possible') {
    if (m.candidateUprn === trueUprn) t.possibleRight++;
    else t.possibleOther++;
  } else {
    t.unmatched++;
  }
}

function printForms(forms: Map<Variant, FormTally>): void {
  console.log('by address form (expect "match": the text says which address; "review": it does not, so never a UPRN)');
  const cols = ['rows', 'right', 'WRONG', 'possible right', 'possible other', 'unmatched'];
  console.log(`  ${'form'.padEnd(52)} ${'expect'.padEnd(6)} ${cols.map((c) => c.padStart(c.length > 6 ? c.length : 6)).join(' ')}`);
  for (const v of Object.keys(VARIANTS) as Variant[]) {
    const t = forms.get(v);
    if (!t) continue;
    const cells = [t.rows, t.right, t.wrong, t.possibleRight, t.possibleOther, t.unmatched];
    console.log(`  ${VARIANTS[v].label.padEnd(52)} ${VARIANTS[v].expect.padEnd(6)} ${cells.map((n, i) => String(n).padStart(Math.max(6, cols[i]!.length))).join(' ')}`);
  }
  const ts = [...forms.values()];
  const sum = (f: (t: FormTally) => number) => ts.reduce((n, t) => n + f(t), 0);
  console.log(`  these forms: ${sum((t) => t.rows)} rows, ${sum((t) => t.wrong)} wrong, ${sum((t) => t.possibleRight + t.possibleOther)} possible`);
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
    const allEntries = gazetteerEntries(gen.files.gazetteer);
    const entries = allEntries.filter((e) => !heldOut(e.uprn));
    if (holdout > 0) console.log(`holding out ${(holdout * 100).toFixed(1)}% of addresses: ${entries.length} left in the matcher`);
    const b0 = performance.now();
    const matcher = buildAddressMatcher(entries);
    console.log(`matcher built in ${(performance.now() - b0).toFixed(0)} ms`);

    // Truth is read only to score, keyed by feed and source id.
    const byUprn = new Map(allEntries.map((e) => [e.uprn, e]));
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
          variant: r.uprn ? null : feedVariant(r.address, byUprn.get(Number(tr.true_uprn))),
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
    const forms = new Map<Variant, FormTally>();
    const form = (v: Variant) => forms.get(v) ?? forms.set(v, { rows: 0, right: 0, wrong: 0, possibleRight: 0, possibleOther: 0, unmatched: 0 }).get(v)!;
    const wrong: string[] = [];
    const missed: string[] = [];
    const note = (input: AddressInput, trueUprn: number | null, m: AddressMatch, i: number) => {
      const line = () => `  ${JSON.stringify(input)} true ${trueUprn} -> ${JSON.stringify(m)}`;
      if (m.uprn !== null && m.uprn !== trueUprn && wrong.length < show) wrong.push(line());
      else if (m.uprn === null && trueUprn !== null && missed.length < show && i % 7 === 0) missed.push(line());
    };
    cases.forEach((c, i) => {
      const m = results[i]!;
      add(all, c, m);
      if (!c.sentUprn) add(noUprn, c, m);
      if (c.variant) addForm(form(c.variant), c.trueUprn, m);
      note(c.input, c.trueUprn, m, i);
    });

    // Made cases are matched against the gazetteer plus the lettered houses they add, so the feed
    // rows above are scored against the borough exactly as generated.
    const made = makeVariantCases(allEntries, seed, PER_VARIANT);
    const madeHeldOut = (uprn: number) => heldOut(made.heldOutWith.get(uprn) ?? uprn);
    const madeMatcher = buildAddressMatcher([...entries, ...made.extraEntries.filter((e) => !madeHeldOut(e.uprn))]);
    made.cases.forEach((c, i) => {
      const trueUprn = c.trueUprn !== null && !madeHeldOut(c.trueUprn) ? c.trueUprn : null;
      const m = madeMatcher.match(c.input);
      addForm(form(c.variant), trueUprn, m);
      note(c.input, trueUprn, m, i);
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
    printForms(forms);
    if (wrong.length > 0) console.log(`wrong matches:\n${wrong.join('\n')}`);
    if (missed.length > 0) console.log(`misses (sample):\n${missed.join('\n')}`);
  } finally {
    if (!values.out) rmSync(outDir, { recursive: true, force: true });
  }
}

// Run directly: `npx tsx src/bench/address-bench.ts --scale 1`.
if (import.meta.url === `file://${process.argv[1]}`) await runAddressBench(process.argv.slice(2));
