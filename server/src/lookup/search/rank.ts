// How well one gazetteer address agrees with what was typed, in points. What agrees exactly
// outranks what agrees partly: a whole postcode, the house number and flat, the whole street
// name and the locality come first; a word half typed or a slip away counts for less; a word
// typed that names nothing of this address, a number that is not its number, or a postcode
// that is not its postcode counts against it. Every weight is here, and the tests in
// address-search.test.ts are the cases they were set by.
import type { HouseNumber } from '../../matching/address-normalise.ts';
import { comparePostcodes } from '../../matching/address/postcode.ts';
import { sameOrdinalOtherKind } from '../../matching/address/sub-building.ts';
import { Role, type Place, type SearchAddress } from './search-index.ts';
import type { SearchQuery } from './search-query.ts';
import type { WordMatches } from './word-matches.ts';

export const WEIGHTS = {
  /** Per typed word, by the part the gazetteer word it matched plays (times how surely it matched). */
  word: { [Role.Building]: 10, [Role.StreetName]: 12, [Role.StreetType]: 4, [Role.Locality]: 10, [Role.Town]: 2 } as Record<Role, number>,
  /** Every word of the street (or building) named, each exactly; or some only nearly. */
  wholeName: 10,
  wholeNameNearly: 5,
  /** A word of a street (or building) that was partly named, left out: "Wheatley Road" is not "New Wheatley Road". */
  nameWordLeftOut: -6,
  streetTypeLeftOut: -2,
  /** A typed word that names nothing of this address (the last word, perhaps unfinished, less so). */
  wordUnexplained: -12,
  lastWordUnexplained: -6,

  unit: {
    /** The house (or building) number typed, and nothing more. */
    exact: 30,
    /** House number and flat both. */
    flat: 40,
    /** The flat at the same position written another way (Flat A for the ground floor flat). */
    flatLoose: 28,
    /** The building of the flat typed: the right place when the gazetteer lacks that flat. */
    buildingOfFlat: 15,
    /** A flat in the house typed, when no flat was named. */
    inBuilding: 12,
    /** 17 for 17B or 17B for 17, a range for a number in it. */
    near: 10,
    /** Another flat of the building typed. */
    otherFlat: 4,
    mismatch: -30,
  },

  postcode: {
    full: 40,
    /** One character off or two swapped: most often a typing slip. */
    oneOff: 20,
    sector: -8,
    district: -15,
    elsewhere: -25,
    /** The postcode starts as typed (outward code; or with its sector too). */
    start: 8,
    startWithSector: 12,
    startDisagrees: -20,
  },
} as const;

export interface WordScore {
  points: number;
  /** Typed words this place's name explains. */
  explained: number;
  /** Its street's or building's every word was named (exactly, or nearly). */
  wholeName: boolean;
  /** A word of its building's name was typed; every word of it, exactly. */
  buildingNamed: boolean;
  buildingWhole: boolean;
  /** The least sure of the matches made (1 when all exact; 0 when nothing matched). */
  weakest: number;
}

/**
 * Pairs typed words with the place's words, best pairs first, each word used once: "Northfield"
 * goes to the locality of Mill Lane, Northfield, and "Mill" to its street.
 */
export function scorePlaceWords(place: Place, matches: readonly WordMatches[], last: number): WordScore {
  const n = place.words.length;
  // Candidate pairs, in reused buffers: a broad query scores thousands of places.
  let pairs = 0;
  for (let q = 0; q < matches.length; q++) {
    const m = matches[q]!;
    for (let w = 0; w < n; w++) {
      const sure = m.get(place.words[w]!);
      if (sure === undefined || pairs >= MAX_PAIRS) continue;
      const points = WEIGHTS.word[place.roles[w] as Role] * sure;
      // Insertion by points, best first (few pairs: a place has a handful of words).
      let k = pairs++;
      while (k > 0 && PAIR_POINTS[k - 1]! < points) {
        PAIR_POINTS[k] = PAIR_POINTS[k - 1]!;
        PAIR_Q[k] = PAIR_Q[k - 1]!;
        PAIR_W[k] = PAIR_W[k - 1]!;
        PAIR_SURE[k] = PAIR_SURE[k - 1]!;
        k--;
      }
      PAIR_POINTS[k] = points;
      PAIR_Q[k] = q;
      PAIR_W[k] = w;
      PAIR_SURE[k] = sure;
    }
  }
  TYPED_USED.fill(0, 0, matches.length);
  WORD_SURE.fill(0, 0, n);
  let points = 0;
  let explained = 0;
  let weakest = pairs > 0 ? 1 : 0;
  for (let k = 0; k < pairs; k++) {
    const q = PAIR_Q[k]!;
    const w = PAIR_W[k]!;
    if (TYPED_USED[q] || WORD_SURE[w]! > 0) continue;
    TYPED_USED[q] = 1;
    WORD_SURE[w] = PAIR_SURE[k]!;
    points += PAIR_POINTS[k]!;
    explained++;
    if (PAIR_SURE[k]! < weakest) weakest = PAIR_SURE[k]!;
  }
  for (let q = 0; q < matches.length; q++) {
    if (!TYPED_USED[q]) points += q === last ? WEIGHTS.lastWordUnexplained : WEIGHTS.wordUnexplained;
  }

  // A street, and a building, is judged whole or partly named only if any of its words was typed.
  let wholeName = false;
  let buildingNamed = false;
  let buildingWhole = false;
  for (const building of [false, true]) {
    let named = 0;
    let size = 0;
    let allExact = true;
    for (let w = 0; w < n; w++) {
      if ((place.roles[w] === Role.Building) !== building || place.roles[w]! >= Role.Locality) continue;
      size++;
      if (WORD_SURE[w]! > 0) {
        named++;
        if (WORD_SURE[w]! < 1) allExact = false;
      }
    }
    if (named === 0) continue;
    if (building) buildingNamed = true;
    if (named === size) {
      points += allExact ? WEIGHTS.wholeName : WEIGHTS.wholeNameNearly;
      wholeName = true;
      if (building && allExact) buildingWhole = true;
      continue;
    }
    for (let w = 0; w < n; w++) {
      const role = place.roles[w]!;
      if ((role === Role.Building) !== building || role >= Role.Locality || WORD_SURE[w]! > 0) continue;
      points += role === Role.StreetType ? WEIGHTS.streetTypeLeftOut : WEIGHTS.nameWordLeftOut;
    }
  }
  return { points, explained, wholeName, buildingNamed, buildingWhole, weakest };
}

const MAX_PAIRS = 256;
const PAIR_POINTS = new Float64Array(MAX_PAIRS);
const PAIR_SURE = new Float64Array(MAX_PAIRS);
const PAIR_Q = new Int32Array(MAX_PAIRS);
const PAIR_W = new Int32Array(MAX_PAIRS);
const TYPED_USED = new Uint8Array(MAX_PAIRS);
const WORD_SURE = new Float64Array(MAX_PAIRS);

export type UnitAgreement = keyof typeof WEIGHTS.unit | 'none';

const same = (a: HouseNumber, b: HouseNumber) => a.lo === b.lo && a.hi === b.hi && a.suffix === b.suffix;
const sameBase = (a: HouseNumber, b: HouseNumber) => a.lo === b.lo && a.hi === b.hi;
const overlaps = (a: HouseNumber, b: HouseNumber) => a.lo <= b.hi && b.lo <= a.hi;
const flatAs = (label: string, sub: string): 'flat' | 'flatLoose' | null =>
  label === sub ? 'flat' : sameOrdinalOtherKind(label, sub) ? 'flatLoose' : null;

/**
 * How the house numbers and flats typed agree with an address's own. `buildingNamed`: a word of
 * the address's building name was typed (so a bare number may be a flat in it).
 */
export function unitAgreement(a: SearchAddress, q: Pick<SearchQuery, 'numbers' | 'subs'>, buildingNamed: boolean): UnitAgreement {
  const { numbers, subs } = q;
  if (numbers.length === 0 && subs.length === 0) return 'none';
  const own = a.number;

  // Two bare numbers: the flat, then the house ("3, 17 Mill Lane", "3 17 Mill Lane").
  const house = numbers.length > 1 ? numbers.length - 1 : -1;

  if (a.sub === null) {
    // A house, or a building: its number must be the number typed.
    const i = own ? numbers.findIndex((n, k) => same(n, own) && (house < 0 || k === house)) : -1;
    if (i >= 0) return subs.length > 0 || house >= 0 ? (a.units > 0 ? 'buildingOfFlat' : 'near') : 'exact';
    if (own && numbers.some((n, k) => sameBase(n, own) && (house < 0 || k === house))) return a.units > 0 && own.suffix === '' ? 'buildingOfFlat' : 'near';
    if (own && house < 0 && numbers.some((n) => overlaps(n, own))) return 'near';
    // A named block with no number: a number typed with its name is a flat in it.
    if (!own && buildingNamed && a.units > 0 && (subs.length > 0 || numbers.length === 1)) return 'buildingOfFlat';
    return 'mismatch';
  }

  // A flat: the building's number (when it has one) and the flat, each written some way.
  const sub = a.sub;
  const building = own ? numbers.findIndex((n, k) => sameBase(n, own) && (house < 0 || k === house)) : -1;
  if (own && numbers.length > 0 && building < 0) return 'mismatch';
  if (subs.length > 0) {
    if (numbers.length > (building >= 0 ? 1 : 0)) return 'mismatch';
    for (const s of subs) {
      const as = flatAs(s, sub);
      if (as) return as;
    }
    return 'otherFlat';
  }
  if (building >= 0) {
    // "17B": the letter is the flat. "3, 17 Mill Lane": the first number is.
    const typed = numbers[building]!;
    if (house < 0) return typed.suffix !== '' ? (flatAs(typed.suffix, sub) ?? 'otherFlat') : 'inBuilding';
    const flat = numbers[0]!;
    return flat.lo === flat.hi ? (flatAs(`${flat.lo}${flat.suffix}`, sub) ?? 'otherFlat') : 'mismatch';
  }
  // "4 Beech Court": in a block with no number, the one number typed is the flat, if the block
  // was named ("14 Hawthorn Road" is the house, before flat 14 of a tower on that road).
  if (!own && numbers.length === 1 && numbers[0]!.lo === numbers[0]!.hi) {
    const as = flatAs(`${numbers[0]!.lo}${numbers[0]!.suffix}`, sub);
    if (!buildingNamed) return as ? 'near' : 'mismatch';
    return as === 'flat' ? 'exact' : (as ?? 'otherFlat');
  }
  return 'mismatch';
}

export type PostcodeAgreement = keyof typeof WEIGHTS.postcode | 'none';

export function postcodeAgreement(a: SearchAddress, q: Pick<SearchQuery, 'postcode' | 'postcodeStart'>): PostcodeAgreement {
  if (q.postcode) {
    if (!a.postcode) return 'elsewhere';
    const agreement = comparePostcodes(q.postcode, a.postcode);
    return agreement === 'one-off' ? 'oneOff' : agreement === 'other-district' ? 'elsewhere' : agreement === 'none' ? 'elsewhere' : agreement;
  }
  if (q.postcodeStart) {
    if (!a.compactPostcode.startsWith(q.postcodeStart)) return 'startDisagrees';
    return q.postcodeStart.length > (a.postcode?.outward.length ?? 4) ? 'startWithSector' : 'start';
  }
  return 'none';
}

export const unitPoints = (u: UnitAgreement): number => (u === 'none' ? 0 : WEIGHTS.unit[u]);
export const postcodePoints = (p: PostcodeAgreement): number => (p === 'none' ? 0 : WEIGHTS.postcode[p]);
