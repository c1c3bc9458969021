// "Why were these two linked?": every comparison with the level it reached and the weight that
// level carries, plus the prior and any term-frequency terms, summing to the total.
import { COMPARISONS, compare, C_FAMILY, C_GIVEN, levelOf, NUM_COMPARISONS } from './comparisons.ts';
import { FeatureStore } from './features.ts';
import { weightWithDecisions } from './feedback.ts';
import { probabilityOf, weightOfProbability } from './log-odds.ts';
import { bandOf, guardOf, holdsHouseholdsOf, levelWeight, priorWeight, tfAdjustment, type LinkageModel } from './model.ts';
import type { Band, PersonRecord } from './types.ts';

export interface ExplainedComparison {
  field: string;
  level: string;
  weight: number;
  /** m and u of the level (absent for null levels and the prior). */
  m?: number;
  u?: number;
}

export interface Explanation {
  comparisons: ExplainedComparison[];
  totalWeight: number;
  probability: number;
  band: Band;
}

/** Shares of records carrying a normalised name, for term-frequency terms; absent = no terms. */
export interface NameShares {
  given(normalisedName: string): number;
  family(normalisedName: string): number;
}

export function explainStored(model: LinkageModel, s: FeatureStore, a: number, b: number, shares?: NameShares): Explanation {
  const g = compare(s, a, b);
  const out: ExplainedComparison[] = [{ field: 'prior', level: 'prior', weight: priorWeight(model) }];
  for (let k = 0; k < NUM_COMPARISONS; k++) {
    const l = levelOf(g, k);
    const params = model.comparisons[k]!.levels[l]!;
    out.push(
      l === 0
        ? { field: COMPARISONS[k]!.name, level: 'null', weight: 0 }
        : { field: COMPARISONS[k]!.name, level: params.name, weight: levelWeight(params), m: params.m, u: params.u },
    );
  }
  if (model.termFrequency && shares) {
    if (levelOf(g, C_GIVEN) === 1) {
      const name = s.names.strings[s.given[a]!]!;
      out.push({ field: 'givenName', level: `term frequency of "${name}"`, weight: tfAdjustment(model, C_GIVEN, shares.given(name)) });
    }
    if (levelOf(g, C_FAMILY) === 1) {
      const name = s.names.strings[s.family[a]!]!;
      out.push({ field: 'familyName', level: `term frequency of "${name}"`, weight: tfAdjustment(model, C_FAMILY, shares.family(name)) });
    }
  }
  const decided = model.feedback?.find((p) => p.gamma === g);
  const before = out.reduce((sum, c) => sum + c.weight, 0);
  // As in pairWeight: decisions count for uncertain and held pairs only.
  if (decided && (before < weightOfProbability(model.thresholds.linked) || guardOf(g, holdsHouseholdsOf(model)) !== null)) {
    out.push({ field: 'stewards', level: `${decided.same} same, ${decided.different} different on pairs like this`, weight: weightWithDecisions(before, decided) - before });
  }
  const totalWeight = out.reduce((sum, c) => sum + c.weight, 0);
  const probability = probabilityOf(totalWeight);
  return { comparisons: out, totalWeight, probability, band: bandOf(model, probability, g) };
}

/** Explains one pair of records. Term-frequency terms need name shares from the population. */
export function explainPair(model: LinkageModel, a: PersonRecord, b: PersonRecord, shares?: NameShares): Explanation {
  const s = new FeatureStore({ validateNhsNumber: model.validateNhsNumber });
  s.add(a);
  s.add(b);
  return explainStored(model, s, 0, 1, shares);
}
