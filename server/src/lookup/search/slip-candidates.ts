// The gazetteer words a typed word might be a slip or two away from, without computing the edit
// distance to every word: a national gazetteer has tens of thousands of words, and every keystroke
// of four letters or more asks. A word within `max` edits is within `max` letters in length, and
// each edit adds or removes at most two letters from the set of letters a word uses (a letter
// changed: one gone, one new; one dropped or added: one; two swapped: none), so a word whose
// letter set differs from the typed one's in more than 2 * max letters cannot be the one. What
// passes is only a candidate: word-matches.ts still measures the distance.

/** Each character's bit in a word's letter set; characters may share a bit (that only lets more through). */
const bitOf = (code: number): number => 1 << (code % 31);

export function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) set |= bitOf(word.charCodeAt(i));
  return set;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class SlipCandidates {
  /** Word ids ordered by length (then id), and where each length starts in that order. */
  private readonly byLength: Int32Array;
  private readonly lengthStart: Int32Array;
  private readonly sets: Int32Array;
  private found: Int32Array;

  constructor(vocabulary: readonly string[]) {
    const longest = vocabulary.reduce((m, w) => Math.max(m, w.length), 0);
    this.lengthStart = new Int32Array(longest + 2);
    for (const w of vocabulary) this.lengthStart[w.length + 1]!++;
    for (let l = 0; l <= longest; l++) this.lengthStart[l + 1]! += this.lengthStart[l]!;
    const at = this.lengthStart.slice();
    this.byLength = new Int32Array(vocabulary.length);
    vocabulary.forEach((w, id) => (this.byLength[at[w.length]!++] = id));
    this.sets = Int32Array.from(vocabulary, letterSet);
    this.found = new Int32Array(64);
  }

  /**
   * The ids of words that might be within `max` edits of `text`, in id order (the order the
   * search meets them in must not depend on this filter). The answer is a view of a buffer the
   * next call reuses.
   */
  near(text: string, max: number): Int32Array {
    const typed = letterSet(text);
    const longest = this.lengthStart.length - 2;
    let n = 0;
    for (let l = Math.max(0, text.length - max); l <= Math.min(longest, text.length + max); l++) {
      for (let k = this.lengthStart[l]!; k < this.lengthStart[l + 1]!; k++) {
        const id = this.byLength[k]!;
        if (bitCount(this.sets[id]! ^ typed) > 2 * max) continue;
        if (n === this.found.length) {
          const bigger = new Int32Array(2 * n);
          bigger.set(this.found);
          this.found = bigger;
        }
        this.found[n++] = id;
      }
    }
    return this.found.subarray(0, n).sort();
  }
}
