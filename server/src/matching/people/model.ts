// The Fellegi-Sunter model: for every comparison level an m probability (of seeing that level
// when the two records are the same person) and a u probability (when they are not). A level's
// match weight is log2(m/u); a pair's weight is the prior log-odds plus the sum over comparisons.
// Plain JSON, so a trained model can be stored, reviewed and reloaded unchanged.
import { BITS, COMPARISONS, C_ADDRESS, C_DOB, C_FAMILY, C_GIVEN, C_IDENT, GAMMA_SPACE, LEVEL_MASK, levelOf, NUM_COMPARISONS, type ComparisonName } from './comparisons.ts';
import { patternTable, type StewardPattern } from './feedback.ts';
import { probabilityOf, weightOfProbability } from './log-odds.ts';
import type { Band } from './types.ts';

export interface LevelParams {
  name: string;
  m: number;
  u: number;
}

export interface ComparisonParams {
  name: ComparisonName;
  /** levels[0] is the null level: it carries m = u = 1 (weight 0). */
  levels: LevelParams[];
}

export interface LinkageModel {
  version: 1;
  comparisons: ComparisonParams[];
  /** Probability that two records drawn at random are the same person. */
  lambda: number;
  /** Match probabilities at or above which a pair is `linked` / `possible`. */
  thresholds: { linked: number; possible: number };
  /** Adjust exact name agreement for how common the name is (Smith weighs less than Okonkwo). */
  termFrequency: boolean;
  /** Whether nhsNumber holds NHS numbers (check digit validated) or another identifier. */
  validateNhsNumber: boolean;
  /** Whether the training file held households (see holdsHouseholds); absent = yes. */
  households?: boolean;
  /** Stewards' decisions counted by comparison pattern (see feedback.ts); absent = none. */
  feedback?: StewardPattern[];
  /** What the model was trained on, for the record. */
  trainedOn?: { records: number; candidatePairs: number; uSamplePairs: number; emSessions: string[] };
}

/**
 * Defaults. `linked` at 0.95: a wrong link shows an officer another person's history, so an
 * automatic link needs the evidence of, for example, exact name and date of birth; `possible`
 * from 0.2 sends the ambiguous middle (a nickname plus a mistyped date) to a person, because a
 * missed match can hide a child at risk and a reviewer can settle it in seconds.
 */
export const DEFAULT_THRESHOLDS = { linked: 0.95, possible: 0.2 } as const;

/** Starting m values before EM: agreement likely, disagreement rare (Splink-like priors). */
const INITIAL_M: Record<ComparisonName, number[]> = {
  givenName: [1, 0.8, 0.06, 0.04, 0.04, 0.02, 0.04],
  familyName: [1, 0.85, 0.03, 0.03, 0.04, 0.02, 0.03],
  dateOfBirth: [1, 0.85, 0.02, 0.06, 0.03, 0.03, 0.01],
  sex: [1, 0.97, 0.03],
  address: [1, 0.55, 0.05, 0.2, 0.1, 0.1],
  nhsNumber: [1, 0.95, 0.03, 0.02],
};

/** Starting u values where a uniform guess would be wrong even before training: an NHS number
 * identifies one person in the country, so two random people almost never share one. Used as
 * is when the training data holds no NHS numbers. */
const INITIAL_U: Partial<Record<ComparisonName, number[]>> = {
  nhsNumber: [1, 1e-6, 1e-5, 0.99999],
};

export function newModel(opts: { termFrequency?: boolean; validateNhsNumber?: boolean } = {}): LinkageModel {
  return {
    version: 1,
    comparisons: COMPARISONS.map((c) => ({
      name: c.name,
      levels: c.levels.map((name, l) => ({ name, m: INITIAL_M[c.name][l]!, u: l === 0 ? 1 : INITIAL_U[c.name]?.[l] ?? 1 / c.levels.length })),
    })),
    lambda: 1e-4,
    thresholds: { ...DEFAULT_THRESHOLDS },
    termFrequency: opts.termFrequency ?? true,
    validateNhsNumber: opts.validateNhsNumber ?? true,
  };
}

export function levelWeight(level: LevelParams): number {
  return Math.log2(level.m / level.u);
}

export function priorWeight(model: LinkageModel): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

/** Why the household guards hold a pair back (see guardOf). */
export type Guard = 'twins' | 'parent-child' | 'household-date';

/**
 * Evidence no weight may outvote. The model treats fields as independent, but within a household
 * they are not: twins share a family name, a date of birth and a home, and a baby may be given
 * her mother's name at the same address. Such pairs pile up agreement. So when two records share
 * a family name and an address, a pair is at most "possible" (a steward decides) when:
 * - the given names disagree outright while the dates of birth (nearly) agree: 'twins';
 * - the births are ten or more years apart (a namesake parent or child): 'parent-child'.
 * Where the file holds households (`households`, see holdsHouseholds), more is held: a family
 * name however spelt ("Smith", "Smit"), given names that disagree whatever the dates say (a
 * brother or sister born the same year, or whose date was left out), and dates of birth that
 * disagree outright (a relative of one name, or a date typed wholly wrong: a person can tell,
 * the weights cannot): 'household-date'. A file of duplicated single records (FEBRL) has no
 * households, and there these are mostly one person typed badly.
 * An NHS number that agrees (or, in a file of households, is one digit off) lifts the guards.
 * Null when no guard holds.
 */
export function guardOf(gamma: number, households = true): Guard | null {
  // An agreeing NHS number, or one a digit off (a typo: twins' consecutive numbers differ in
  // their check digits too), lifts the guards.
  const ident = levelOf(gamma, C_IDENT);
  if (ident === 1 || (households && ident === 2)) return null;
  const family = levelOf(gamma, C_FAMILY);
  const address = levelOf(gamma, C_ADDRESS);
  const familyAgrees = households ? family >= 1 && family < COMPARISONS[C_FAMILY].levels.length - 1 : family === 1 || family === 2;
  if (!familyAgrees || address < 1 || address > 3) return null;
  const dobLevel = levelOf(gamma, C_DOB);
  const dob = COMPARISONS[C_DOB].levels[dobLevel];
  const givenDisagrees = levelOf(gamma, C_GIVEN) === COMPARISONS[C_GIVEN].levels.length - 1;
  if (dob === 'years-apart') return 'parent-child';
  if (!households) return givenDisagrees && dobLevel >= 1 && dobLevel <= 3 ? 'twins' : null;
  if (dob === 'else') return 'household-date';
  if (givenDisagrees) return 'twins';
  return null;
}

export function isGuarded(gamma: number, households = true): boolean {
  return guardOf(gamma, households) !== null;
}

/** Whether the model was trained on a file of households (absent: yes, as a borough is). */
export function holdsHouseholdsOf(model: LinkageModel): boolean {
  return model.households !== false;
}

/**
 * Ceilings on m for outright disagreement between two records of one household. EM cannot tell
 * a household from a person: twins, a father and a namesake son and siblings look to it like one
 * person typed badly, so where a file holds many households it learns that a given name or a
 * date of birth often disagrees outright, and those disagreements weigh little. Inside a home, a
 * clerk's slip rarely changes a whole given name or a birth by a decade; at most these shares of
 * true pairs do. Applied only to pairs the guards hold, to decide whether a steward is asked
 * (elsewhere the trained weights stand: FEBRL's clerks do garble whole names).
 */
export const HOUSEHOLD_M_CEILINGS: Readonly<Partial<Record<ComparisonName, Readonly<Record<string, number>>>>> = {
  givenName: { else: 0.02 },
  dateOfBirth: { else: 0.03, 'years-apart': 0.01 },
};

/** The weight of a held pair with the household ceilings applied (the weight as is otherwise). */
export function householdWeight(model: LinkageModel, gamma: number, weight: number): number {
  if (!isGuarded(gamma, holdsHouseholdsOf(model))) return weight;
  let w = weight;
  model.comparisons.forEach((c, k) => {
    const caps = HOUSEHOLD_M_CEILINGS[c.name];
    const level = c.levels[levelOf(gamma, k)]!;
    const cap = caps?.[level.name];
    if (cap !== undefined && level.m > cap) w += Math.log2(cap / level.m);
  });
  return w;
}

/** The band of a pair with packed vector `gamma` (-1 when unknown: no guard). A held pair is at
 * most possible, and goes to a steward only when it is possible by its household weight. */
export function bandOf(model: LinkageModel, probability: number, gamma = -1): Band {
  if (gamma >= 0 && isGuarded(gamma, holdsHouseholdsOf(model))) {
    const p = probabilityOf(householdWeight(model, gamma, weightOfProbability(Math.min(Math.max(probability, 1e-12), 1 - 1e-12))));
    return p >= model.thresholds.possible ? 'possible' : 'not-linked';
  }
  if (probability >= model.thresholds.linked) return 'linked';
  if (probability >= model.thresholds.possible) return 'possible';
  return 'not-linked';
}

/** Flat weight table: weights[k * 8 + level]. */
export function weightTable(model: LinkageModel): Float64Array {
  const t = new Float64Array(NUM_COMPARISONS << BITS);
  model.comparisons.forEach((c, k) => c.levels.forEach((l, i) => (t[(k << BITS) + i] = i === 0 ? 0 : levelWeight(l))));
  return t;
}

/** Weight of a packed vector (without the prior and term-frequency terms). */
export function gammaWeight(table: Float64Array, gamma: number): number {
  let w = 0;
  for (let k = 0; k < NUM_COMPARISONS; k++) w += table[(k << BITS) + ((gamma >>> (BITS * k)) & LEVEL_MASK)]!;
  return w;
}

/** Lazily filled cache of gammaWeight over the whole vector space (2^18 doubles = 2 MB). */
export class WeightCache {
  private readonly w = new Float64Array(GAMMA_SPACE).fill(NaN);
  readonly table: Float64Array;
  /** Stewards' decisions by pattern, or null when the model carries none. */
  readonly patterns: Map<number, StewardPattern> | null;
  /** The weight at or above which a pair links (the model's linked threshold). */
  readonly linkedAt: number;
  /** The model's prior weight (priorWeight), worked out once rather than per pair. */
  readonly prior: number;
  constructor(model: LinkageModel) {
    this.prior = priorWeight(model);
    this.table = weightTable(model);
    this.patterns = patternTable(model.feedback);
    this.linkedAt = weightOfProbability(model.thresholds.linked);
  }
  get(gamma: number): number {
    let v = this.w[gamma]!;
    if (v !== v) v = this.w[gamma] = gammaWeight(this.table, gamma);
    return v;
  }
}

/** Smallest u a term-frequency adjustment may assume, so one rare shared name cannot swamp
 * disagreement everywhere else. */
export const TF_MIN_U = 1e-4;

/**
 * The term-frequency adjustment for an exact name agreement: log2(u_level / u_name), where
 * u_name is the share of records carrying the name (the chance a random pair agrees on it).
 */
export function tfAdjustment(model: LinkageModel, comparison: typeof C_GIVEN | typeof C_FAMILY, nameShare: number): number {
  const u = model.comparisons[comparison]!.levels[1]!.u;
  return Math.log2(u / Math.max(nameShare, TF_MIN_U));
}

export function modelToJson(model: LinkageModel): string {
  return JSON.stringify(model, null, 2);
}

export function modelFromJson(json: string): LinkageModel {
  const m = JSON.parse(json) as LinkageModel;
  if (m.version !== 1 || !Array.isArray(m.comparisons)) throw new Error('not a mast person linkage model (version 1)');
  for (const [k, c] of COMPARISONS.entries()) {
    const got = m.comparisons[k];
    if (!got || got.name !== c.name || got.levels.length !== c.levels.length) {
      throw new Error(`model comparison ${k} should be ${c.name} with ${c.levels.length} levels`);
    }
  }
  return m;
}
