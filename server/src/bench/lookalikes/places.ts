// The look-alike borough's addresses: districts of postcodes, each postcode one stretch of one
// street. Small and self-contained (no gazetteer, no UPRNs): partner feeds send a typed address
// and a postcode, and that is all the matcher gets here.
import { STREET_PREFIXES } from '../../demo/streets.ts';
import type { Rng } from '../../demo/prng.ts';

export interface Address {
  postcode: string;
  district: string;
  number: number;
  street: string;
}

export interface Places {
  postcodes: { postcode: string; district: string; street: string; houses: number }[];
}

const AREA = 'LK';
const DISTRICTS = 9;
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const TYPES = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Grove', 'Crescent'];
const SHORT: Record<string, string> = { Road: 'Rd', Street: 'St', Avenue: 'Ave', Lane: 'Ln', Close: 'Cl', Drive: 'Dr', Grove: 'Gr', Crescent: 'Cres' };

/** About 25 homes per postcode, enough postcodes for `homes`. */
export function buildPlaces(rng: Rng, homes: number): Places {
  const count = Math.max(DISTRICTS, Math.ceil(homes / 25));
  const used = new Set<string>();
  const streets = new Set<string>();
  const postcodes: Places['postcodes'] = [];
  while (postcodes.length < count) {
    const district = `${AREA}${1 + rng.int(DISTRICTS)}`;
    const postcode = `${district} ${1 + rng.int(9)}${rng.pick([...UNIT_LETTERS])}${rng.pick([...UNIT_LETTERS])}`;
    if (used.has(postcode)) continue;
    let street = '';
    do street = `${rng.pick(STREET_PREFIXES)} ${rng.pick(TYPES)}`;
    while (streets.has(street));
    used.add(postcode);
    streets.add(street);
    postcodes.push({ postcode, district, street, houses: 20 + rng.int(12) });
  }
  return { postcodes };
}

export function randomAddress(rng: Rng, places: Places, inPostcode?: number): Address {
  const pc = places.postcodes[inPostcode ?? rng.int(places.postcodes.length)]!;
  return { postcode: pc.postcode, district: pc.district, number: 1 + rng.int(pc.houses), street: pc.street };
}

/** An address somewhere else: in another district when `farAway`, else anywhere but here. */
export function otherAddress(rng: Rng, places: Places, from: Address, farAway: boolean): Address {
  for (;;) {
    const a = randomAddress(rng, places);
    if (a.postcode === from.postcode) continue;
    if (farAway && a.district === from.district) continue;
    return a;
  }
}

/** The address line as a partner system types it: "12 Oak Road", "12 Oak Rd", now and then in capitals. */
export function typedAddress(rng: Rng, a: Address): string {
  const [prefix, type] = [a.street.slice(0, a.street.lastIndexOf(' ')), a.street.slice(a.street.lastIndexOf(' ') + 1)];
  const street = rng.chance(0.3) ? `${prefix} ${SHORT[type] ?? type}` : a.street;
  const line = `${a.number} ${street}`;
  return rng.chance(0.05) ? line.toUpperCase() : line;
}
