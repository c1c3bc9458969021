import { describe, expect, it } from 'vitest';
import { addressLabel } from '../../gazetteer/address-text.ts';
import { buildGazetteer } from '../../demo/addresses.ts';
import { Rng } from '../../demo/prng.ts';
import { typeAheadQueries } from '../../bench/typeahead-queries.ts';
import { makeVariants } from '../../bench/search-variants.ts';
import { Part, SearchIndex, type SearchAddressRow } from './search-index.ts';
import { exhaustive, searchIndex } from './search.ts';

// Streets and named houses repeat one another's names, within a borough and across a nation, and
// a town has many streets: the search finds places alike in a part of their name as one group
// (place-groups.ts), and must answer exactly as scoring each place alone does.
const orNull = (s: string) => (s === '' ? null : s);

// The demo borough (its localities and named houses repeat within it) and a national sample.
describe.each([
  [1, 1],
  [4, 2.2],
])('address search by groups of places alike (seed %i, scale %d)', (seed, scale) => {
  const rows: SearchAddressRow[] = buildGazetteer(seed, scale).properties.map((p) => {
    const parts = { subBuilding: orNull(p.subBuilding), buildingName: orNull(p.buildingName), buildingNumber: orNull(p.buildingNumber), street: p.street, locality: orNull(p.locality), town: p.town };
    return { uprn: Number(p.uprn), parentUprn: p.parentUprn ? Number(p.parentUprn) : null, ...parts, postcode: p.postcode, label: addressLabel(parts) };
  });
  const index = new SearchIndex(1, rows);

  function bothWays(query: string, hide: ReadonlySet<number>, offset = 0, limit = 10) {
    const grouped = searchIndex(index, query, offset, limit, hide);
    exhaustive.on = true;
    try {
      return { grouped, alone: searchIndex(index, query, offset, limit, hide) };
    } finally {
      exhaustive.on = false;
    }
  }

  const rng = new Rng(seed, 'place-groups-test');
  const sample = Array.from({ length: 400 }, () => rng.pick(rows));
  const queries = [
    // A street's words that a group's members also have in their locality ("a": Pit Avenue,
    // Ashby Green), a named house's, a town's, and what a phone sends a letter at a time.
    'pit a', 'mill la', 'rose cot', 'the old', 'h', '12 h', '3 m', 'flat 2 h', 'oak lodge mill', 'high street mastbury',
    ...typeAheadQueries(sample, () => rng.next(), 240),
    ...makeVariants(sample, seed, 20).map((v) => v.query),
  ];
  const hide = new Set(Array.from({ length: 300 }, () => rng.pick(rows).uprn));

  it('holds the streets of a town as one group, and (on a national sample) the streets of one name', () => {
    const streetsGrouped = (part: number) => {
      const placesOf = new Map<number, Set<string>>();
      for (const a of index.addresses) {
        const group = index.entry[part]![a.streetPlace]!;
        if (group < index.realPlaces) continue;
        if (!placesOf.has(group)) placesOf.set(group, new Set());
        placesOf.get(group)!.add(`${a.row.street}|${a.row.locality}|${a.row.town}`);
      }
      return Math.max(0, ...[...placesOf.values()].map((streets) => streets.size));
    };
    expect(streetsGrouped(Part.Town)).toBeGreaterThan(10);
    if (scale > 1) expect(streetsGrouped(Part.Street)).toBeGreaterThan(1);
  });

  it('answers every query with the same page, count, clear first and hidden attempts as place by place', () => {
    const differ: string[] = [];
    for (const query of queries) {
      for (const hidden of [new Set<number>(), hide]) {
        const { grouped, alone } = bothWays(query, hidden);
        const answer = (p: typeof grouped) => JSON.stringify([p.total, p.hits.map((h) => [h.address, h.score]), p.clearFirst, p.hiddenNamed]);
        if (answer(grouped) !== answer(alone)) differ.push(`${query} (${hidden.size} hidden)`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('pages far down the list as place by place', () => {
    for (const query of ['mill', 'h', '2 s', 'station road']) {
      const { grouped, alone } = bothWays(query, hide, 70, 30);
      expect(grouped.total).toBe(alone.total);
      expect(grouped.hits.map((h) => h.address)).toEqual(alone.hits.map((h) => h.address));
    }
  });
});
