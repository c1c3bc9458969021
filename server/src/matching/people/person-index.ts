// Incremental matching: records held with their blocking keys in hash maps, so a new record is
// compared only with the records sharing one of its keys, never with everything.
import { DEFAULT_BLOCKING_RULES, type BlockingRule } from './blocking.ts';
import { BlockLists } from './block-lists.ts';
import { compare } from './comparisons.ts';
import { explainStored, type Explanation } from './explain.ts';
import { FeatureStore } from './features.ts';
import { holdOf, pairWeight } from './link.ts';
import { probabilityOf } from './log-odds.ts';
import { bandOf, holdsHouseholdsOf, WeightCache, type LinkageModel } from './model.ts';
import type { Band, PersonRecord } from './types.ts';

export interface Candidate {
  id: string;
  weight: number;
  probability: number;
  band: Band;
}

/** A record scored against the index, not yet in it. */
export interface StagedProbe {
  /** Its position in the index once kept. */
  readonly position: number;
  /** The position of the indexed record with the same id (one sent before), or -1. */
  readonly indexedAt: number;
  /** A hash of what the comparisons read: records that hash alike may be identical (see sameAs). */
  featureHash(): number;
  /** Its building number and street as compared ("10 highstreet"), or null without both. */
  streetKey(): string | null;
  /** Whether the indexed record at `position` agrees with this one on everything compared. */
  sameAs(position: number): boolean;
  match(limit?: number): Candidate[];
  /**
   * The best of match(limit) whose id is not `self` and, when `apart` is given, for which
   * apart(id) is false; null when there is none. The same candidate as filtering match(limit),
   * without building the others.
   */
  best(limit: number, self: string, apart: ((id: string) => boolean) | null): Candidate | null;
  explain(id: string): Explanation;
  /** Adds the staged record to the index. */
  keep(): void;
  /**
   * Adds the staged record as a copy of the indexed record at `position` (identical in everything
   * compared, see sameAs): it can be looked up, but matching meets only the first of the copies,
   * which scores exactly as it would.
   */
  keepAsCopyOf(position: number): void;
  /** Forgets the staged record. */
  drop(): void;
}

export class PersonIndex {
  private readonly store: FeatureStore;
  private readonly cache: WeightCache;
  private readonly blocks: BlockLists[];
  private readonly byId = new Map<string, number>();

  constructor(
    readonly model: LinkageModel,
    private readonly rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  ) {
    this.store = new FeatureStore({ validateNhsNumber: model.validateNhsNumber });
    this.cache = new WeightCache(model);
    this.blocks = rules.map(() => new BlockLists());
  }

  get size(): number {
    return this.store.n;
  }

  /** Adds a record to the index (ids must be unique). */
  add(r: PersonRecord): void {
    if (this.byId.has(r.id)) throw new Error(`record ${r.id} is already indexed`);
    // It may make a block a staged record's looked-up keys found missing.
    this.keysOf = -1;
    this.indexLast(this.store.add(r));
  }

  private indexLast(i: number): void {
    this.byId.set(this.store.ids[i]!, i);
    // A staged record's keys and their blocks were looked up when it was matched: not again to
    // index it.
    if (this.keysOf === i) {
      for (let q = 0; q < this.rules.length; q++) {
        const k = this.probeKeys[q]!;
        if (k !== -1) this.blocks[q]!.addTo(this.probeBlocks[q]!, k, i);
      }
      return;
    }
    for (let q = 0; q < this.rules.length; q++) {
      const k = this.rules[q]!.key(this.store, i);
      if (k !== -1) this.blocks[q]!.add(k, i);
    }
  }

  /**
   * Scores a record against the index without adding it: its features are worked out once, for
   * match and explain, and then either kept (keep) or dropped (drop). One staged record at a time.
   */
  stage(r: PersonRecord): StagedProbe {
    if (this.staged !== -1) throw new Error('a record is already staged');
    this.staged = this.store.add(r);
    // Looked up once here: the linker asks for it, and matching skips it.
    return new Staged(this, this.staged, r.id, this.byId.get(r.id) ?? -1);
  }

  /** For Staged only (the index's side of a staged record). */
  stagedFeatureHash(at: number): number {
    return this.store.featureHash(at);
  }

  stagedStreetKey(at: number): string | null {
    return this.store.streetKey(at);
  }

  stagedSameAs(j: number, at: number): boolean {
    return j >= 0 && j < at && this.store.sameFeatures(j, at);
  }

  stagedMatch(self: number, limit: number): Candidate[] {
    return this.candidates(this.matchAt(this.staged, self, limit));
  }

  stagedBest(self: number, limit: number, selfId: string, apart: ((id: string) => boolean) | null): Candidate | null {
    const found = this.matchAt(this.staged, self, limit);
    const ids = this.store.ids;
    for (let x = 0; x < found; x++) {
      const id = ids[this.topJ[x]!]!;
      if (id !== selfId && !(apart !== null && apart(id))) return this.candidateAt(x);
    }
    return null;
  }

  stagedExplain(id: string): Explanation {
    return this.explainAt(id, this.staged);
  }

  stagedKeep(id: string): void {
    if (this.byId.has(id)) throw new Error(`record ${id} is already indexed`);
    this.indexLast(this.staged);
    this.staged = -1;
    this.keysOf = -1;
  }

  stagedKeepAsCopy(id: string, of: number): void {
    if (this.byId.has(id)) throw new Error(`record ${id} is already indexed`);
    if (!this.stagedSameAs(of, this.staged)) throw new Error('a copy must match its original in everything compared');
    this.byId.set(id, this.staged);
    this.staged = -1;
    this.keysOf = -1;
  }

  stagedDrop(): void {
    this.store.pop();
    this.staged = -1;
    this.keysOf = -1;
  }

  private staged = -1;

  /** Per record: the probe that last met it (so a record in several blocks is scored once). */
  private metBy = new Int32Array(1024);
  private probes = 0;
  /** The blocking keys of the record at `keysOf` (-1: none held), one per rule, and their
   * blocks (-1 where no record has the key yet). */
  private readonly probeKeys: (number | string)[] = [];
  private probeBlocks = new Int32Array(16);
  private keysOf = -1;
  /** The best candidates of the last matchAt, best first: record, weight and comparison vector.
   * Kept between calls, so matching a probe allocates nothing. */
  private topJ = new Int32Array(16);
  private topW = new Float64Array(16);
  private topG = new Int32Array(16);

  /** The indexed records sharing a blocking key with `r`, scored best first (at most `limit`). */
  match(r: PersonRecord, limit = 10): Candidate[] {
    const staged = this.stage(r);
    try {
      return staged.match(limit);
    } finally {
      staged.drop();
    }
  }

  /** The candidate at rank x of the last matchAt. */
  private candidateAt(x: number): Candidate {
    const s = this.store;
    const j = this.topJ[x]!;
    const g = this.topG[x]!;
    const p = probabilityOf(this.topW[x]!);
    let band = bandOf(this.model, p, g);
    // A common name agreeing across areas (or without a date of birth) is for a steward.
    if (band === 'linked' && holdOf(s, j, this.staged, g, holdsHouseholdsOf(this.model)) !== null) band = 'possible';
    return { id: s.ids[j]!, weight: this.topW[x]!, probability: p, band };
  }

  private candidates(found: number): Candidate[] {
    const out: Candidate[] = [];
    for (let x = 0; x < found; x++) out.push(this.candidateAt(x));
    return out;
  }

  /** Scores the probe against the records sharing a blocking key with it; the best `limit` are
   * left in topJ, topW and topG (best first) and their number returned. */
  private matchAt(probe: number, self: number, limit: number): number {
    const s = this.store;
    if (this.metBy.length < s.n) {
      const grown = new Int32Array(Math.max(s.n, this.metBy.length * 2));
      grown.set(this.metBy);
      this.metBy = grown;
    }
    if (this.topJ.length < limit) {
      this.topJ = new Int32Array(limit);
      this.topW = new Float64Array(limit);
      this.topG = new Int32Array(limit);
    }
    // A new mark per probe; marks from earlier probes never equal it (wraps after 2^31 probes).
    const mark = (this.probes = (this.probes + 1) | 0);
    const metBy = this.metBy;
    const top = this.topJ;
    const topW = this.topW;
    const topG = this.topG;
    const ids = s.ids;
    let found = 0;
    this.keysOf = probe;
    if (this.probeBlocks.length < this.rules.length) this.probeBlocks = new Int32Array(this.rules.length);
    for (let q = 0; q < this.rules.length; q++) {
      const rule = this.rules[q]!;
      const k = rule.key(s, probe);
      this.probeKeys[q] = k;
      if (k === -1) continue;
      const lists = this.blocks[q]!;
      const b = lists.find(k);
      this.probeBlocks[q] = b;
      // The same block caps as batch blocking, so both find the same candidates.
      if (b === -1 || (rule.maxBlock !== undefined && lists.size(b) + 1 > rule.maxBlock)) continue;
      for (let j = lists.first(b); j !== -1; j = lists.next(j)) {
        if (metBy[j] === mark || j === self) continue;
        metBy[j] = mark;
        const g = compare(s, j, probe);
        const w = pairWeight(this.model, this.cache, s, j, probe, g);
        // Kept in order of weight, then id (so equal weights rank the same whatever the order met).
        let at = found;
        while (at > 0 && (topW[at - 1]! < w || (topW[at - 1] === w && ids[top[at - 1]!]! > ids[j]!))) at--;
        if (at >= limit) continue;
        // Insert at `at`, dropping the last beyond `limit`.
        if (found < limit) found++;
        for (let x = found - 1; x > at; x--) {
          top[x] = top[x - 1]!;
          topW[x] = topW[x - 1]!;
          topG[x] = topG[x - 1]!;
        }
        top[at] = j;
        topW[at] = w;
        topG[at] = g;
      }
    }
    return found;
  }

  /** The position of an indexed record, or -1. */
  positionOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Explains the pair (indexed record `id`, probe `r`) with this index's name frequencies. */
  explain(id: string, r: PersonRecord): Explanation {
    const staged = this.stage(r);
    try {
      return staged.explain(id);
    } finally {
      staged.drop();
    }
  }

  private explainAt(id: string, probe: number): Explanation {
    const j = this.byId.get(id);
    if (j === undefined) throw new Error(`record ${id} is not indexed`);
    const s = this.store;
    return explainStored(this.model, s, j, probe, {
      given: (n) => (s.givenCount[s.names.get(n)] ?? 0) / s.n,
      family: (n) => (s.familyCount[s.names.get(n)] ?? 0) / s.n,
    });
  }
}

/**
 * A staged record: a class rather than an object of arrow functions made per record, which cost
 * a closure each and, as tsx keeps function names, a defineProperty each (six a row).
 */
class Staged implements StagedProbe {
  constructor(
    private readonly index: PersonIndex,
    readonly position: number,
    private readonly id: string,
    readonly indexedAt: number,
  ) {}

  featureHash(): number {
    return this.index.stagedFeatureHash(this.position);
  }

  sameAs(j: number): boolean {
    return this.index.stagedSameAs(j, this.position);
  }

  streetKey(): string | null {
    return this.index.stagedStreetKey(this.position);
  }

  match(limit = 10): Candidate[] {
    return this.index.stagedMatch(this.indexedAt, limit);
  }

  best(limit: number, self: string, apart: ((id: string) => boolean) | null): Candidate | null {
    return this.index.stagedBest(this.indexedAt, limit, self, apart);
  }

  explain(id: string): Explanation {
    return this.index.stagedExplain(id);
  }

  keep(): void {
    this.index.stagedKeep(this.id);
  }

  keepAsCopyOf(position: number): void {
    this.index.stagedKeepAsCopy(this.id, position);
  }

  drop(): void {
    this.index.stagedDrop();
  }
}
