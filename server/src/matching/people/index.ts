// mast's person matcher: Fellegi-Sunter probabilistic linkage, trained without labels.
export type { PersonRecord, Band } from './types.ts';
export { COMPARISONS, type ComparisonName } from './comparisons.ts';
export { DEFAULT_BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.ts';
export {
  DEFAULT_THRESHOLDS, newModel, modelToJson, modelFromJson, bandOf, isGuarded, guardOf, householdWeight, holdsHouseholdsOf, type Guard,
  type LinkageModel, type ComparisonParams, type LevelParams,
} from './model.ts';
export { holdOf, holdsHouseholds, linkRecords, DEFAULT_SESSIONS, type LinkOptions, type LinkResult, type CandidatePairs } from './link.ts';
export { assignStableClusterIds, clusterRecords, UnionFind } from './cluster.ts';
export { explainPair, type Explanation, type ExplainedComparison, type NameShares } from './explain.ts';
export { PersonIndex, type Candidate } from './person-index.ts';
export { areNameVariants } from './nicknames.ts';
export { parseStreet, streetKey } from './normalise.ts';
export { FeatureStore } from './features.ts';
export { compare } from './comparisons.ts';
export { decisionPatterns, learnFromDecisions, type StewardPattern } from './feedback.ts';
export { probabilityOf, weightOfProbability } from './log-odds.ts';
