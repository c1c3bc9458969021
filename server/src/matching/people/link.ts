// Batch linkage of a whole data set: features once, blocking, training (unless a model is
// given), scoring every candidate pair and clustering the linked ones. Pairs live in typed
// arrays (index, index, packed vector, weight): no object per pair.
import { DEFAULT_BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.ts';
import { clusterRecords } from './cluster.ts';
import { compare, COMPARISONS, C_ADDRESS, C_DOB, C_FAMILY, C_GIVEN, C_IDENT, levelOf } from './comparisons.ts';
import { estimateLambda, estimateM, estimateU, histogram, type Session } from './em.ts';
import { FeatureStore } from './features.ts';
import { weightWithDecisions } from './feedback.ts';
import { weightOfProbability } from './log-odds.ts';
import { guardOf, holdsHouseholdsOf, newModel, priorWeight, tfAdjustment, WeightCache, type Guard, type LinkageModel } from './model.ts';
import type { PersonRecord } from './types.ts';

export interface LinkOptions {
  /** A trained model to score with; without one, a model is trained on the data (unsupervised). */
  model?: LinkageModel;
  /** For linking two files: source (0 or 1) of each record; pairs within a source are skipped. */
  sourceOf?: (r: PersonRecord, i: number) => number;
  rules?: readonly BlockingRule[];
  /** Random pairs for u. Default 1,000,000 (fewer when there are fewer pairs). */
  uSamples?: number;
  termFrequency?: boolean;
  validateNhsNumber?: boolean;
  seed?: number;
}

export interface CandidatePairs {
  n: number;
  a: Int32Array;
  b: Int32Array;
  gamma: Uint32Array;
  /** Match weight (prior + comparisons + term-frequency terms). */
  weight: Float32Array;
}

export interface LinkResult {
  model: LinkageModel;
  store: FeatureStore;
  pairs: CandidatePairs;
  blocking: BlockingStats;
  /** Cluster id per record, in input order. */
  clusters: string[];
  timings: Record<string, number>;
  notes: string[];
}

/** The default EM sessions: pairs with the same date of birth teach names, sex, address and
 * NHS number; pairs with the same full name in the same area teach date of birth (and sex and
 * NHS number again). The second session asks for the same area as well because, among a
 * million records, most pairs of John Smiths are different people: EM over them alone settles
 * on "all are matches" and learns that a different date of birth is normal for one person. */
export const DEFAULT_SESSIONS: readonly Session[] = [
  { name: 'same date of birth', fixed: [C_DOB], select: (g) => levelOf(g, C_DOB) === 1 },
  {
    name: 'same given and family name, same area',
    fixed: [C_GIVEN, C_FAMILY, C_ADDRESS],
    select: (g) => levelOf(g, C_GIVEN) === 1 && levelOf(g, C_FAMILY) === 1 && levelOf(g, C_ADDRESS) >= 1 && levelOf(g, C_ADDRESS) <= 3,
  },
];

class PairBuffer {
  n = 0;
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);
  gamma = new Uint32Array(1 << 16);
  push(a: number, b: number, g: number): void {
    if (this.n === this.a.length) {
      const size = this.n * 2;
      const na = new Int32Array(size);
      na.set(this.a);
      this.a = na;
      const nb = new Int32Array(size);
      nb.set(this.b);
      this.b = nb;
      const ng = new Uint32Array(size);
      ng.set(this.gamma);
      this.gamma = ng;
    }
    this.a[this.n] = a;
    this.b[this.n] = b;
    this.gamma[this.n++] = g;
  }
}

/** Total weight of a pair given its packed vector, including the term-frequency terms and the
 * stewards' decisions on pairs of its pattern. */
export function pairWeight(model: LinkageModel, cache: WeightCache, s: FeatureStore, a: number, b: number, g: number): number {
  let w = cache.prior + cache.get(g);
  if (model.termFrequency) {
    if (levelOf(g, C_GIVEN) === 1) w += tfAdjustment(model, C_GIVEN, s.givenCount[s.given[a]!]! / s.n);
    if (levelOf(g, C_FAMILY) === 1) w += tfAdjustment(model, C_FAMILY, s.familyCount[s.family[a]!]! / s.n);
  }
  // Stewards settle the uncertain middle and the pairs the guards hold; a pair the model links
  // with confidence keeps its weight (the queue is a biased sample of its pattern).
  const decided = cache.patterns?.get(g);
  return decided && (w < cache.linkedAt || guardOf(g, holdsHouseholdsOf(model)) !== null) ? weightWithDecisions(w, decided) : w;
}

/**
 * How many people (told apart by their dates of birth) must carry a full name before it counts
 * as common: at least 8, and one for every 1,000 records. Among many Mohammed Khans or Jack
 * Smiths, two born on one day are not rare, so for them the same name and date of birth is not
 * enough on its own; in a borough of 130,000 records that takes some 130 people of one name, so
 * the movers among ordinary names still link.
 */
export function commonFullName(s: FeatureStore): number {
  return Math.max(8, s.n / 1000);
}

/** Why a pair is held for a steward whatever its weight: a household guard, a common name, or
 * two different NHS numbers. */
export type Hold = Guard | 'common-name-apart' | 'nhs-differs' | 'born-apart';

/**
 * Different NHS numbers (when identifiers are NHS numbers), the household guards (guardOf), and
 * one more that needs the population: a common full name
 * (commonFullName) agreeing with no NHS number agreeing, where the homes are in different areas
 * or a date of birth is missing. A move of house under a rare name still
 * links; under a common one a steward decides, as for a Mohammed Khan with no date of birth in
 * a street with three.
 */
export function holdOf(s: FeatureStore, a: number, b: number, g: number, households = true): Hold | null {
  // Two valid NHS numbers that differ (a check digit catches most typos) are two people until a
  // steward says otherwise: a namesake son, or a baby given her mother's number.
  if (s.validateNhs && levelOf(g, C_IDENT) === 3) return 'nhs-differs';
  const guard = guardOf(g, households);
  if (guard) return guard;
  if (levelOf(g, C_IDENT) === 1) return null;
  const given = levelOf(g, C_GIVEN);
  const address = levelOf(g, C_ADDRESS);
  // Births ten or more years apart, and homes in different areas (or one unknown): the name is
  // all that agrees. In a file of households EM learns from namesakes in one street that a date
  // may differ by a generation, so the weights alone would link a Samuel Richardson born 2001
  // to one born 2019.
  const dob = COMPARISONS[C_DOB].levels[levelOf(g, C_DOB)];
  if (households && dob === 'years-apart' && (address === 0 || address >= 4)) return 'born-apart';
  if (given < 1 || given > 2 || levelOf(g, C_FAMILY) !== 1) return null;
  // At one home with one date of birth the name's commonness no longer matters; nor where one
  // record has no address at all (there is nothing more to wait for).
  if (address < 4 && levelOf(g, C_DOB) !== 0) return null;
  const common = commonFullName(s);
  return s.fullNamePeople(a) >= common || s.fullNamePeople(b) >= common ? 'common-name-apart' : null;
}

/** Share of same-home pairs that must be plainly two people for a file to hold households. */
export const HOUSEHOLD_SHARE = 0.05;

/**
 * Whether a file holds households, from its candidate pairs: among pairs at one home under one
 * family name, the share whose given names and dates of birth both disagree outright (plainly
 * two people: a parent and child, brothers and sisters). A borough's records give 20-60%; FEBRL,
 * duplicated single records with no families, under 1%. The household guards that go beyond
 * twins and namesakes only make sense in the first.
 */
export function holdsHouseholds(gammas: Uint32Array, n: number): boolean {
  const lastGiven = COMPARISONS[C_GIVEN].levels.length - 1;
  const lastFamily = COMPARISONS[C_FAMILY].levels.length - 1;
  let home = 0;
  let two = 0;
  for (let p = 0; p < n; p++) {
    const g = gammas[p]!;
    const family = levelOf(g, C_FAMILY);
    const address = levelOf(g, C_ADDRESS);
    if (family < 1 || family === lastFamily || address < 1 || address > 2) continue;
    home++;
    const dob = COMPARISONS[C_DOB].levels[levelOf(g, C_DOB)];
    if (levelOf(g, C_GIVEN) === lastGiven && (dob === 'else' || dob === 'years-apart')) two++;
  }
  return home > 0 && two / home >= HOUSEHOLD_SHARE;
}

/** Within this many bits of weight, two links of one record count as equally strong. */
export const AMBIGUITY_BITS = 4;

/**
 * Links that cannot be told apart: a record that lacks what would tell (`unsure`: in linkRecords,
 * no date of birth) linked about equally strongly to two records that conflict with each other
 * (a father and his namesake son) is not joined to either; its pairs go to a steward. Returns the
 * pairs to drop.
 */
export function ambiguousLinks(a: Int32Array, b: Int32Array, weight: Float32Array, linked: (p: number) => boolean, pairs: number, conflict: (x: number, y: number) => boolean, unsure: (x: number) => boolean = () => true): Set<number> {
  const byRecord = new Map<number, number[]>();
  for (let p = 0; p < pairs; p++) {
    if (!linked(p)) continue;
    for (const x of [a[p]!, b[p]!]) {
      const list = byRecord.get(x);
      if (list) list.push(p);
      else byRecord.set(x, [p]);
    }
  }
  const drop = new Set<number>();
  for (const [x, list] of byRecord) {
    if (list.length < 2 || !unsure(x)) continue;
    list.sort((p, q) => weight[q]! - weight[p]!);
    const other = (p: number) => (a[p] === x ? b[p]! : a[p]!);
    const best = list[0]!;
    const near = list.filter((p) => weight[p]! >= weight[best]! - AMBIGUITY_BITS);
    if (near.slice(1).some((p) => conflict(other(best), other(p)))) for (const p of list) drop.add(p);
  }
  return drop;
}

export function linkRecords(records: readonly PersonRecord[], opts: LinkOptions = {}): LinkResult {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };
  const model: LinkageModel = opts.model
    ? structuredClone(opts.model)
    : newModel({ termFrequency: opts.termFrequency, validateNhsNumber: opts.validateNhsNumber });
  const store = new FeatureStore({ validateNhsNumber: model.validateNhsNumber });
  const linkOnly = opts.sourceOf !== undefined;
  records.forEach((r, i) => store.add(r, opts.sourceOf ? opts.sourceOf(r, i) : 0));
  lap('features');

  const buf = new PairBuffer();
  const blocking = forEachCandidatePair(store, opts.rules ?? DEFAULT_BLOCKING_RULES, linkOnly, (a, b) => buf.push(a, b, compare(store, a, b)));
  lap('blocking+comparisons');

  let totalPairs: number;
  if (linkOnly) {
    let left = 0;
    for (let i = 0; i < store.n; i++) if (store.source[i] === 0) left++;
    totalPairs = left * (store.n - left);
  } else totalPairs = (store.n * (store.n - 1)) / 2;

  const notes: string[] = [];
  if (!opts.model) {
    const samples = Math.min(opts.uSamples ?? 1_000_000, Math.max(1, totalPairs));
    const taken = estimateU(model, store, samples, linkOnly, opts.seed ?? 42);
    lap('estimate u');
    notes.push(...estimateM(model, buf.gamma, buf.n, DEFAULT_SESSIONS));
    lap('estimate m (EM)');
    estimateLambda(model, histogram(buf.gamma, buf.n), totalPairs);
    lap('estimate lambda');
    model.households = holdsHouseholds(buf.gamma, buf.n);
    model.trainedOn = { records: store.n, candidatePairs: buf.n, uSamplePairs: taken, emSessions: notes };
  }

  const cache = new WeightCache(model);
  const weight = new Float32Array(buf.n);
  for (let p = 0; p < buf.n; p++) weight[p] = pairWeight(model, cache, store, buf.a[p]!, buf.b[p]!, buf.gamma[p]!);
  lap('scoring');

  const linkedAt = weightOfProbability(model.thresholds.linked);
  const households = holdsHouseholdsOf(model);
  // Two records conflict when their own comparison says "different people" (a Bayes factor
  // below one, before the prior): no chain of links may join them. Pairs the guards hold weigh
  // against a chain (see clusterRecords): twins must not meet through a third record.
  const conflict = (x: number, y: number) => pairWeight(model, cache, store, x, y, compare(store, x, y)) - priorWeight(model) < 0;
  const relation = (x: number, y: number) => {
    const g = compare(store, x, y);
    if (holdOf(store, x, y, g, households) !== null) return 'held';
    return pairWeight(model, cache, store, x, y, g) >= linkedAt ? 'linked' : null;
  };
  const linked = (p: number) => weight[p]! >= linkedAt && holdOf(store, buf.a[p]!, buf.b[p]!, buf.gamma[p]!, households) === null;
  // A record linked about equally to two records that are surely two people (a parent and a
  // namesake child born a generation apart, or a conflict) joins neither. Two records held as
  // twins that one record links well to both are more often one person with a name typed two
  // ways ("Chris", "Kit"), so they do not count here.
  const apart = (x: number, y: number) => guardOf(compare(store, x, y), households) === 'parent-child' || conflict(x, y);
  // Both only where the file holds households: in FEBRL a held pair is mostly one person.
  const ambiguous = households ? ambiguousLinks(buf.a, buf.b, weight, linked, buf.n, apart, (x) => store.dob[x]! < 0) : new Set<number>();
  const clusters = clusterRecords(store.ids, buf.a, buf.b, (p) => linked(p) && !ambiguous.has(p), buf.n, {
    weight,
    conflict,
    held: households ? relation : undefined,
    decisive: (p) => levelOf(buf.gamma[p]!, C_IDENT) === 1,
  });
  lap('clustering');

  return {
    model,
    store,
    pairs: { n: buf.n, a: buf.a, b: buf.b, gamma: buf.gamma, weight },
    blocking,
    clusters,
    timings,
    notes,
  };
}
