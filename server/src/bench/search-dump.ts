// `tsx src/bench/search-dump.ts --out FILE`: the first page of the address search (UPRNs, scores,
// total, whether the first is clear) for a few thousand generated queries on national samples of
// more than one scale and seed, written one line per query, with the in-process latency and heap.
// Two runs' files compared line for line show whether a change to the search changed any ranking.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildGazetteer } from '../demo/addresses.ts';
import { addressLabel } from '../gazetteer/address-text.ts';
import type { SearchAddressRow } from '../lookup/search/search-index.ts';
import { percentile } from './load.ts';
import { Rng } from '../demo/prng.ts';
import { makeVariants, type VariantAddress } from './search-variants.ts';
import { typeAheadQueries } from './typeahead-queries.ts';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    runs: { type: 'string', default: '1:1,1:2,3:1' },
    count: { type: 'string', default: '1500' },
  },
});
// SEARCH_DIR: another copy of the search to run (an older one, to compare within one machine's load).
const dir = process.env.SEARCH_DIR ?? '../lookup/search';
const { SearchIndex } = (await import(`${dir}/search-index.ts`)) as typeof import('../lookup/search/search-index.ts');
const { searchIndex } = (await import(`${dir}/search.ts`)) as typeof import('../lookup/search/search.ts');
const orNull = (s: string) => (s === '' ? null : s);
const lines: string[] = [];
for (const run of args.runs!.split(',')) {
  const [scale, seed] = run.split(':').map(Number) as [number, number];
  const { properties } = buildGazetteer(seed, scale);
  const rows: SearchAddressRow[] = properties.map((p) => {
    const parts = { subBuilding: orNull(p.subBuilding), buildingName: orNull(p.buildingName), buildingNumber: orNull(p.buildingNumber), street: p.street, locality: orNull(p.locality), town: p.town };
    return { uprn: Number(p.uprn), parentUprn: p.parentUprn ? Number(p.parentUprn) : null, ...parts, postcode: p.postcode, label: addressLabel(parts) };
  });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = new SearchIndex(1, rows);
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(cpu0);
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const variants: { kind: string; query: string }[] = makeVariants(index.addresses.map((a): VariantAddress => a.row), seed, Number(args.count));
  // And what the type-ahead is sent a letter at a time, as bench:lookup times it.
  const rng = new Rng(seed, 'search-dump-typeahead');
  const sample = Array.from({ length: 3000 }, () => rng.pick(rows));
  typeAheadQueries(sample, () => rng.next(), Number(args.count)).forEach((query, i) => variants.push({ kind: `typeahead-${i % 6}`, query }));
  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  const cpu1 = process.cpuUsage();
  for (const v of variants.filter((x) => !process.env.KIND || process.env.KIND.split(",").includes(x.kind))) {
    const s = performance.now();
    const page = searchIndex(index, v.query);
    const ms = performance.now() - s;
    times.push(ms);
    (byKind[v.kind] ??= []).push(ms);
    const hits = page.hits.map((h) => `${index.addresses[h.address]!.row.uprn}:${h.score.toFixed(4)}`).join(' ');
    lines.push(`${scale}:${seed}\t${v.kind}\t${v.query}\t${page.total}\t${page.clearFirst}\t${hits}`);
  }
  const cpu = process.cpuUsage(cpu1);
  times.sort((a, b) => a - b);
  console.log(
    `scale ${scale} seed ${seed}: ${rows.length} addresses; index build ${(buildMs / 1000).toFixed(1)} s (cpu ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s), heap ${heapMb.toFixed(0)} MB; ` +
      `${variants.length} queries p50 ${percentile(times, 50).toFixed(2)} ms p95 ${percentile(times, 95).toFixed(2)} ms, cpu ${((cpu.user + cpu.system) / 1e3 / variants.length).toFixed(2)} ms/query`,
  );
  if (process.env.BY_KIND) for (const [kind, t] of Object.entries(byKind)) console.log(`  ${kind}: p95 ${percentile(t.sort((a, b) => a - b), 95).toFixed(2)} ms, mean ${(t.reduce((x, y) => x + y, 0) / t.length).toFixed(2)} ms`);
}
if (args.out) writeFileSync(args.out, `${lines.join('\n')}\n`);
