// Scores for a labelled file of person records (the look-alike borough, or any file in mast's own
// columns): the clusters the matcher forms by itself, the pairs it leaves to a steward (counted
// apart, so precision is not bought by sending everything to review), and both by hard case.
import { householdWeight, weightOfProbability, type LinkResult, type PersonRecord } from '../matching/people/index.ts';

export interface LabelledRecords {
  records: PersonRecord[];
  truth: string[];
  /** Hard cases per record ('' when clean), '+'-separated. */
  cases: string[];
}

/** mast's own column names (the look-alike generator writes them). */
export const MAST_COLUMNS = {
  id: 'record_id', given: 'given_name', family: 'family_name', dob: 'date_of_birth', sex: 'sex', nhs: 'nhs_number',
  postcode: 'postcode', street: 'address', uprn: 'uprn', cluster: 'true_person_id', case: 'case',
} as const;

export function labelledFromRows(rows: readonly Record<string, string>[], cols: Partial<Record<keyof typeof MAST_COLUMNS, string>> = MAST_COLUMNS): LabelledRecords {
  const get = (r: Record<string, string>, c: string | undefined) => (c ? r[c] ?? '' : '');
  return {
    records: rows.map((r) => ({
      id: get(r, cols.id),
      givenName: get(r, cols.given),
      familyName: get(r, cols.family),
      dateOfBirth: get(r, cols.dob),
      sex: cols.sex ? get(r, cols.sex) : undefined,
      nhsNumber: cols.nhs ? get(r, cols.nhs) : undefined,
      postcode: cols.postcode ? get(r, cols.postcode) : undefined,
      street: cols.street ? get(r, cols.street) : undefined,
      uprn: cols.uprn ? get(r, cols.uprn) || undefined : undefined,
    })),
    truth: rows.map((r) => get(r, cols.cluster)),
    cases: rows.map((r) => get(r, cols.case)),
  };
}

export interface PairCounts {
  tp: number;
  predicted: number;
  truePairs: number;
}

export const precisionOf = (s: PairCounts) => (s.predicted ? s.tp / s.predicted : 1);
export const recallOf = (s: PairCounts) => (s.truePairs ? s.tp / s.truePairs : 1);
export function f1(s: PairCounts): number {
  const p = precisionOf(s);
  const r = recallOf(s);
  return p + r ? (2 * p * r) / (p + r) : 0;
}

function groups(keys: readonly string[]): number[][] {
  const m = new Map<string, number[]>();
  keys.forEach((k, i) => {
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(i);
  });
  return [...m.values()].filter((g) => g.length > 1);
}

export interface CaseScore {
  name: string;
  records: number;
  /** Record pairs joined in one cluster that are different people (at least one record in the case). */
  wronglyJoined: number;
  /** Record pairs of one person left apart. */
  missed: number;
  truePairs: number;
  /** Pairs left to a steward, and how many of them are one person. */
  steward: number;
  stewardSame: number;
}

export interface LabelledScores {
  clusters: PairCounts;
  /** Candidate pairs at or above the possible threshold whose records the matcher left in
   * different clusters: the pairs a steward is asked about. */
  steward: { pairs: number; same: number; clusterPairs: number; clusterPairsSame: number };
  byCase: CaseScore[];
}

/** Candidate pairs a steward would be asked about, in the order of the records' arrival. */
export function stewardPairs(res: LinkResult): number[] {
  const possibleAt = weightOfProbability(res.model.thresholds.possible);
  const { a, b, weight, n } = res.pairs;
  const out: number[] = [];
  for (let p = 0; p < n; p++) {
    if (res.clusters[a[p]!] === res.clusters[b[p]!]) continue;
    // A pair the household guards hold is asked about only when possible by its household weight.
    if (householdWeight(res.model, res.pairs.gamma[p]!, weight[p]!) >= possibleAt) out.push(p);
  }
  return out.sort((x, y) => Math.max(a[x]!, b[x]!) - Math.max(a[y]!, b[y]!) || x - y);
}

export function scoreLabelled(res: LinkResult, data: LabelledRecords): LabelledScores {
  const { truth, cases } = data;
  const caseSets = cases.map((c) => (c ? c.split('+') : ['clean']));
  const names = [...new Set(caseSets.flat())].sort((x, y) => (x === 'clean' ? 1 : y === 'clean' ? -1 : x.localeCompare(y)));
  const byCase = new Map<string, CaseScore>(names.map((name) => [name, { name, records: 0, wronglyJoined: 0, missed: 0, truePairs: 0, steward: 0, stewardSame: 0 }]));
  caseSets.forEach((cs) => cs.forEach((c) => byCase.get(c)!.records++));
  const inCases = (i: number, j: number) => new Set([...caseSets[i]!, ...caseSets[j]!]);

  let tp = 0;
  let predicted = 0;
  for (const g of groups(res.clusters)) {
    for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) {
      predicted++;
      const i = g[x]!;
      const j = g[y]!;
      if (truth[i] === truth[j]) tp++;
      else for (const c of inCases(i, j)) byCase.get(c)!.wronglyJoined++;
    }
  }
  let truePairs = 0;
  for (const g of groups(truth)) {
    for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) {
      truePairs++;
      const i = g[x]!;
      const j = g[y]!;
      for (const c of inCases(i, j)) {
        const s = byCase.get(c)!;
        s.truePairs++;
        if (res.clusters[i] !== res.clusters[j]) s.missed++;
      }
    }
  }
  let same = 0;
  const held = stewardPairs(res);
  // The same question asked about two clusters is one decision: counted once as well.
  const clusterPairs = new Map<string, boolean>();
  for (const p of held) {
    const i = res.pairs.a[p]!;
    const j = res.pairs.b[p]!;
    const isSame = truth[i] === truth[j];
    if (isSame) same++;
    const key = res.clusters[i]! < res.clusters[j]! ? `${res.clusters[i]}\u0000${res.clusters[j]}` : `${res.clusters[j]}\u0000${res.clusters[i]}`;
    clusterPairs.set(key, (clusterPairs.get(key) ?? false) || isSame);
    for (const c of inCases(i, j)) {
      const s = byCase.get(c)!;
      s.steward++;
      if (isSame) s.stewardSame++;
    }
  }
  const clusterPairsSame = [...clusterPairs.values()].filter(Boolean).length;
  return { clusters: { tp, predicted, truePairs }, steward: { pairs: held.length, same, clusterPairs: clusterPairs.size, clusterPairsSame }, byCase: [...byCase.values()] };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function printLabelled(label: string, s: LabelledScores, withCases = true): void {
  const c = s.clusters;
  console.log(`    ${label} clusters: precision ${precisionOf(c).toFixed(4)}  recall ${recallOf(c).toFixed(4)}  F1 ${f1(c).toFixed(4)}` +
    `  (TP ${c.tp}, FP ${c.predicted - c.tp}, FN ${c.truePairs - c.tp})` +
    `  | left to a steward: ${s.steward.pairs} record pairs (${s.steward.same} one person) in ${s.steward.clusterPairs} cluster pairs (${s.steward.clusterPairsSame} one person)`);
  if (!withCases) return;
  console.log(`      ${'case'.padEnd(14)}${pad('records', 8)}${pad('true pairs', 11)}${pad('wrongly joined', 15)}${pad('missed', 8)}${pad('recall', 8)}${pad('steward', 9)}${pad('of them same', 13)}`);
  for (const k of s.byCase) {
    const recall = k.truePairs ? (1 - k.missed / k.truePairs).toFixed(3) : '-';
    console.log(`      ${k.name.padEnd(14)}${pad(k.records, 8)}${pad(k.truePairs, 11)}${pad(k.wronglyJoined, 15)}${pad(k.missed, 8)}${pad(recall, 8)}${pad(k.steward, 9)}${pad(k.stewardSame, 13)}`);
  }
}
