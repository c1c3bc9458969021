// Incremental matching: records held with their blocking keys in hash maps, so a new record is
// compared only with the records sharing one of its keys, never with everything.
import { DEFAULT_BLOCKING_RULES, type BlockingRule } from './blocking.ts';
import { compare } from './comparisons.ts';
import { explainStored, type Explanation } from './explain.ts';
import { FeatureStore } from './features.ts';
import { pairWeight } from './link.ts';
import { bandOf, probabilityOf, WeightCache, type LinkageModel } from './model.ts';
import type { Band, PersonRecord } from './types.ts';

export interface Candidate {
  id: string;
  weight: number;
  probability: number;
  band: Band;
}

export class PersonIndex {
  private readonly store: FeatureStore;
  private readonly cache: WeightCache;
  private readonly blocks: Map<number | string, number[]>[];
  private readonly byId = new Map<string, number>();

  constructor(
    readonly model: LinkageModel,
    private readonly rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  ) {
    this.store = new FeatureStore({ validateNhsNumber: model.validateNhsNumber });
    this.cache = new WeightCache(model);
    this.blocks = rules.map(() => new Map());
  }

  get size(): number {
    return this.store.n;
  }

  /** Adds a record to the index (ids must be unique). */
  add(r: PersonRecord): void {
    if (this.byId.has(r.id)) throw new Error(`record ${r.id} is already indexed`);
    const i = this.store.add(r);
    this.byId.set(r.id, i);
    this.rules.forEach((rule, q) => {
      const k = rule.key(this.store, i);
      if (k === -1) return;
      const list = this.blocks[q]!.get(k);
      if (list) list.push(i);
      else this.blocks[q]!.set(k, [i]);
    });
  }

  /** The indexed records sharing a blocking key with `r`, scored best first (at most `limit`). */
  match(r: PersonRecord, limit = 10): Candidate[] {
    const s = this.store;
    const probe = s.add(r);
    try {
      const seen = new Set<number>();
      const out: Candidate[] = [];
      this.rules.forEach((rule, q) => {
        const k = rule.key(s, probe);
        if (k === -1) return;
        const list = this.blocks[q]!.get(k);
        // The same block caps as batch blocking, so both find the same candidates.
        if (!list || (rule.maxBlock !== undefined && list.length + 1 > rule.maxBlock)) return;
        for (const j of list) {
          if (seen.has(j) || s.ids[j] === r.id) continue;
          seen.add(j);
          const g = compare(s, j, probe);
          const w = pairWeight(this.model, this.cache, s, j, probe, g);
          const p = probabilityOf(w);
          out.push({ id: s.ids[j]!, weight: w, probability: p, band: bandOf(this.model, p, g) });
        }
      });
      out.sort((x, y) => y.weight - x.weight || (x.id < y.id ? -1 : 1));
      return out.slice(0, limit);
    } finally {
      s.pop();
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Explains the pair (indexed record `id`, probe `r`) with this index's name frequencies. */
  explain(id: string, r: PersonRecord): Explanation {
    const j = this.byId.get(id);
    if (j === undefined) throw new Error(`record ${id} is not indexed`);
    const s = this.store;
    const probe = s.add(r);
    try {
      return explainStored(this.model, s, j, probe, {
        given: (n) => (s.givenCount[s.names.get(n)] ?? 0) / s.n,
        family: (n) => (s.familyCount[s.names.get(n)] ?? 0) / s.n,
      });
    } finally {
      s.pop();
    }
  }
}
