// Street names typed with one slip ("Mil Lane", "Mill Lnae"): a symmetric-deletion index finds
// names one edit away in a few map look-ups, without comparing against every street.

/** Restricted Damerau-Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
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
