// Type-ahead over the gazetteer: partial house numbers, streets and postcodes, typos tolerated.
import type { AddressHit } from '@mast/shared';
import { searchAddresses, type Db } from '@mast/db';
import { leadingHouseNumber, searchForm } from '../gazetteer/address-text.ts';

export async function findAddresses(db: Db, query: string): Promise<AddressHit[]> {
  const text = searchForm(query);
  if (text.length === 0) return [];
  const hits = await searchAddresses(db, text, leadingHouseNumber(query));
  return hits.map((h) => ({
    uprn: String(h.uprn),
    label: h.label,
    postcode: h.postcode,
    parentUprn: h.parent_uprn === null ? null : String(h.parent_uprn),
    units: h.units,
  }));
}
