// The address search: what someone types, as they type it, to the addresses it may mean, best
// first. Ranked in memory over a prepared copy of the gazetteer (search/), which is a cache of the
// addresses table and never disagrees with it: every search first reads the gazetteer's version
// (it changes on every load, and is read with the places hidden from the searcher) and the copy
// is made again when it has changed. Each server process
// keeps its own copy; none holds anything another could disagree about.
import type { AddressSearchResponse } from '@mast/shared';
import { getSearchAddresses, getSearchState, type Db } from '@mast/db';
import { SearchIndex } from './search/search-index.ts';
import { searchIndex } from './search/search.ts';

const caches = new WeakMap<Db, Promise<SearchIndex>>();

export async function searchIndexFor(db: Db, version?: number): Promise<SearchIndex> {
  version ??= (await getSearchState(db, false)).version;
  const cached = caches.get(db);
  if (cached) {
    const index = await cached;
    if (index.version === version) return index;
  }
  const building = getSearchAddresses(db).then((rows) => new SearchIndex(version, rows));
  caches.set(db, building);
  building.catch(() => caches.delete(db));
  return building;
}

/**
 * The page of matches; with `hideSensitive`, places a partner marked sensitive are never answered,
 * and `hiddenNamed` lists those the query named closely.
 */
export async function findAddresses(
  db: Db,
  query: string,
  page: { offset?: number; limit?: number } = {},
  hideSensitive = false,
): Promise<AddressSearchResponse & { hiddenNamed: number[] }> {
  const state = await getSearchState(db, hideSensitive);
  const index = await searchIndexFor(db, state.version);
  const hide = state.sensitive;
  const offset = page.offset ?? 0;
  const { hits, total, clearFirst, hiddenNamed } = searchIndex(index, query, offset, page.limit ?? 10, hide);
  return {
    hiddenNamed,
    results: hits.map(({ address }) => {
      const a = index.addresses[address]!;
      return {
        uprn: String(a.row.uprn),
        label: a.row.label,
        postcode: a.row.postcode,
        parentUprn: a.row.parentUprn === null ? null : String(a.row.parentUprn),
        units: a.units,
      };
    }),
    total,
    offset,
    clearFirst,
  };
}
