// The gazetteer, prepared once for matching: each address's parts in comparison form, and
// indexes from street name, building name, postcode and place name to the addresses, so a
// typed address is compared with a handful of candidates rather than the whole borough.
import { parseHouseNumber, type HouseNumber } from '../address-normalise.ts';
import { OneEditIndex } from './fuzzy.ts';
import { parsePostcode, type Postcode } from './postcode.ts';
import { gazetteerSubLabel } from './sub-building.ts';
import { foldKey, resolveSaintOrStreet, STREET_TYPES, tokenise } from './tokens.ts';

export interface GazetteerRecord {
  uprn: number;
  subBuilding: string | null;
  buildingName: string | null;
  buildingNumber: string | null;
  street: string;
  locality: string | null;
  town: string;
  postcode: string;
}

/** One gazetteer address in comparison form. */
export interface IndexedAddress {
  uprn: number;
  number: HouseNumber | null;
  sub: string | null;
  name: string | null;
  street: string;
  /** The street within its locality: the same name in two localities is two streets. */
  streetId: number;
  locality: string | null;
  town: string;
  postcode: Postcode | null;
  /**
   * A flat's place counting from the ground floor (1 for the ground floor flat), set only where
   * its building's flats are one per floor from the ground up: there, and only there, "Flat B" or
   * "17B" says the floor (A the ground floor flat, B the first) as converted houses are lettered.
   * A basement flat, a floor missing or any flat by number or letter leaves the letter unsaid (0).
   */
  floorOrder: number;
}

const words = (text: string | null): string[] => (text ? tokenise(text).flat() : []);
const key = (text: string | null): string | null => {
  const w = words(text);
  return w.length > 0 ? foldKey(resolveSaintOrStreet(w)) : null;
};

/** `read` remembered by its text: a gazetteer repeats the same street, place, postcode, house
 * number and flat label on thousands of addresses, and each read is a tokenising pass and new
 * objects for the heap to hold. Every reader here is pure and nothing read is changed later. */
function remembered<T>(read: (text: string | null) => T): (text: string | null) => T {
  const seen = new Map<string | null, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) {
      v = read(text);
      seen.set(text, v);
    }
    return v as T;
  };
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

export class GazetteerIndex {
  readonly addresses: IndexedAddress[] = [];
  readonly byUprn = new Map<number, number>();
  /** Street key -> street ids. */
  readonly streets = new Map<string, number[]>();
  /** Street name without its type ("MILL" for Mill Lane) -> street ids. */
  readonly streetCores = new Map<string, number[]>();
  readonly fuzzyStreets = new OneEditIndex<number>(7);
  /** A street key's last words -> the longer street keys ending with them ("COLLIERY ROAD" -> "NEW COLLIERY ROAD"). */
  readonly streetsEndingWith = new Map<string, string[]>();
  /** Per street id: house number ("10", or "" for none) -> addresses. */
  readonly streetNumbers: Map<string, number[]>[] = [];
  readonly streetKeys: string[] = [];
  /** Building name -> addresses (the building, its flats, or a named house). */
  readonly names = new Map<string, number[]>();
  readonly postcodes = new Map<string, number[]>();
  /** Locality and town names. */
  readonly places = new Map<string, 'locality' | 'town'>();
  /**
   * Streets whose name is on two streets in one locality (a house number listed twice): the
   * gazetteer extract has no street id, so this is how two same-named streets show.
   */
  readonly doubledStreets = new Set<number>();
  /** Longest street, building or place name in words: bounds the n-grams tried. */
  maxWords = 1;

  /** How many streets carry this name (in different localities, or doubled in one). */
  streetCount(street: string): number {
    const ids = this.streets.get(street);
    if (!ids) return 0;
    let n = ids.length;
    for (const id of ids) if (this.doubledStreets.has(id)) n++;
    return n;
  }

  constructor(records: Iterable<GazetteerRecord>) {
    const streetIds = new Map<string, number>();
    const unitsSeen = new Set<string>();
    // Building names are left out: most are one building's own.
    const placeKey = remembered(key);
    const houseNumber = remembered((t) => (t ? parseHouseNumber(words(t).join('')) : null));
    const subLabel = remembered((t) => gazetteerSubLabel(words(t)));
    const postcodeOf = remembered(parsePostcode);
    for (const r of records) {
      const street = placeKey(r.street) ?? '';
      const locality = placeKey(r.locality);
      const streetWithin = `${street}|${locality ?? ''}`;
      let streetId = streetIds.get(streetWithin);
      if (streetId === undefined) {
        streetId = this.streetKeys.length;
        streetIds.set(streetWithin, streetId);
        this.streetKeys.push(street);
        this.streetNumbers.push(new Map());
        const w = street.split(' ');
        if (!this.streets.has(street)) for (let k = 1; k < w.length - 1; k++) push(this.streetsEndingWith, w.slice(k).join(' '), street);
        push(this.streets, street, streetId);
        this.fuzzyStreets.add(street, streetId);
        const type = w[w.length - 1]!;
        if (w.length > 1 && (STREET_TYPES.has(type) || type === 'ST')) push(this.streetCores, w.slice(0, -1).join(' '), streetId);
        this.maxWords = Math.max(this.maxWords, w.length);
      }
      const name = key(r.buildingName);
      const a: IndexedAddress = {
        uprn: r.uprn,
        number: houseNumber(r.buildingNumber),
        sub: subLabel(r.subBuilding),
        name,
        street,
        streetId,
        locality,
        town: placeKey(r.town) ?? '',
        postcode: postcodeOf(r.postcode),
        floorOrder: 0,
      };
      const i = this.addresses.length;
      this.addresses.push(a);
      this.byUprn.set(a.uprn, i);
      push(this.streetNumbers[streetId]!, a.number ? String(a.number.lo) : '', i);
      const unit = `${streetId}|${a.number?.raw ?? ''}|${a.name ?? ''}|${a.sub ?? ''}`;
      if (unitsSeen.has(unit)) this.doubledStreets.add(streetId);
      else unitsSeen.add(unit);
      if (name) {
        push(this.names, name, i);
        this.maxWords = Math.max(this.maxWords, name.split(' ').length);
      }
      if (a.postcode) push(this.postcodes, a.postcode.full, i);
      if (locality) this.places.set(locality, 'locality');
      if (a.town && !this.places.has(a.town)) this.places.set(a.town, 'town');
    }
    this.orderFloors();
  }

  /** Sets floorOrder on the flats of buildings flatted one per floor from the ground up. */
  private orderFloors(): void {
    const buildings = new Map<string, IndexedAddress[]>();
    for (const a of this.addresses) {
      if (!a.sub) continue;
      const building = `${a.streetId}|${a.number?.raw ?? ''}|${a.name ?? ''}`;
      const flats = buildings.get(building);
      if (flats) flats.push(a);
      else buildings.set(building, [a]);
    }
    for (const flats of buildings.values()) {
      const floors = flats.map((f) => /^F(\d)$/.exec(f.sub!)?.[1]);
      if (floors.some((f) => f === undefined) || new Set(floors).size !== flats.length) continue;
      if (floors.some((f) => Number(f) >= flats.length)) continue; // a floor missing
      flats.forEach((f, i) => (f.floorOrder = Number(floors[i]) + 1));
    }
  }
}
