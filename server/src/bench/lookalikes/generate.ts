// `pnpm mast lookalikes --seed N --out file.csv [--people N]`: a labelled file of person records
// built to hold the look-alikes and errors of a UK borough (see population.ts and records.ts),
// deterministic by seed. The file is mast's own benchmark, not the demo borough: the matcher is
// scored on it by `pnpm mast match-bench --file` or `match-bench lookalikes`.
import { writeFileSync } from 'node:fs';
import { csvLine } from '../../demo/csv-writer.ts';
import { Rng } from '../../demo/prng.ts';
import { buildPlaces } from './places.ts';
import { COMMON_NAMES, Population } from './population.ts';
import { LOOKALIKE_COLUMNS, recordsOf, type LookalikeRow } from './records.ts';

export const DEFAULT_PEOPLE = 6000;

export function generateLookalikes(seed: number, people = DEFAULT_PEOPLE): LookalikeRow[] {
  const rng = new Rng(seed, 'lookalikes');
  const places = buildPlaces(rng, Math.ceil(people / 2.4));
  const pop = new Population(rng, places);
  // Very common names, many times in one postcode (about 4% of people), and a few doubles
  // (one common name, one birthday, two people).
  const hotspots = Math.max(COMMON_NAMES.length, Math.round(people / 600));
  for (let h = 0; h < hotspots; h++) pop.commonNameCluster(rng.int(places.postcodes.length), COMMON_NAMES[h % COMMON_NAMES.length]!, 6 + rng.int(10));
  for (let d = 0; d < Math.max(2, Math.round(people / 1000)); d++) pop.commonNameDoubles(COMMON_NAMES[d % COMMON_NAMES.length]!);
  while (pop.people.length < people) pop.household();
  pop.moves(0.1);

  const body: Omit<LookalikeRow, 'record_id'>[] = [];
  for (const p of pop.people) body.push(...recordsOf(rng, p));
  rng.shuffle(body);
  return body.map((r, i) => ({ record_id: `${r.source}-${String(i + 1).padStart(6, '0')}`, ...r }));
}

export function lookalikesCsv(rows: readonly LookalikeRow[]): string {
  return csvLine(LOOKALIKE_COLUMNS) + rows.map((r) => csvLine(LOOKALIKE_COLUMNS.map((c) => r[c]))).join('');
}

export function runLookalikes(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? 1);
  const people = Number(arg('people') ?? DEFAULT_PEOPLE);
  const out = arg('out');
  if (!out || !Number.isInteger(seed) || !Number.isInteger(people) || people < 100) {
    console.log('usage: lookalikes --seed N --out file.csv [--people N (>= 100)]');
    process.exitCode = 1;
    return;
  }
  const rows = generateLookalikes(seed, people);
  writeFileSync(out, lookalikesCsv(rows));
  const byCase = new Map<string, number>();
  for (const r of rows) for (const c of r.case ? r.case.split('+') : ['clean']) byCase.set(c, (byCase.get(c) ?? 0) + 1);
  console.log(`${rows.length} records of ${new Set(rows.map((r) => r.true_person_id)).size} people written to ${out} (seed ${seed})`);
  console.log(`records by case: ${[...byCase].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`);
}
