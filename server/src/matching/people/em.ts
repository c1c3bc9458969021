// Unsupervised estimation, as Splink does it. No labels:
// - u from random pairs (almost all non-matches): the share of random pairs at each level;
// - m by expectation-maximisation over candidate pairs, in "sessions": each session takes the
//   pairs that agree exactly on some fields (date of birth; full name) and estimates m for the
//   OTHER comparisons, with u fixed. The fields a session selects on are left out of it, since
//   among those pairs agreement on them says nothing;
// - lambda (the prior) by EM over every candidate pair with m and u fixed, counting pairs that
//   blocking never produced as non-matches.
// EM runs over a histogram of packed comparison vectors, not over pairs: a million pairs
// collapse to a few thousand distinct vectors.
import { BITS, compare, GAMMA_SPACE, LEVEL_MASK, levelOf, NUM_COMPARISONS } from './comparisons.ts';
import type { FeatureStore } from './features.ts';
import { WeightCache, type LinkageModel } from './model.ts';

/** Distinct vectors and how many pairs carry each. */
export interface GammaHistogram {
  gammas: Uint32Array;
  counts: Float64Array;
}

export function histogram(gammas: Uint32Array, n: number, filter?: (gamma: number) => boolean): GammaHistogram {
  const dense = new Float64Array(GAMMA_SPACE);
  for (let p = 0; p < n; p++) dense[gammas[p]!]!++;
  let distinct = 0;
  for (let g = 0; g < GAMMA_SPACE; g++) if (dense[g]! > 0 && (!filter || filter(g))) distinct++;
  const out: GammaHistogram = { gammas: new Uint32Array(distinct), counts: new Float64Array(distinct) };
  let x = 0;
  for (let g = 0; g < GAMMA_SPACE; g++) {
    if (dense[g]! > 0 && (!filter || filter(g))) {
      out.gammas[x] = g;
      out.counts[x++] = dense[g]!;
    }
  }
  return out;
}

/** Small seeded PRNG (mulberry32): the same data gives the same model. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sets u for every level from `samples` random pairs (across sources when linkOnly). */
export function estimateU(model: LinkageModel, s: FeatureStore, samples: number, linkOnly: boolean, seed = 42): number {
  const rand = prng(seed);
  const counts = new Float64Array(NUM_COMPARISONS << BITS);
  let left: Int32Array | null = null;
  let right: Int32Array | null = null;
  if (linkOnly) {
    const l: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < s.n; i++) (s.source[i] === 0 ? l : r).push(i);
    left = Int32Array.from(l);
    right = Int32Array.from(r);
  }
  let taken = 0;
  for (let t = 0; t < samples; t++) {
    let a: number;
    let b: number;
    if (left && right) {
      a = left[Math.floor(rand() * left.length)]!;
      b = right[Math.floor(rand() * right.length)]!;
    } else {
      a = Math.floor(rand() * s.n);
      b = Math.floor(rand() * s.n);
      if (a === b) continue;
    }
    const g = compare(s, a, b);
    for (let k = 0; k < NUM_COMPARISONS; k++) counts[(k << BITS) + ((g >>> (BITS * k)) & LEVEL_MASK)]!++;
    taken++;
  }
  model.comparisons.forEach((c, k) => {
    let nonNull = 0;
    for (let l = 1; l < c.levels.length; l++) nonNull += counts[(k << BITS) + l]!;
    if (nonNull === 0) return; // the field is never filled in: keep the defaults (weight stays 0 via null)
    for (let l = 1; l < c.levels.length; l++) {
      // A level never seen among random pairs is rare, not impossible: floor at one sighting.
      c.levels[l]!.u = Math.max(counts[(k << BITS) + l]!, 1) / nonNull;
    }
  });
  return taken;
}

const M_FLOOR = 1e-5;

/**
 * One EM session over the histogram `h` (already filtered to the session's pairs), estimating m
 * for every comparison not in `fixed`. Returns the m values (per comparison, per level; null for
 * fixed comparisons or those never filled in) and the session's lambda.
 */
export function emSession(
  model: LinkageModel,
  h: GammaHistogram,
  fixed: readonly number[],
  maxIterations = 25,
): { m: (number[] | null)[]; lambda: number; iterations: number } {
  const active = [...Array(NUM_COMPARISONS).keys()].filter((k) => !fixed.includes(k));
  const m = model.comparisons.map((c) => c.levels.map((l) => l.m));
  const u = model.comparisons.map((c) => c.levels.map((l) => l.u));
  let lambda = 0.5;
  const acc = new Float64Array(NUM_COMPARISONS << BITS);
  let it = 0;
  for (; it < maxIterations; it++) {
    acc.fill(0);
    let matched = 0;
    let total = 0;
    for (let p = 0; p < h.gammas.length; p++) {
      const g = h.gammas[p]!;
      const c = h.counts[p]!;
      let pm = lambda;
      let pu = 1 - lambda;
      for (const k of active) {
        const l = levelOf(g, k);
        if (l === 0) continue;
        pm *= m[k]![l]!;
        pu *= u[k]![l]!;
      }
      const post = pm + pu > 0 ? pm / (pm + pu) : 0;
      matched += post * c;
      total += c;
      for (const k of active) acc[(k << BITS) + levelOf(g, k)]! += post * c;
    }
    let change = 0;
    for (const k of active) {
      let sum = 0;
      const levels = m[k]!.length;
      for (let l = 1; l < levels; l++) sum += acc[(k << BITS) + l]!;
      if (sum <= 0) continue;
      for (let l = 1; l < levels; l++) {
        const v = Math.max(acc[(k << BITS) + l]! / sum, M_FLOOR);
        change = Math.max(change, Math.abs(v - m[k]![l]!));
        m[k]![l] = v;
      }
    }
    lambda = total > 0 ? matched / total : lambda;
    if (change < 1e-5) break;
  }
  return { m: m.map((levels, k) => (active.includes(k) ? levels : null)), lambda, iterations: it + 1 };
}

export interface Session {
  name: string;
  /** Comparisons the session selects on (left out of its estimates). */
  fixed: number[];
  /** Which candidate pairs belong to the session. */
  select: (gamma: number) => boolean;
}

/**
 * Runs each session and sets every comparison's m to the mean of the sessions that estimated it.
 * Comparisons no session could estimate keep their starting values.
 */
export function estimateM(model: LinkageModel, gammas: Uint32Array, n: number, sessions: readonly Session[]): string[] {
  const sums = model.comparisons.map((c) => c.levels.map(() => 0));
  const runs = model.comparisons.map(() => 0);
  const notes: string[] = [];
  const all = histogram(gammas, n);
  for (const s of sessions) {
    const keep = all.gammas.map((g) => (s.select(g) ? 1 : 0));
    const h: GammaHistogram = {
      gammas: all.gammas.filter((_, x) => keep[x] === 1),
      counts: all.counts.filter((_, x) => keep[x] === 1),
    };
    const pairs = h.counts.reduce((a, b) => a + b, 0);
    if (pairs < 10) {
      notes.push(`${s.name}: too few pairs (${pairs})`);
      continue;
    }
    const r = emSession(model, h, s.fixed);
    notes.push(`${s.name}: ${pairs} pairs, ${r.iterations} iterations, lambda ${r.lambda.toFixed(4)}`);
    r.m.forEach((levels, k) => {
      if (!levels) return;
      // A comparison with no filled values in this session learns nothing here.
      let filled = 0;
      for (let x = 0; x < h.gammas.length; x++) if (levelOf(h.gammas[x]!, k) !== 0) filled += h.counts[x]!;
      if (filled === 0) return;
      levels.forEach((v, l) => (sums[k]![l]! += v));
      runs[k]!++;
    });
  }
  model.comparisons.forEach((c, k) => {
    if (runs[k] === 0) return;
    c.levels.forEach((l, i) => {
      if (i > 0) l.m = sums[k]![i]! / runs[k]!;
    });
  });
  return notes;
}

/**
 * lambda: the expected number of matches among the candidates (posterior under the current
 * lambda) over all possible pairs, iterated to a fixed point. Pairs blocking never produced are
 * counted as non-matches.
 */
export function estimateLambda(model: LinkageModel, h: GammaHistogram, totalPairs: number): number {
  const cache = new WeightCache(model);
  let lambda = Math.min(0.5, Math.max(1 / totalPairs, h.counts.reduce((a, b) => a + b, 0) / totalPairs / 10));
  for (let it = 0; it < 60; it++) {
    const prior = lambda / (1 - lambda);
    let expected = 0;
    for (let p = 0; p < h.gammas.length; p++) {
      const bf = Math.pow(2, cache.get(h.gammas[p]!)) * prior;
      expected += (h.counts[p]! * bf) / (1 + bf);
    }
    const next = Math.min(0.5, Math.max(expected / totalPairs, 1e-12));
    if (Math.abs(next - lambda) / lambda < 1e-6) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  model.lambda = lambda;
  return lambda;
}
