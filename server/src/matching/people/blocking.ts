// Blocking: which pairs get compared at all. A pair is a candidate when it agrees on the key of
// at least one rule (a union of rules, as in Splink). Each pair is produced once: under rule r it
// is skipped if an earlier rule already produced it, which needs no set of seen pairs.
import type { FeatureStore } from './features.ts';

export interface BlockingRule {
  name: string;
  /** A non-negative number (or a string, when a number would not fit 53 bits) identifying the
   * block, or -1 when the record has no key. */
  key(s: FeatureStore, i: number): number | string;
  /** Blocks bigger than this are skipped (counted in the stats); the date-of-birth and NHS
   * number rules have no cap, so a pair sharing either is never dropped. */
  maxBlock?: number;
}

const P24 = 2 ** 24;
const P26 = 2 ** 26;
const P20 = 2 ** 20;
const P16 = 2 ** 16;

/** A key of three small integers as one number (hashed without allocating), or a string when
 * they would not fit 53 bits. Both forms are exact, so each names one block. */
function key3(a: number, b: number, c: number, bitsB: number, bitsC: number, limitA: number): number | string {
  return a < limitA && b < 2 ** bitsB && c < 2 ** bitsC ? (a * 2 ** bitsB + b) * 2 ** bitsC + c : `${a},${b},${c}`;
}

function year(s: FeatureStore, i: number): number {
  const d = s.dob[i]!;
  return d < 0 ? -1 : Math.floor(d / 10000);
}

function code(s: FeatureStore, name: number): number {
  return name < 0 ? -1 : s.nameCode1[name]!;
}

function initial(s: FeatureStore, name: number): number {
  return name < 0 ? -1 : s.names.strings[name]!.charCodeAt(0) - 96;
}

export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'date of birth', key: (s, i) => s.dob[i]! },
  { name: 'NHS number', key: (s, i) => s.ident[i]! },
  {
    // Same full name and birth year: catches day and month typos without comparing every
    // "Mohammed Khan" with every other.
    name: 'given + family name + birth year',
    key: (s, i) => {
      const y = year(s, i);
      return s.given[i]! < 0 || s.family[i]! < 0 || y < 0 ? -1 : key3(s.given[i]!, s.family[i]!, y, 20, 14, P20 / 2);
    },
  },
  {
    // Same full name, day and month: catches typos in the year.
    name: 'given + family name + day and month',
    key: (s, i) => {
      const d = s.dob[i]!;
      return s.given[i]! < 0 || s.family[i]! < 0 || d < 0 ? -1 : key3(s.given[i]!, s.family[i]!, d % 10000, 20, 14, P20 / 2);
    },
  },
  {
    name: 'family sound + birth year + given initial',
    key: (s, i) => {
      const c = code(s, s.family[i]!);
      const y = year(s, i);
      const g = initial(s, s.given[i]!);
      return c < 0 || y < 0 || g < 0 ? -1 : (c * 16384 + y) * 32 + g;
    },
    maxBlock: 5000,
  },
  {
    name: 'given sound + postcode',
    key: (s, i) => {
      const c = code(s, s.given[i]!);
      const p = s.postcode[i]!;
      return c < 0 || p < 0 ? -1 : c * P26 + p;
    },
    maxBlock: 5000,
  },
  {
    name: 'initials + postcode',
    key: (s, i) => {
      const g = initial(s, s.given[i]!);
      const f = initial(s, s.family[i]!);
      const p = s.postcode[i]!;
      return g < 0 || f < 0 || p < 0 ? -1 : (g * 32 + f) * P26 + p;
    },
    maxBlock: 5000,
  },
  {
    // Both name sounds, in either order (catches given and family names entered the wrong way
    // round), whatever the date of birth says; within a postcode district where there is one.
    name: 'name sounds + district',
    key: (s, i) => {
      const a = code(s, s.given[i]!);
      const b = code(s, s.family[i]!);
      if (a < 0 || b < 0) return -1;
      // District -1 (none) is kept apart from district 0 by the +1.
      const d = s.district[i]! + 1;
      return a < b ? key3(a, b, d, 16, 20, P16) : key3(b, a, d, 16, 20, P16);
    },
    // Common name pairs ("John Smith") make huge blocks that the rules above already cover.
    maxBlock: 200,
  },
  {
    // The same building number and street, whatever the names, date and postcode say: a record
    // typed with a wrong date and a misspelt name at an unmatched address still meets its twin.
    name: 'street address',
    key: (s, i) => {
      const no = s.streetNo[i]!;
      const st = s.streetName[i]!;
      return no < 0 || st < 0 ? -1 : no * P26 + st;
    },
    // A block of flats shares a number and street: hundreds of residents, already paired by UPRN.
    maxBlock: 500,
  },
];

export interface BlockingStats {
  candidatePairs: number;
  perRule: { name: string; pairs: number; skippedBlocks: number; skippedPairs: number }[];
}

/** Dense block ids per record for one rule (-1 where the record has no key). */
export function blockIds(s: FeatureStore, rule: BlockingRule): { ids: Int32Array; blocks: number } {
  const ids = new Int32Array(s.n);
  const map = new Map<number | string, number>();
  for (let i = 0; i < s.n; i++) {
    const k = rule.key(s, i);
    if (k === -1) {
      ids[i] = -1;
      continue;
    }
    let id = map.get(k);
    if (id === undefined) {
      id = map.size;
      map.set(k, id);
    }
    ids[i] = id;
  }
  return { ids, blocks: map.size };
}

/**
 * Calls onPair(a, b) for every candidate pair (a < b in record order within a block), once.
 * With linkOnly, pairs from the same source are not candidates (linking two files).
 */
export function forEachCandidatePair(
  s: FeatureStore,
  rules: readonly BlockingRule[],
  linkOnly: boolean,
  onPair: (a: number, b: number) => void,
): BlockingStats {
  const n = s.n;
  const keys: Int32Array[] = [];
  const stats: BlockingStats = { candidatePairs: 0, perRule: [] };
  const src = s.source;
  for (const rule of rules) {
    const { ids, blocks } = blockIds(s, rule);
    // Counting sort of records by block.
    const start = new Int32Array(blocks + 1);
    for (let i = 0; i < n; i++) if (ids[i]! >= 0) start[ids[i]! + 1]!++;
    for (let b = 0; b < blocks; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, blocks);
    const order = new Int32Array(start[blocks]!);
    for (let i = 0; i < n; i++) if (ids[i]! >= 0) order[fill[ids[i]!]!++] = i;

    const earlier = keys.slice();
    const ne = earlier.length;
    const cap = rule.maxBlock ?? Infinity;
    let pairs = 0;
    let skippedBlocks = 0;
    let skippedPairs = 0;
    for (let b = 0; b < blocks; b++) {
      const lo = start[b]!;
      const hi = start[b + 1]!;
      const size = hi - lo;
      if (size < 2) continue;
      if (size > cap) {
        skippedBlocks++;
        skippedPairs += (size * (size - 1)) / 2;
        continue;
      }
      for (let x = lo; x < hi; x++) {
        const a = order[x]!;
        for (let y = x + 1; y < hi; y++) {
          const c = order[y]!;
          if (linkOnly && src[a] === src[c]) continue;
          let seen = false;
          for (let q = 0; q < ne; q++) {
            const kq = earlier[q]!;
            const ka = kq[a]!;
            if (ka >= 0 && ka === kq[c]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          pairs++;
          onPair(a, c);
        }
      }
    }
    keys.push(ids);
    stats.perRule.push({ name: rule.name, pairs, skippedBlocks, skippedPairs });
    stats.candidatePairs += pairs;
  }
  return stats;
}
