// A number per item (a word, a place) that belongs to one search only: a search starts by taking
// a new stamp, and a slot written under an older stamp reads as empty. Thousands of places are
// read per keystroke on a national gazetteer: this keeps their per-search notes in flat arrays the
// size of the gazetteer, made once, never cleared between searches and never allocated per search.
export class StampedSlots {
  private readonly stamps: Int32Array;
  private readonly values: Int32Array;
  private stamp = 0;

  constructor(size: number) {
    this.stamps = new Int32Array(size);
    this.values = new Int32Array(size);
  }

  /** Empties every slot, for the search about to start. Searches run one at a time on Node's one thread. */
  begin(): void {
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
  }

  /** The value written in this search, or -1. */
  get(i: number): number {
    return this.stamps[i] === this.stamp ? this.values[i]! : -1;
  }

  /** The value written in this search, or `otherwise`. */
  getOr(i: number, otherwise: number): number {
    return this.stamps[i] === this.stamp ? this.values[i]! : otherwise;
  }

  set(i: number, value: number): void {
    this.stamps[i] = this.stamp;
    this.values[i] = value;
  }
}
