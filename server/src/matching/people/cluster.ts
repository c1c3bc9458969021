// Clusters: the connected components of linked pairs (so linking is transitive), with ids that
// stay put as data arrives. A cluster is named after its smallest record id; when components
// merge, the cluster of the smallest record that already had a cluster id wins.

export class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r]!;
    while (p[x] !== r) {
      const next = p[x]!;
      p[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index becomes the root: deterministic, whatever the order of the links.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

function smaller(a: string, b: string): boolean {
  return a < b;
}

/**
 * Cluster id per record (by index) from linked pairs given as index arrays. Each cluster is
 * named after the smallest record id in it.
 *
 * Plain transitive closure chains: among a million records, Jon Smith 1990 links to John Smith
 * 1990, who links to John Smith 1991, and three people become one. With `conflict`, links are
 * taken strongest first and a link is refused when it would put together two records that the
 * evidence says are different people, so a chain breaks at its weakest link. With `held` as
 * well, pairs the guards hold for a steward (twins, a namesake parent) weigh against a merge: it
 * is refused when more pairs across the two clusters are held than are linked, so twins do not
 * meet through a third record, while one badly typed record among many of a person still joins,
 * and a decisive link (an agreeing NHS number) joins whatever is held.
 */
export function clusterRecords(
  ids: readonly string[],
  a: Int32Array,
  b: Int32Array,
  linked: (p: number) => boolean,
  pairs: number,
  constrained?: {
    weight: Float32Array;
    conflict: (x: number, y: number) => boolean;
    held?: (x: number, y: number) => 'held' | 'linked' | null;
    /** A link that settles identity by itself (an agreeing NHS number): held pairs do not stop it. */
    decisive?: (p: number) => boolean;
  },
): string[] {
  const uf = new UnionFind(ids.length);
  if (!constrained) {
    for (let p = 0; p < pairs; p++) if (linked(p)) uf.union(a[p]!, b[p]!);
  } else {
    const order: number[] = [];
    for (let p = 0; p < pairs; p++) if (linked(p)) order.push(p);
    const w = constrained.weight;
    order.sort((x, y) => w[y]! - w[x]! || x - y);
    const members = new Map<number, number[]>(); // root -> records, for roots of clusters over one
    const of = (r: number) => members.get(r) ?? [r];
    for (const p of order) {
      const ra = uf.find(a[p]!);
      const rb = uf.find(b[p]!);
      if (ra === rb) continue;
      const ma = of(ra);
      const mb = of(rb);
      let ok = true;
      for (let x = 0; x < ma.length && ok; x++) for (let y = 0; y < mb.length; y++) if (constrained.conflict(ma[x]!, mb[y]!)) { ok = false; break; }
      if (!ok) continue;
      if (constrained.held && !constrained.decisive?.(p)) {
        let held = 0;
        let linkedAcross = 0;
        for (let x = 0; x < ma.length; x++) for (let y = 0; y < mb.length; y++) {
          const r = constrained.held(ma[x]!, mb[y]!);
          if (r === 'held') held++;
          else if (r === 'linked') linkedAcross++;
        }
        if (held > linkedAcross) continue;
      }
      uf.union(ra, rb);
      const root = uf.find(ra);
      members.delete(ra);
      members.delete(rb);
      members.set(root, ma.length >= mb.length ? (ma.push(...mb), ma) : (mb.push(...ma), mb));
    }
  }
  const best = new Map<number, string>();
  for (let i = 0; i < ids.length; i++) {
    const r = uf.find(i);
    const cur = best.get(r);
    if (cur === undefined || smaller(ids[i]!, cur)) best.set(r, ids[i]!);
  }
  return ids.map((_, i) => best.get(uf.find(i))!);
}

/**
 * Stable cluster ids after new links arrive. `existing` maps record id -> cluster id for records
 * already clustered; `recordIds` are all records (old and new); `links` the linked pairs (old and
 * new, or just new ones joined with the old structure). In every component, the cluster id of
 * the smallest record id that already had one is kept; a wholly new component is named after its
 * smallest record id. Returns record id -> cluster id for every record.
 */
export function assignStableClusterIds(
  existing: ReadonlyMap<string, string>,
  recordIds: readonly string[],
  links: readonly (readonly [string, string])[],
): Map<string, string> {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const idx = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  for (const id of recordIds) idx(id);
  for (const id of existing.keys()) idx(id);
  const pairs = links.map(([x, y]) => [idx(x), idx(y)] as const);
  const uf = new UnionFind(ids.length);
  // Records that shared a cluster before stay together.
  const firstOfCluster = new Map<string, number>();
  for (const [rid, cid] of existing) {
    const i = index.get(rid)!;
    const f = firstOfCluster.get(cid);
    if (f === undefined) firstOfCluster.set(cid, i);
    else uf.union(f, i);
  }
  for (const [x, y] of pairs) uf.union(x, y);

  const keeper = new Map<number, string>(); // root -> smallest record id with an existing cluster
  const smallest = new Map<number, string>(); // root -> smallest record id
  for (let i = 0; i < ids.length; i++) {
    const r = uf.find(i);
    const id = ids[i]!;
    const s = smallest.get(r);
    if (s === undefined || smaller(id, s)) smallest.set(r, id);
    if (existing.has(id)) {
      const k = keeper.get(r);
      if (k === undefined || smaller(id, k)) keeper.set(r, id);
    }
  }
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i++) {
    const r = uf.find(i);
    const k = keeper.get(r);
    out.set(ids[i]!, k !== undefined ? existing.get(k)! : smallest.get(r)!);
  }
  return out;
}
