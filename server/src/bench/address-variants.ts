// The address forms address-bench reports one by one: flats written "3/17 Street", a flat or a
// lettered house written "17B Street", and a street one letter out where the postcode and house
// number agree, each with the near misses that must NOT become a UPRN. Feed rows are sorted into
// these forms by how they were typed; the demo feeds write few of them (and no street slips), so
// more are made here from the gazetteer, from the seed. The demo borough itself is left as it is.
import { misspell } from '../demo/errors.ts';
import { Rng } from '../demo/prng.ts';
import type { AddressInput, GazetteerEntry } from '../matching/address-match.ts';
import { ABBREVIATIONS } from '../matching/address/abbreviations.ts';
import { editDistance } from '../matching/address/fuzzy.ts';
import { STREET_TYPES } from '../matching/address/tokens.ts';

/** 'match': the text says which address it is; 'review': it does not, so no UPRN may be given. */
export type Expect = 'match' | 'review';

export const VARIANTS = {
  'feed-slash': { label: 'feed  "3/17 Street", numbered flat', expect: 'match' },
  'feed-letter-flat': { label: 'feed  "17B Street", lettered flat', expect: 'match' },
  'feed-letter-floor': { label: 'feed  "17A Street", flat by floor', expect: 'review' },
  'feed-number-floor': { label: 'feed  "Flat 1, 17 Street", flat by floor', expect: 'review' },
  slash: { label: 'made  "3/17 Street", numbered flat', expect: 'match' },
  'slash-other-flat': { label: 'made  "3/17 Street", 17 has no flat 3', expect: 'review' },
  'letter-flat': { label: 'made  "17B Street", lettered flat', expect: 'match' },
  'letter-floor': { label: 'made  "17A Street", flat by floor', expect: 'review' },
  'letter-house': { label: 'made  "17A Street", house numbered 17A', expect: 'match' },
  'letter-flat-or-house': { label: 'made  "17B Street", 17 Flat B and a house 17B', expect: 'review' },
  'letter-no-such': { label: 'made  "17B Street", 17 a house, no 17B', expect: 'review' },
  'typo-name': { label: 'made  street name one letter out + postcode', expect: 'match' },
  'typo-type': { label: 'made  street type one letter out + postcode', expect: 'match' },
  'typo-no-postcode': { label: 'made  street one letter out, no postcode', expect: 'review' },
  'typo-number-elsewhere': { label: 'made  street one letter out, number not in postcode', expect: 'review' },
  'typo-other-street': { label: 'made  another real street one letter away', expect: 'review' },
} as const satisfies Record<string, { label: string; expect: Expect }>;

export type Variant = keyof typeof VARIANTS;

export interface VariantCase {
  variant: Variant;
  input: AddressInput;
  /** Null where the gazetteer does not have the address typed: any UPRN given is wrong. */
  trueUprn: number | null;
}

const FLOORS = ['Ground Floor Flat', 'First Floor Flat', 'Second Floor Flat'];
const letterOf = (rank: number) => String.fromCharCode(64 + rank);

/** A flat's place among its building's flats: "Flat 4" 4, "Flat B" 2, "First Floor Flat" 2. */
function flatLabel(sub: string): { kind: 'number' | 'letter' | 'floor'; rank: number } | null {
  const m = /^Flat (\d+|[A-Z])$/.exec(sub);
  if (m) return /\d/.test(m[1]!) ? { kind: 'number', rank: Number(m[1]) } : { kind: 'letter', rank: m[1]!.charCodeAt(0) - 64 };
  const floor = FLOORS.indexOf(sub);
  return floor >= 0 ? { kind: 'floor', rank: floor + 1 } : null;
}

/** Which form a feed row's address was typed in, judged by its text and its true address. */
export function feedVariant(address: string | undefined, truth: GazetteerEntry | undefined): Variant | null {
  if (!address || !truth?.subBuilding) return null;
  const label = flatLabel(truth.subBuilding);
  if (!label) return null;
  if (/\d\s*\/\s*\d/.test(address)) return label.kind === 'number' ? 'feed-slash' : null;
  if (/(?:^|[\s,])\d+[a-z](?=[\s,.]|$)/i.test(address)) return label.kind === 'letter' ? 'feed-letter-flat' : label.kind === 'floor' ? 'feed-letter-floor' : null;
  if (label.kind === 'floor' && /(?:^|,)\s*(?:flat|apartment|apt)\s+\d/i.test(address)) return 'feed-number-floor';
  return null;
}

const streetKey = (street: string) => street.toUpperCase().replace(/[^A-Z ]/g, '');
const TYPE_WORDS = new Set([...STREET_TYPES, ...Object.keys(ABBREVIATIONS), 'ST']);

/** One slip in one word of the street: its name (any word but the last) or its type (the last). */
function slipStreet(rng: Rng, street: string, where: 'name' | 'type', known: ReadonlySet<string>): string | null {
  const words = street.split(' ');
  const at = where === 'type' ? words.length - 1 : rng.int(words.length - 1);
  if (words.length < 2 || words[at]!.length < 3) return null;
  const typo = misspell(rng, words[at]!);
  if (typo === words[at] || TYPE_WORDS.has(streetKey(typo))) return null;
  const typed = words.map((w, i) => (i === at ? typo : w)).join(' ');
  return known.has(streetKey(typed)) ? null : typed; // a slip onto a real street is another case
}

interface Building {
  number: string;
  street: string;
  postcode: string;
  flats: GazetteerEntry[];
}

export interface MadeCases {
  cases: VariantCase[];
  /** Houses numbered "17A": the demo gazetteer has none, so they are added, as infill houses are. */
  extraEntries: GazetteerEntry[];
  /**
   * An added house that stands or falls with a flat in a held-out run: "17B" for a house 17B
   * beside a Flat B at 17 is a test of two homes the gazetteer both knows.
   */
  heldOutWith: Map<number, number>;
}

/** Cases of each made variant (up to `perVariant`), to match against `entries` plus `extraEntries`. */
export function makeVariantCases(entries: readonly GazetteerEntry[], seed: number, perVariant: number): MadeCases {
  const rng = new Rng(seed, 'address-bench-variants');
  const buildings = new Map<string, Building>();
  const houses: GazetteerEntry[] = [];
  const onStreet = new Map<string, Map<string, GazetteerEntry[]>>(); // street|locality -> number -> entries
  const streetNames = new Set<string>();
  let nextUprn = 0;
  for (const e of entries) {
    nextUprn = Math.max(nextUprn, e.uprn + 1);
    streetNames.add(streetKey(e.street));
    const street = `${e.street}|${e.locality ?? ''}`;
    let numbers = onStreet.get(street);
    if (!numbers) onStreet.set(street, (numbers = new Map()));
    const num = e.buildingNumber ?? '';
    numbers.set(num, [...(numbers.get(num) ?? []), e]);
    if (!e.buildingNumber) continue;
    const key = `${street}|${num}|${e.buildingName ?? ''}`;
    if (!buildings.has(key)) buildings.set(key, { number: num, street: e.street, postcode: e.postcode, flats: [] });
    if (e.subBuilding) buildings.get(key)!.flats.push(e);
  }
  for (const numbers of onStreet.values()) {
    for (const [num, at] of numbers) {
      const e = at[0]!;
      if (at.length === 1 && /^\d+$/.test(num) && !e.subBuilding && !e.buildingName) houses.push(e);
    }
  }
  const ofKind = (kind: 'number' | 'letter' | 'floor') =>
    [...buildings.values()].filter((b) => b.flats.length > 0 && b.flats.every((f) => flatLabel(f.subBuilding!)?.kind === kind));
  const sample = <T>(items: T[]) => rng.shuffle([...items]).slice(0, perVariant);
  const cases: VariantCase[] = [];
  const extraEntries: GazetteerEntry[] = [];
  const heldOutWith = new Map<number, number>();
  const add = (variant: Variant, address: string, postcode: string | undefined, trueUprn: number | null) =>
    cases.push({ variant, input: { address, ...(postcode ? { postcode } : {}) }, trueUprn });
  const infill = (beside: { street: string; postcode: string; locality: string | null; town: string }, number: string): GazetteerEntry => {
    const house = { uprn: nextUprn++, subBuilding: null, buildingName: null, buildingNumber: number, street: beside.street, locality: beside.locality, town: beside.town, postcode: beside.postcode };
    extraEntries.push(house);
    return house;
  };

  const numbered = ofKind('number');
  for (const b of sample(numbered)) {
    const f = rng.pick(b.flats);
    add('slash', `${flatLabel(f.subBuilding!)!.rank}/${b.number} ${b.street}`, b.postcode, f.uprn);
  }
  for (const b of sample(numbered)) {
    // A flat one past the building's last: a home the gazetteer does not have.
    add('slash-other-flat', `${b.flats.length + 1}/${b.number} ${b.street}`, b.postcode, null);
  }
  const lettered = ofKind('letter');
  const letteredSample = sample(lettered);
  const half = Math.ceil(letteredSample.length / 2);
  for (const b of letteredSample.slice(0, half)) {
    const f = rng.pick(b.flats);
    const letter = letterOf(flatLabel(f.subBuilding!)!.rank);
    add('letter-flat', `${b.number}${rng.chance(0.5) ? letter.toLowerCase() : letter} ${b.street}`, b.postcode, f.uprn);
  }
  for (const b of letteredSample.slice(half)) {
    // Both a Flat B at 17 and a house numbered 17B: the typist meant one of them.
    const f = rng.pick(b.flats);
    const letter = letterOf(flatLabel(f.subBuilding!)!.rank);
    const house = infill(f, `${b.number}${letter}`);
    heldOutWith.set(house.uprn, f.uprn);
    add('letter-flat-or-house', `${b.number}${letter} ${b.street}`, b.postcode, rng.chance(0.5) ? house.uprn : f.uprn);
  }
  for (const b of sample(ofKind('floor'))) {
    const f = rng.pick(b.flats);
    add('letter-floor', `${b.number}${letterOf(flatLabel(f.subBuilding!)!.rank)} ${b.street}`, b.postcode, f.uprn);
  }
  const plain = rng.shuffle([...houses]);
  const take = () => plain.splice(0, perVariant);
  for (const h of take()) add('letter-house', `${h.buildingNumber}A ${h.street}`, h.postcode, infill(h, `${h.buildingNumber}A`).uprn);
  for (const h of take()) add('letter-no-such', `${h.buildingNumber}B ${h.street}`, h.postcode, null);

  const slipped = (variant: Variant, where: 'name' | 'type', withPostcode: boolean) => {
    for (const h of take()) {
      const typed = slipStreet(rng, h.street, where, streetNames);
      if (typed) add(variant, `${h.buildingNumber} ${typed}`, withPostcode ? h.postcode : undefined, h.uprn);
    }
  };
  slipped('typo-name', 'name', true);
  slipped('typo-type', 'type', true);
  slipped('typo-no-postcode', 'name', false);
  for (const h of take()) {
    // The postcode of another stretch of the same street, where this number is not.
    const numbers = onStreet.get(`${h.street}|${h.locality ?? ''}`)!;
    const here = new Set(numbers.get(h.buildingNumber!)!.map((e) => e.postcode));
    const others = [...new Set([...numbers.values()].flat().map((e) => e.postcode))].filter((p) => !here.has(p));
    const typed = others.length > 0 ? slipStreet(rng, h.street, 'name', streetNames) : null;
    if (typed) add('typo-number-elsewhere', `${h.buildingNumber} ${typed}`, rng.pick(others), h.uprn);
  }
  // Two real streets one letter apart, each with a house of the number: "27 Hill Lane" typed with
  // 27 Mill Lane's postcode is a slip in the street or in the postcode, and nothing says which.
  const byName = new Map<string, GazetteerEntry[]>();
  for (const h of houses) byName.set(streetKey(h.street), [...(byName.get(streetKey(h.street)) ?? []), h]);
  const names = [...byName.keys()];
  const pairs: [GazetteerEntry, GazetteerEntry][] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      if (i === j || editDistance(names[i]!, names[j]!, 1) > 1) continue;
      const there = new Map(byName.get(names[j]!)!.map((h) => [h.buildingNumber, h]));
      for (const h of byName.get(names[i]!)!) {
        const other = there.get(h.buildingNumber);
        if (other) pairs.push([h, other]);
      }
    }
  }
  for (const [h, other] of sample(pairs)) add('typo-other-street', `${other.buildingNumber} ${other.street}`, h.postcode, rng.chance(0.5) ? h.uprn : other.uprn);
  return { cases, extraEntries, heldOutWith };
}
