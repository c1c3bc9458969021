// The records of each block, for the incremental index: linked lists in typed arrays. A JS
// array per block cost about 80 bytes for every block of one record (most of them); here a
// membership costs a few bytes, so a million records in nine rules stay in tens of megabytes.

function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Number -> block id, open addressing over typed arrays: a Map spends about 50 bytes an entry
 * (and boxes every key above 2^30), this about 20. Keys are the blocking rules' numbers.
 */
class NumberTable {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private used = 0;
  private readonly bits = new Float64Array(1);
  private readonly halves = new Uint32Array(this.bits.buffer);

  private slot(key: number, mask: number): number {
    this.bits[0] = key;
    let h = Math.imul(this.halves[0]! ^ Math.imul(this.halves[1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    return h & mask;
  }

  get(key: number): number {
    const mask = this.ids.length - 1;
    for (let i = this.slot(key, mask); ; i = (i + 1) & mask) {
      const id = this.ids[i]!;
      if (id === -1) return -1;
      if (this.keys[i] === key) return id;
    }
  }

  /** Adds a key not yet present. */
  set(key: number, id: number): void {
    if ((this.used + 1) * 10 > this.ids.length * 6) this.grow();
    const mask = this.ids.length - 1;
    let i = this.slot(key, mask);
    while (this.ids[i] !== -1) i = (i + 1) & mask;
    this.keys[i] = key;
    this.ids[i] = id;
    this.used++;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    this.used = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== -1) this.set(keys[i]!, ids[i]!);
  }
}

export class BlockLists {
  private readonly numbered = new NumberTable();
  /** Keys too big for a number (rare: see blocking.ts). */
  private readonly named = new Map<string, number>();
  private blocks = 0;
  /** Per block: the record added last, and how many records it holds. */
  private head: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Per record: the record added before it to the same block (-1 at the end). */
  private before: Int32Array<ArrayBuffer> = new Int32Array(1024);

  /** Puts `record` (a store index) into the block `key`. */
  add(key: number | string, record: number): void {
    let b = this.find(key);
    if (b === -1) {
      b = this.blocks++;
      if (typeof key === 'number') this.numbered.set(key, b);
      else this.named.set(key, b);
      this.head = grown(this.head, b + 1);
      this.count = grown(this.count, b + 1);
      this.head[b] = -1;
    }
    this.before = grown(this.before, record + 1);
    this.before[record] = this.head[b]!;
    this.head[b] = record;
    this.count[b]!++;
  }

  /** The block of `key`, or -1 when no record has it. */
  find(key: number | string): number {
    return typeof key === 'number' ? this.numbered.get(key) : (this.named.get(key) ?? -1);
  }

  size(block: number): number {
    return this.count[block]!;
  }

  /** The block's records, newest first: first(block), then next(record) until -1. */
  first(block: number): number {
    return this.head[block]!;
  }

  next(record: number): number {
    return this.before[record]!;
  }
}
