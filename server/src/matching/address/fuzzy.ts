// Street names typed with one slip ("Mil Lane", "Mill Lnae"): a symmetric-deletion index finds
// names one edit away in a few map look-ups, without comparing against every street.

/** Three rows of the distance table, reused: the search measures many words a keystroke. */
let table = new Int32Array(3 * 64);

/** Restricted Damerau-Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const width = n + 1;
  if (table.length < 3 * width) table = new Int32Array(6 * width);
  const t = table;
  // Offsets of the rows two back, one back and being filled.
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= n; j++) {
    t[prev2 + j] = 0;
    t[prev + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    t[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(t[prev + j]! + 1, t[cur + j - 1]! + 1, t[prev + j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && before === bj) v = Math.min(v, t[prev2 + j - 2]! + 1);
      t[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return t[prev + n]!;
}

/** Every string one character shorter than `s`. */
export function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Keys within one edit of a query, by shared deletions (then checked exactly). */
export class OneEditIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly deleted = new Map<string, string[]>();

  constructor(private readonly minLength: number) {}

  add(key: string, value: T): void {
    const list = this.exact.get(key);
    if (list) {
      list.push(value);
      return;
    }
    this.exact.set(key, [value]);
    if (key.length < this.minLength) return;
    for (const d of deletions(key)) {
      const keys = this.deleted.get(d);
      if (keys) keys.push(key);
      else this.deleted.set(d, [key]);
    }
  }

  /** Keys one edit from `q` (not `q` itself), each with its values. */
  near(q: string): { key: string; values: T[] }[] {
    if (q.length < this.minLength - 1) return [];
    const seen = new Set<string>();
    const consider = (k: string) => {
      if (k !== q && !seen.has(k) && editDistance(k, q, 1) <= 1) seen.add(k);
    };
    for (const k of this.deleted.get(q) ?? []) consider(k); // q lacks a character
    for (const d of deletions(q)) {
      if (this.exact.has(d) && d.length >= this.minLength) consider(d); // q has one too many
      for (const k of this.deleted.get(d) ?? []) consider(k); // one character different or swapped
    }
    return [...seen].map((key) => ({ key, values: this.exact.get(key)! }));
  }
}
