// The records of each block, for the incremental index: linked lists in typed arrays. A JS
// array per block cost about 80 bytes for every block of one record (most of them); here a
// membership costs a few bytes, so a million records in nine rules stay in tens of megabytes.

import { NumberTable } from './number-table.ts';

function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
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
    this.addTo(this.find(key), key, record);
  }

  /** Puts `record` into the block `key`, whose block find(key) gave as `b` (-1: none yet), so a
   * caller that has just looked the key up does not look it up again. */
  addTo(b: number, key: number | string, record: number): void {
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
