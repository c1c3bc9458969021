// Type-ahead over the gazetteer: partial house numbers, streets and postcodes, typos tolerated.
import type { AddressHit } from '@mast/shared';
import { searchAddresses, type Db } from '@mast/db';
import { parseAddressQuery } from '../gazetteer/address-text.ts';
import { placeIndexFor } from './place-index.ts';

export async function findAddresses(db: Db, query: string): Promise<AddressHit[]> {
  const { words, houseNumber, postcodePrefix } = parseAddressQuery(query);
  const places = words ? (await placeIndexFor(db)).search(words) : [];
  const hits = await searchAddresses(db, { places, houseNumber, postcodePrefix });
  return hits.map((h) => ({
    uprn: String(h.uprn),
    label: h.label,
    postcode: h.postcode,
    parentUprn: h.parent_uprn === null ? null : String(h.parent_uprn),
    units: h.units,
  }));
}
