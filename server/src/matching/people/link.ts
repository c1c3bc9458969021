// Batch linkage of a whole data set: features once, blocking, training (unless a model is
// given), scoring every candidate pair and clustering the linked ones. Pairs live in typed
// arrays (index, index, packed vector, weight): no object per pair.
import { DEFAULT_BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.ts';
import { clusterRecords } from './cluster.ts';
import { compare, C_ADDRESS, C_DOB, C_FAMILY, C_GIVEN, levelOf } from './comparisons.ts';
import { estimateLambda, estimateM, estimateU, histogram, type Session } from './em.ts';
import { FeatureStore } from './features.ts';
import { isGuarded, newModel, priorWeight, tfAdjustment, WeightCache, weightOfProbability, type LinkageModel } from './model.ts';
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

/** Total weight of a pair given its packed vector, including the term-frequency terms. */
export function pairWeight(model: LinkageModel, cache: WeightCache, s: FeatureStore, a: number, b: number, g: number): number {
  let w = priorWeight(model) + cache.get(g);
  if (model.termFrequency) {
    if (levelOf(g, C_GIVEN) === 1) w += tfAdjustment(model, C_GIVEN, s.givenCount[s.given[a]!]! / s.n);
    if (levelOf(g, C_FAMILY) === 1) w += tfAdjustment(model, C_FAMILY, s.familyCount[s.family[a]!]! / s.n);
  }
  return w;
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
    model.trainedOn = { records: store.n, candidatePairs: buf.n, uSamplePairs: taken, emSessions: notes };
  }

  const cache = new WeightCache(model);
  const weight = new Float32Array(buf.n);
  for (let p = 0; p < buf.n; p++) weight[p] = pairWeight(model, cache, store, buf.a[p]!, buf.b[p]!, buf.gamma[p]!);
  lap('scoring');

  const linkedAt = weightOfProbability(model.thresholds.linked);
  // Two records conflict when their own comparison says "different people" (a Bayes factor
  // below one, before the prior): no chain of links may join them.
  const conflict = (x: number, y: number) => pairWeight(model, cache, store, x, y, compare(store, x, y)) - priorWeight(model) < 0;
  const clusters = clusterRecords(store.ids, buf.a, buf.b, (p) => weight[p]! >= linkedAt && !isGuarded(buf.gamma[p]!), buf.n, { weight, conflict });
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
