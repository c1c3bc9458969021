// Address to UPRN, first version: an exact comparison of normalised keys, narrowed by postcode
// when a key is shared. A row either gets a UPRN it certainly has, or none: never a guess.
import { addressTokens, gazetteerKeys, normalisePostcode, typedAddressKey, type GazetteerParts } from './address-normalise.ts';

export interface GazetteerEntry extends GazetteerParts {
  uprn: number;
  postcode: string;
  locality: string | null;
  town: string;
}

export type AddressMatch =
  | { uprn: number; method: 'given' | 'matched' }
  | { uprn: null; method: 'unmatched' };

export interface AddressMatcher {
  match(input: { uprn?: string; address?: string; postcode?: string }): AddressMatch;
}

export function buildAddressMatcher(entries: Iterable<GazetteerEntry>): AddressMatcher {
  const byKey = new Map<string, { uprn: number; postcode: string }[]>();
  const known = new Set<number>();
  const placeWords = new Set<string>();
  for (const e of entries) {
    known.add(e.uprn);
    for (const w of addressTokens(`${e.locality ?? ''} ${e.town}`)) placeWords.add(w);
    for (const key of gazetteerKeys(e)) {
      const list = byKey.get(key);
      const item = { uprn: e.uprn, postcode: e.postcode };
      if (list) list.push(item);
      else byKey.set(key, [item]);
    }
  }
  return {
    match({ uprn, address, postcode }) {
      if (uprn !== undefined && known.has(Number(uprn))) return { uprn: Number(uprn), method: 'given' };
      if (!address) return { uprn: null, method: 'unmatched' };
      let candidates = byKey.get(typedAddressKey(address, placeWords)) ?? [];
      if (candidates.length > 1) {
        const pc = normalisePostcode(postcode) ?? normalisePostcode(address);
        candidates = pc ? candidates.filter((c) => c.postcode === pc) : [];
      }
      const only = candidates.length === 1 ? candidates[0] : undefined;
      return only ? { uprn: only.uprn, method: 'matched' } : { uprn: null, method: 'unmatched' };
    },
  };
}
