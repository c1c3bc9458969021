// The comparisons and their graded levels. Level 0 of every comparison is "null" (a value is
// missing on either side: weight 0, no evidence either way); level 1 is the strongest agreement
// and the last level is "else". A pair's levels pack into one integer, three bits per
// comparison, so the whole comparison vector is a number: EM runs over a histogram of those.
import { damerauLevenshtein, jaroWinkler } from './string-similarity.ts';
import type { FeatureStore } from './features.ts';

export const COMPARISONS = [
  { name: 'givenName', levels: ['null', 'exact', 'variant', 'phonetic', 'jaro-winkler>=0.92', 'jaro-winkler>=0.88', 'else'] },
  { name: 'familyName', levels: ['null', 'exact', 'one-part-equal', 'phonetic', 'jaro-winkler>=0.92', 'jaro-winkler>=0.88', 'else'] },
  // "years-apart" (ten or more) is its own level: a garbled date and a parent or child born a
  // generation earlier or later are different evidence, and a namesake baby is the second.
  { name: 'dateOfBirth', levels: ['null', 'exact', 'day-month-swapped', 'one-digit-off', 'year-near', 'else', 'years-apart'] },
  { name: 'sex', levels: ['null', 'equal', 'different'] },
  // One comparison for the address, so evidence is not counted twice: a shared UPRN already
  // says the street agrees. "same-address" is the same UPRN, or the same postcode with the same
  // number and street; "same-street-address" the same number and street under another (or no)
  // postcode: a mistyped postcode or one missing from the extract.
  { name: 'address', levels: ['null', 'same-address', 'same-street-address', 'same-postcode', 'same-district', 'else'] },
  { name: 'nhsNumber', levels: ['null', 'equal', 'one-edit', 'different'] },
] as const;

export type ComparisonName = (typeof COMPARISONS)[number]['name'];
export const NUM_COMPARISONS = COMPARISONS.length;
export const BITS = 3;
export const LEVEL_MASK = (1 << BITS) - 1;
export const GAMMA_SPACE = 1 << (BITS * NUM_COMPARISONS);

export const C_GIVEN = 0;
export const C_FAMILY = 1;
export const C_DOB = 2;
export const C_SEX = 3;
export const C_ADDRESS = 4;
export const C_IDENT = 5;

/** Level index of comparison k in a packed vector. */
export function levelOf(gamma: number, k: number): number {
  return (gamma >>> (BITS * k)) & LEVEL_MASK;
}

/** Letters of `a` that occur anywhere in `b` (by the letter mask): an upper bound on the
 * characters Jaro can match. */
function present(a: string, maskB: number): number {
  let n = 0;
  for (let c = 0; c < a.length; c++) if ((maskB >>> (a.charCodeAt(c) - 97)) & 1) n++;
  return n;
}

function spelling(s: FeatureStore, ia: number, ib: number): number {
  // Returns 4 (>= 0.92 or one edit), 5 (>= 0.88) or 6 (else).
  const a = s.names.strings[ia]!;
  const b = s.names.strings[ib]!;
  // Jaro-Winkler >= 0.88 needs Jaro >= 0.8 (the prefix bonus adds at most 0.4 of the gap), so
  // m/|a| + m/|b| >= 1.4. Most unrelated names fail this bound and skip the full computation;
  // one edit between names of near-equal length always passes it unless the names are tiny.
  const m = Math.min(present(a, s.nameMask[ib]!), present(b, s.nameMask[ia]!));
  if (m / a.length + m / b.length < 1.4) {
    return Math.abs(a.length - b.length) <= 1 && damerauLevenshtein(a, b, 1) <= 1 ? 4 : 6;
  }
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 4;
  if (damerauLevenshtein(a, b, 1) <= 1) return 4;
  return jw >= 0.88 ? 5 : 6;
}

function soundsAlike(s: FeatureStore, a: number, b: number): boolean {
  const a1 = s.nameCode1[a]!;
  const a2 = s.nameCode2[a]!;
  const b1 = s.nameCode1[b]!;
  const b2 = s.nameCode2[b]!;
  if (a1 < 0 || b1 < 0) return false;
  return a1 === b1 || (a2 >= 0 && a2 === b1) || (b2 >= 0 && a1 === b2) || (a2 >= 0 && a2 === b2);
}

function sharesGroup(ga: readonly number[], gb: readonly number[]): boolean {
  if (ga.length === 0 || gb.length === 0) return false;
  for (let x = 0; x < ga.length; x++) if (gb.includes(ga[x]!)) return true;
  return false;
}

// Name-pair level caches: a million records hold few distinct names, and pairs like
// ("oliver", "olivia") recur millions of times in date-of-birth blocks. One flat open-addressing
// table per comparison over typed arrays (the pair's two ids and its level): no object per name
// or per pair, and a lookup is a few integer operations. Bounded: cleared when full.
const CACHE_LIMIT = 1_000_000;

class PairCache {
  private lo = new Int32Array(1024).fill(-1);
  private hi = new Int32Array(1024);
  private level = new Int8Array(1024);
  private size = 0;
  /** The store the ids belong to, by its serial: a reference would keep the last upload's whole
   * person index alive after the upload ended, until the next one. */
  private owner = -1;

  private static slot(lo: number, hi: number, mask: number): number {
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    return h & mask;
  }

  get(s: FeatureStore, a: number, b: number, f: (s: FeatureStore, a: number, b: number) => number): number {
    if (this.owner !== s.serial) {
      // Ids belong to one store: a new store starts a new cache.
      this.clear(1024);
      this.owner = s.serial;
    }
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const mask = this.lo.length - 1;
    let i = PairCache.slot(lo, hi, mask);
    for (;;) {
      const k = this.lo[i]!;
      if (k === -1) break;
      if (k === lo && this.hi[i] === hi) return this.level[i]!;
      i = (i + 1) & mask;
    }
    const v = f(s, a, b);
    if (this.size >= CACHE_LIMIT) this.clear(1024);
    else if ((this.size + 1) * 2 > this.lo.length) this.grow();
    else {
      this.put(i, lo, hi, v);
      return v;
    }
    this.insert(lo, hi, v);
    return v;
  }

  private put(i: number, lo: number, hi: number, v: number): void {
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.level[i] = v;
    this.size++;
  }

  private insert(lo: number, hi: number, v: number): void {
    const mask = this.lo.length - 1;
    let i = PairCache.slot(lo, hi, mask);
    while (this.lo[i] !== -1) i = (i + 1) & mask;
    this.put(i, lo, hi, v);
  }

  private grow(): void {
    const { lo, hi, level } = this;
    this.clear(lo.length * 2);
    for (let i = 0; i < lo.length; i++) if (lo[i] !== -1) this.insert(lo[i]!, hi[i]!, level[i]!);
  }

  private clear(slots: number): void {
    this.lo = new Int32Array(slots).fill(-1);
    this.hi = new Int32Array(slots);
    this.level = new Int8Array(slots);
    this.size = 0;
  }
}

const givenCache = new PairCache();
const familyCache = new PairCache();
const streetCache = new PairCache();

export function givenLevel(s: FeatureStore, a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  return givenCache.get(s, a, b, givenLevelSlow);
}

export function familyLevel(s: FeatureStore, a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  return familyCache.get(s, a, b, familyLevelSlow);
}

function givenLevelSlow(s: FeatureStore, a: number, b: number): number {
  if (s.nameFirst[a] === s.nameFirst[b] || sharesGroup(s.nameGroups[a]!, s.nameGroups[b]!)) return 2;
  if (soundsAlike(s, a, b)) return 3;
  return spelling(s, a, b);
}

function familyLevelSlow(s: FeatureStore, a: number, b: number): number {
  const pa = s.nameParts[a];
  const pb = s.nameParts[b];
  if (pa || pb) {
    // Double-barrelled or married names: one part of one equals the other (or one of its parts).
    if (pa && pa.includes(b)) return 2;
    if (pb && pb.includes(a)) return 2;
    if (pa && pb) for (let x = 0; x < pa.length; x++) if (pb.includes(pa[x]!)) return 2;
  }
  if (soundsAlike(s, a, b)) return 3;
  return spelling(s, a, b);
}

export function dobLevel(a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  const ya = (a / 10000) | 0;
  const yb = (b / 10000) | 0;
  const ma = ((a / 100) | 0) % 100;
  const mb = ((b / 100) | 0) % 100;
  const da = a % 100;
  const db = b % 100;
  if (ya === yb && ma === db && da === mb) return 2;
  let diff = 0;
  let x = a;
  let y = b;
  for (let k = 0; k < 8; k++) {
    if (x % 10 !== y % 10) diff++;
    x = (x / 10) | 0;
    y = (y / 10) | 0;
  }
  if (diff === 1) return 3;
  if (ya === yb || (Math.abs(ya - yb) === 1 && ma === mb && da === db)) return 4;
  return Math.abs(ya - yb) >= 10 ? 6 : 5;
}

/** 2 when number and street agree (the street within one edit or Jaro-Winkler 0.92), 1 when
 * both are known and differ, 0 when either side lacks them. */
function streetAgreement(s: FeatureStore, i: number, j: number): number {
  const ni = s.streetNo[i]!;
  const nj = s.streetNo[j]!;
  const si = s.streetName[i]!;
  const sj = s.streetName[j]!;
  if (ni < 0 || nj < 0 || si < 0 || sj < 0) return 0;
  if (ni !== nj) return 1;
  if (si === sj) return 2;
  return streetCache.get(s, si, sj, streetsAlike);
}

function streetsAlike(s: FeatureStore, si: number, sj: number): number {
  const a = s.values.strings[si]!;
  const b = s.values.strings[sj]!;
  return damerauLevenshtein(a, b, 1) <= 1 || jaroWinkler(a, b) >= 0.92 ? 2 : 1;
}

function addressLevel(s: FeatureStore, i: number, j: number): number {
  const ua = s.uprn[i]!;
  const ub = s.uprn[j]!;
  if (ua >= 0 && ua === ub) return 1;
  const pa = s.postcode[i]!;
  const pb = s.postcode[j]!;
  const street = streetAgreement(s, i, j);
  if (pa >= 0 && pa === pb) return street === 2 ? 1 : 3;
  if (street === 2) return 2;
  if (pa >= 0 && pb >= 0) {
    const da = s.district[i]!;
    if (da >= 0 && da === s.district[j]) return 4;
    // Non-UK postcodes (no district): one mistyped character still says "nearby".
    if (da < 0 && damerauLevenshtein(s.values.strings[pa]!, s.values.strings[pb]!, 1) <= 1) return 4;
    return 5;
  }
  return (ua >= 0 && ub >= 0) || street === 1 ? 5 : 0;
}

/** The packed comparison vector of records i and j. */
export function compare(s: FeatureStore, i: number, j: number): number {
  let g = givenLevel(s, s.given[i]!, s.given[j]!);
  let f = familyLevel(s, s.family[i]!, s.family[j]!);
  if (g >= 4 && f >= 4) {
    // Given and family names entered the wrong way round: compare them crossed, and keep the
    // crossed levels when both are better (the same person, recorded with the fields swapped).
    const gx = givenLevel(s, s.given[i]!, s.family[j]!);
    const fx = familyLevel(s, s.family[i]!, s.given[j]!);
    if (gx !== 0 && fx !== 0 && gx < g && fx < f) {
      g = gx;
      f = fx;
    }
  }
  // "Jr" against "Sr": two people, however alike the rest of the name.
  const xa = s.suffix[i]!;
  const xb = s.suffix[j]!;
  if (xa !== 0 && xb !== 0 && xa !== xb) g = 6;
  const d = dobLevel(s.dob[i]!, s.dob[j]!);

  const sa = s.sex[i]!;
  const sb = s.sex[j]!;
  const sx = sa === 0 || sb === 0 ? 0 : sa === sb ? 1 : 2;

  const ad = addressLevel(s, i, j);

  let id = 0;
  const ia = s.ident[i]!;
  const ib = s.ident[j]!;
  if (ia >= 0 && ib >= 0) {
    if (ia === ib) id = 1;
    else id = damerauLevenshtein(s.values.strings[ia]!, s.values.strings[ib]!, 1) <= 1 ? 2 : 3;
  }
  return g | (f << 3) | (d << 6) | (sx << 9) | (ad << 12) | (id << 15);
}
