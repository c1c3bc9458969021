// An integer-keyed hash table in flat typed arrays, for the matcher's hot lookups.

/**
 * Number -> small integer id, open addressing over typed arrays: a Map spends about 50 bytes an
 * entry (and boxes every key above 2^30, allocating on every insert), this about 20. Keys are
 * any numbers (blocking keys, UPRNs, packed name ids); ids are non-negative.
 */
export class NumberTable {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private used = 0;

  /** How many keys are held. */
  get size(): number {
    return this.used;
  }
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
