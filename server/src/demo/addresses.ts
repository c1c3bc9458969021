// The synthetic gazetteer: every address in the borough, as a council's land and property
// gazetteer would list it. Streets hold numbered houses (a few with names), converted houses
// split into Flat A/B or floor flats, and blocks of flats; a block or converted house is a parent
// UPRN whose flats are child UPRNs. Postcodes cover runs of ~15 addresses along one street.
import { FIXTURE_STREETS, RESERVED_NAMES, RESERVED_POSTCODES, type FixtureStreet } from './fixtures.ts';
import { NATIONAL_PREFIXES, nationalTowns } from './national.ts';
import { PostcodeAllocator } from './postcodes.ts';
import { Rng } from './prng.ts';
import {
  BLOCK_TYPES, CENTRE, HOUSE_NAMES, LOCALITIES, SAINTS, STREET_PREFIXES, STREET_TYPES, TOWN,
  type Area, type Locality,
} from './streets.ts';

export type FlatLabel =
  | { kind: 'number'; index: number } // Flat 4
  | { kind: 'letter'; index: number } // Flat B (index 2)
  | { kind: 'floor'; index: number }; // Ground Floor Flat (index 1), First Floor Flat (2)...

export interface Property {
  uprn: string;
  parentUprn: string;
  subBuilding: string;
  buildingName: string;
  buildingNumber: string;
  street: string;
  locality: string;
  town: string;
  postcode: string;
  lat: number;
  lon: number;
  /** False for a parent (a block or converted house): people live in its flats, not in it. */
  residential: boolean;
  area: Area;
  flat: FlatLabel | null;
}

export interface Gazetteer {
  properties: Property[];
  streets: number;
  postcodes: number;
}

export const ADDRESSES_AT_SCALE_1 = 120_000;
const MIN_ADDRESSES = 150;
const FIRST_GENERATED_UPRN = 100_010_000_000;
const FLOOR_NAMES = ['Ground Floor Flat', 'First Floor Flat', 'Second Floor Flat'];
const MODIFIERS = ['', 'New ', 'Upper ', 'Lower ', 'Old ', 'Little ', 'Great ', 'North ', 'South ', 'East ', 'West '];
const SAINT_TYPES = new Set(['Road', 'Street', 'Close', 'Avenue', 'Lane', 'Walk']);

export function flatName(label: FlatLabel): string {
  if (label.kind === 'number') return `Flat ${label.index}`;
  if (label.kind === 'letter') return `Flat ${String.fromCharCode(64 + label.index)}`;
  return FLOOR_NAMES[label.index - 1] ?? `Flat ${label.index}`;
}

/** Kilometres east/north of a point to degrees, near latitude 52.6. */
function offset(lat: number, lon: number, kmEast: number, kmNorth: number): { lat: number; lon: number } {
  return { lat: lat + kmNorth / 111.2, lon: lon + kmEast / (111.2 * Math.cos((lat * Math.PI) / 180)) };
}

/** Position of house `n` along a street: odd numbers one side, even the other, ~14 m apart. */
function housePosition(start: { lat: number; lon: number }, bearingDeg: number, n: number) {
  const b = (bearingDeg * Math.PI) / 180;
  const along = Math.floor((n - 1) / 2) * 0.014;
  const side = n % 2 === 1 ? 0.012 : -0.012;
  return offset(start.lat, start.lon, Math.sin(b) * along + Math.cos(b) * side, Math.cos(b) * along - Math.sin(b) * side);
}

/** Hands out unique street names of each type, reaching for "New ..."/"Upper ..." when plain ones run out. */
class StreetNamer {
  private readonly pools = new Map<string, { prefixes: string[]; round: number; next: number }>();
  private readonly used: Set<string>;

  /** `reserved`: names never handed out (the borough's fixture streets); another town may have its own. */
  constructor(
    private readonly rng: Rng,
    private readonly extra: Readonly<Record<string, readonly string[]>> = {},
    private readonly reserved: ReadonlySet<string> = RESERVED_NAMES,
  ) {
    this.used = new Set(reserved);
  }

  name(type: string): string {
    let pool = this.pools.get(type);
    if (!pool) {
      const prefixes = [...STREET_PREFIXES, ...(SAINT_TYPES.has(type) ? SAINTS : []), ...(type === 'Street' ? ['High', 'Market'] : []), ...(this.extra[type] ?? [])];
      pool = { prefixes: this.rng.shuffle(prefixes), round: 0, next: 0 };
      this.pools.set(type, pool);
    }
    for (;;) {
      if (pool.next >= pool.prefixes.length) {
        pool.round++;
        pool.next = 0;
      }
      const prefix = pool.prefixes[pool.next++]!;
      // After every modifier is used, names repeat (in another locality, as real towns' do).
      const name = `${MODIFIERS[pool.round % MODIFIERS.length]}${prefix} ${type}`;
      if (this.reserved.has(name)) continue;
      if (pool.round < MODIFIERS.length && this.used.has(name)) continue;
      this.used.add(name);
      return name;
    }
  }

  blockName(): string {
    for (let attempt = 0; ; attempt++) {
      const name = `${this.rng.pick(STREET_PREFIXES)} ${this.rng.pick(BLOCK_TYPES)}`;
      if (this.reserved.has(name)) continue;
      if (!this.used.has(name) || attempt > 20) {
        this.used.add(name);
        return name;
      }
    }
  }
}

interface Builder {
  properties: Property[];
  postcodes: Set<string>;
  streets: number;
}

function pushProperty(b: Builder, p: Property): void {
  b.properties.push(p);
  b.postcodes.add(p.postcode);
}

/** The fixed streets under the fixtures: no randomness, so they are the same at every seed. */
function emitFixtureStreet(b: Builder, s: FixtureStreet, locality: Locality): void {
  const base = { street: s.street, locality: s.locality, town: TOWN, area: locality.area, subBuilding: '', buildingName: '' };
  const postcodeOf = (n: number) => s.postcodes.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? s.postcodes[0]![2];
  for (let n = 1; n <= s.houses; n++) {
    const at = housePosition(s.start, s.bearing, n);
    const block = s.blocks.find((bl) => bl.number === n);
    if (block) {
      const parent = { ...base, uprn: block.uprn, parentUprn: '', buildingName: block.name, buildingNumber: String(n), postcode: block.postcode, ...at, residential: false, flat: null };
      pushProperty(b, parent);
      block.flatUprns.forEach((uprn, i) => {
        const flat: FlatLabel = { kind: 'number', index: i + 1 };
        pushProperty(b, { ...parent, uprn, parentUprn: block.uprn, subBuilding: flatName(flat), residential: true, flat });
      });
      continue;
    }
    const uprn = s.fixedUprns[n] ?? String(s.uprnBase + n);
    pushProperty(b, { ...base, uprn, parentUprn: '', buildingNumber: String(n), postcode: postcodeOf(n), ...at, residential: true, flat: null });
  }
  b.streets++;
}

/** Where a street is being laid out: a locality of the borough, or of another town in a national sample. */
interface StreetSite {
  locality: string;
  town: string;
  area: Area;
  districts: number[];
  centre: { lat: number; lon: number };
}

/** Everything one gazetteer's streets draw from, in the order the draws are made. */
interface Layout {
  rng: Rng;
  namer: StreetNamer;
  postcodes: PostcodeAllocator;
  nextUprn: () => string;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const STREET_TYPE_WEIGHTS = Object.fromEntries(Object.entries(STREET_TYPES).map(([k, v]) => [k, v.weight])) as Record<string, number>;

/** Random streets in one locality until it holds `target` addresses more than it did at `startCount`. */
function fillLocality(b: Builder, layout: Layout, site: StreetSite, target: number, startCount: number): void {
  const { rng, namer, postcodes, nextUprn } = layout;
  const districts = site.districts;
  while (b.properties.length - startCount < target) {
    const remaining = target - (b.properties.length - startCount);
    const type = rng.weighted(STREET_TYPE_WEIGHTS);
    const street = namer.name(type);
    const [lo, hi] = STREET_TYPES[type]!.houses;
    // Skewed towards the short end; capped so tiny scales do not overshoot their target.
    const houses = Math.max(4, Math.min(Math.round(lo + (hi - lo) * Math.pow(rng.next(), 1.6)), Math.max(6, remaining)));
    const start = offset(site.centre.lat, site.centre.lon, rng.normal() * 0.7, rng.normal() * 0.7);
    const bearing = rng.next() * 360;
    const base = { street, locality: site.locality, town: site.town, area: site.area };

    // Blocks of flats take a street number each; longer roads are likelier to have them.
    const blockNumbers = new Set<number>();
    if (houses >= 12 && rng.chance(type === 'Court' ? 0.6 : 0.3)) {
      const nBlocks = rng.chance(0.3) ? 2 : 1;
      for (let i = 0; i < nBlocks; i++) blockNumbers.add(rng.between(1, houses));
    }
    const namedOnly = type === 'Lane' || type === 'Close' || type === 'Drive' ? 0.08 : 0;
    const usedHouseNames = new Set<string>();
    let postcode = postcodes.allocate(districts);
    let inPostcode = 0;
    let postcodeSize = rng.between(9, 21);

    for (let n = 1; n <= houses; n++) {
      if (inPostcode >= postcodeSize) {
        postcode = postcodes.allocate(districts);
        inPostcode = 0;
        postcodeSize = rng.between(9, 21);
      }
      const at = housePosition(start, bearing, n);
      const common = { ...base, postcode, ...at, subBuilding: '', buildingName: '', buildingNumber: String(n) };

      if (blockNumbers.has(n)) {
        const flats = rng.chance(0.1) ? rng.between(36, 60) : rng.between(6, 30);
        const parent: Property = { ...common, uprn: nextUprn(), parentUprn: '', buildingName: namer.blockName(), residential: false, flat: null };
        // Some blocks are known by name only, with no street number.
        if (rng.chance(0.3)) parent.buildingNumber = '';
        pushProperty(b, parent);
        for (let i = 1; i <= flats; i++) {
          const flat: FlatLabel = { kind: 'number', index: i };
          pushProperty(b, { ...parent, uprn: nextUprn(), parentUprn: parent.uprn, subBuilding: flatName(flat), residential: true, flat });
        }
        inPostcode += flats + 1;
        continue;
      }

      if (rng.chance(0.06)) {
        // A house converted into flats: lettered or by floor.
        const parent: Property = { ...common, uprn: nextUprn(), parentUprn: '', residential: false, flat: null };
        pushProperty(b, parent);
        const byFloor = rng.chance(0.4);
        const count = rng.chance(0.7) ? 2 : 3;
        for (let i = 1; i <= count; i++) {
          const flat: FlatLabel = { kind: byFloor ? 'floor' : 'letter', index: i };
          pushProperty(b, { ...parent, uprn: nextUprn(), parentUprn: parent.uprn, subBuilding: flatName(flat), residential: true, flat });
        }
        inPostcode += count + 1;
        continue;
      }

      const house: Property = { ...common, uprn: nextUprn(), parentUprn: '', residential: true, flat: null };
      if (rng.chance(namedOnly + 0.03)) {
        const name = rng.pick(HOUSE_NAMES);
        if (!usedHouseNames.has(name)) {
          usedHouseNames.add(name);
          house.buildingName = name;
          if (rng.chance(namedOnly / (namedOnly + 0.03))) house.buildingNumber = '';
        }
      }
      pushProperty(b, house);
      inPostcode++;
    }
    b.streets++;
  }
}

/**
 * The gazetteer at `scale`. Up to scale 1 it is the borough of Mastbury, in proportion. Above it,
 * a national sample: Mastbury whole (exactly as at scale 1, fixtures and all), then other post
 * towns in other postcode areas (national.ts) until the sample holds `scale` times as many
 * addresses: each town names its own streets, so the sample has the many High Streets and Station
 * Roads a national gazetteer has.
 */
export function buildGazetteer(seed: number, scale: number): Gazetteer {
  const rng = new Rng(seed, 'addresses');
  const postcodes = new PostcodeAllocator(new Rng(seed, 'postcodes'), RESERVED_POSTCODES, 13);
  const b: Builder = { properties: [], postcodes: new Set(), streets: 0 };
  const total = Math.max(MIN_ADDRESSES, Math.round(ADDRESSES_AT_SCALE_1 * Math.min(scale, 1)));
  let uprn = FIRST_GENERATED_UPRN;
  const layout: Layout = { rng, namer: new StreetNamer(rng), postcodes, nextUprn: () => String((uprn += rng.between(1, 4))) };

  for (const locality of LOCALITIES) {
    const target = Math.max(20, Math.round(total * locality.share));
    const startCount = b.properties.length;
    for (const s of FIXTURE_STREETS) if (s.locality === locality.name) emitFixtureStreet(b, s, locality);
    const site = { locality: locality.name, town: TOWN, area: locality.area, districts: [...locality.districts], centre: offset(CENTRE.lat, CENTRE.lon, locality.km[0], locality.km[1]) };
    fillLocality(b, layout, site, target, startCount);
  }

  if (scale > 1) {
    const wanted = Math.round(ADDRESSES_AT_SCALE_1 * scale);
    const townRng = new Rng(seed, 'national');
    const postcodeRng = new Rng(seed, 'national-postcodes');
    // UPRNs go on from the borough's, drawn from the national stream so the borough stays as it was.
    const nextUprn = () => String((uprn += townRng.between(1, 4)));
    const areas = new Map<string, PostcodeAllocator>();
    for (const town of nationalTowns(townRng, wanted - b.properties.length)) {
      let areaPostcodes = areas.get(town.area);
      if (!areaPostcodes) areas.set(town.area, (areaPostcodes = new PostcodeAllocator(postcodeRng, RESERVED_POSTCODES, town.spareDistrict, town.area)));
      // Each town names its streets afresh: another town's Station Road is no reason to avoid one.
      const townLayout: Layout = { rng: townRng, namer: new StreetNamer(townRng, NATIONAL_PREFIXES, NO_NAMES), postcodes: areaPostcodes, nextUprn };
      for (const locality of town.localities) {
        const site = { locality: locality.name, town: town.name, area: locality.area, districts: [...locality.districts], centre: offset(town.centre.lat, town.centre.lon, locality.km[0], locality.km[1]) };
        fillLocality(b, townLayout, site, Math.max(20, Math.round(town.addresses * locality.share)), b.properties.length);
      }
    }
  }
  return { properties: b.properties, streets: b.streets, postcodes: b.postcodes.size };
}
