// Stewards' decisions fed back to the model. A pair's comparison vector (which level each field
// reached) is its pattern; decisions on pairs of one pattern are counted, and the model's own
// probability for a later pair of that pattern is updated as if it were one decision's worth of
// evidence (a Beta prior of strength PRIOR_DECISIONS at the model's probability): a pattern the
// stewards keep calling "different" (twins' records at one address) drops out of the queue, one
// they keep calling "same" links. The household guards still hold: feedback never links a
// guarded pair on its own. Plain counts, so the model stays plain JSON.
import { compare } from './comparisons.ts';
import { FeatureStore } from './features.ts';
import { probabilityOf, weightOfProbability } from './log-odds.ts';
import type { PersonRecord } from './types.ts';

export interface StewardPattern {
  /** The packed comparison vector (see comparisons.ts). */
  gamma: number;
  same: number;
  different: number;
}

/** How many decisions the model's own estimate counts for. */
export const PRIOR_DECISIONS = 1;

/** Counts decisions per pattern, in a stable order. */
export function learnFromDecisions(decisions: readonly { gamma: number; same: boolean }[]): StewardPattern[] {
  const by = new Map<number, StewardPattern>();
  for (const d of decisions) {
    let p = by.get(d.gamma);
    if (!p) by.set(d.gamma, (p = { gamma: d.gamma, same: 0, different: 0 }));
    if (d.same) p.same++;
    else p.different++;
  }
  return [...by.values()].sort((x, y) => x.gamma - y.gamma);
}

/** Patterns from decided pairs of records (the comparison needs only the two records). */
export function decisionPatterns(validateNhsNumber: boolean, decided: readonly { a: PersonRecord; b: PersonRecord; same: boolean }[]): StewardPattern[] {
  const s = new FeatureStore({ validateNhsNumber });
  return learnFromDecisions(decided.map((d) => ({ gamma: compare(s, s.add(d.a), s.add(d.b)), same: d.same })));
}

/** Pattern -> counts, for scoring. */
export function patternTable(patterns: readonly StewardPattern[] | undefined): Map<number, StewardPattern> | null {
  if (!patterns || patterns.length === 0) return null;
  return new Map(patterns.map((p) => [p.gamma, p]));
}

/** A pair's weight once the stewards' decisions on its pattern are counted in. */
export function weightWithDecisions(weight: number, p: StewardPattern): number {
  const prior = probabilityOf(weight);
  const posterior = (prior * PRIOR_DECISIONS + p.same) / (PRIOR_DECISIONS + p.same + p.different);
  // Clamp off 0 and 1, where the log-odds are infinite.
  return weightOfProbability(Math.min(Math.max(posterior, 1e-9), 1 - 1e-9));
}
