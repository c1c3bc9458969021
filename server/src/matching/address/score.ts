// Scores one gazetteer candidate against a typed address. The unit (house number, flat, named
// house) must be fully explained both ways: every number typed is the candidate's house number
// or flat, and the candidate's flat is written somehow. Otherwise it is not this address at all:
// a flat never matches its building or the flat next door.
import type { HouseNumber, ParsedAddress } from '../address-normalise.ts';
import type { IndexedAddress } from './gazetteer-index.ts';
import { comparePostcodes, type Postcode } from './postcode.ts';
import { sameOrdinalOtherKind } from './sub-building.ts';
import { WEIGHTS as W } from './weights.ts';

/** 'contested': written exactly, but a word before it makes another street one slip away. */
export type StreetAgreement = 'exact' | 'contested' | 'core' | 'fuzzy' | 'none';

export interface TypedEvidence {
  parsed: ParsedAddress;
  postcode: Postcode | null;
  names: ReadonlySet<string>;
  localities: ReadonlySet<string>;
  towns: ReadonlySet<string>;
  street(candidateStreet: string): StreetAgreement;
  /** Street names written exactly (keys). */
  streetsNamed: ReadonlySet<string>;
  /** Streets one slip from the words typed (keys). */
  streetsSlipped: ReadonlySet<string>;
  /** A street named exactly that a word before it makes another street, one slip away. */
  isContested(street: string): boolean;
  /** How many localities have a street of this name. */
  streetLocalities(street: string): number;
  /** The typed postcode is not the candidate's, and is on a street one slip from the one typed. */
  postcodeOnStreetOneSlipAway(c: IndexedAddress): boolean;
  /** The addresses on the candidate's street with its house number, letters and flats included. */
  atSameNumber(c: IndexedAddress): readonly IndexedAddress[];
}

export interface Scored {
  score: number;
  reasons: string[];
  /** Evidence that can never be confident on its own terms (a loose flat label, no building). */
  capped: boolean;
}

const sameNumber = (a: HouseNumber, b: HouseNumber) => a.lo === b.lo && a.hi === b.hi && a.suffix === b.suffix;
const overlaps = (a: HouseNumber, b: HouseNumber) => a.lo <= b.hi && b.lo <= a.hi && (a.lo !== a.hi || b.lo !== b.hi);
/** A street written that is not the candidate's building name ("Mill Court" may be both). */
const notThisName = (street: string, c: IndexedAddress) => street !== c.name && !(c.name?.includes(street) ?? false);
/** A flat letter ("B") naming a flat by its floor: see IndexedAddress.floorOrder. */
const letterForFloor = (label: string, c: IndexedAddress) => c.floorOrder > 0 && /^[A-Z]$/.test(label) && label.charCodeAt(0) - 64 === c.floorOrder;

/**
 * "17B" (or "Flat B, 17") read both ways: is there, beside this candidate, the other home it could
 * be? For a flat B (by letter or floor) at 17, a house numbered 17B; for a house 17B, a flat B at 17.
 * The text cannot say which of two real homes it is, so neither is ever confident.
 */
function letterReadsBothWays(c: IndexedAddress, letter: string, t: TypedEvidence): boolean {
  for (const o of t.atSameNumber(c)) {
    if (o === c || o.number!.hi !== o.number!.lo) continue;
    if (c.sub ? !o.sub && o.number!.suffix === letter : o.sub !== null && o.number!.suffix === '' && (o.sub === letter || letterForFloor(letter, o))) return true;
  }
  return false;
}

export function scoreCandidate(c: IndexedAddress, t: TypedEvidence): Scored | null {
  const { subs, numbers } = t.parsed;
  const used = new Array<boolean>(numbers.length).fill(false);
  const reasons: string[] = [];
  let score = 0;
  let capped = false;
  let subUsed = false;

  // House number: the same number (with any letter), or a typed "10B" whose B is the flat.
  let numberAgrees = false;
  let numberLoose = false;
  let suffixForFlat = ''; // "10B" typed, the candidate is 10 with flats: B names the flat
  if (c.number) {
    const cn = c.number;
    let i = numbers.findIndex((n) => sameNumber(n, cn));
    if (i >= 0 && cn.suffix !== '' && !c.sub && letterReadsBothWays(c, cn.suffix, t)) {
      reasons.push('the letter may be a flat or a house');
      capped = true;
    }
    if (i < 0 && cn.suffix !== '') {
      // "Flat A, 10 High St" for a gazetteer "10A".
      i = numbers.findIndex((n) => n.lo === cn.lo && n.hi === cn.hi && n.suffix === '');
      if (i >= 0) {
        if (!subs.includes(cn.suffix)) i = -1;
        else subUsed = true;
      }
      if (i >= 0 && !c.sub && letterReadsBothWays(c, cn.suffix, t)) {
        reasons.push('the letter may be a flat or a house');
        capped = true;
      }
    }
    if (i < 0 && cn.suffix === '' && c.sub) {
      i = numbers.findIndex((n) => n.lo === cn.lo && n.hi === cn.hi && n.suffix !== '');
      if (i >= 0) suffixForFlat = numbers[i]!.suffix;
    }
    if (i >= 0) {
      used[i] = true;
      numberAgrees = true;
    } else {
      i = numbers.findIndex((n) => overlaps(n, cn));
      if (i >= 0) {
        used[i] = true;
        numberLoose = true;
      }
    }
  }

  // Flat label.
  // A letter for a flat listed by floor ("17A" for the ground floor flat) is only a convention,
  // not always kept: it stays 'loose', for a steward, whose decision is remembered.
  let flat: 'exact' | 'loose' | null = null;
  if (c.sub) {
    const sub = c.sub;
    if (subs.includes(sub)) flat = 'exact';
    else if (subs.some((s) => sameOrdinalOtherKind(s, sub))) flat = 'loose';
    else if (subs.length > 0) return null; // another flat written
    else if (suffixForFlat !== '') {
      if (suffixForFlat === sub) flat = 'exact';
      else if (sameOrdinalOtherKind(suffixForFlat, sub)) flat = 'loose';
      else return null;
      if (letterReadsBothWays(c, suffixForFlat, t)) {
        reasons.push('the letter may be a flat or a house');
        capped = true;
      }
    } else {
      // A bare number left over is the flat: "4 Beech Court, 5 Station Road".
      const i = numbers.findIndex((n, k) => !used[k] && n.lo === n.hi && `${n.lo}${n.suffix}` === sub);
      if (i < 0) return null; // no flat written: this is the building or another flat
      used[i] = true;
      flat = 'exact';
    }
    subUsed = true;
  } else if (subs.length > 0 && !subUsed) {
    return null; // a flat written, but the candidate is a whole house or building
  }
  if (suffixForFlat !== '' && !c.sub) return null;
  if (used.some((u) => !u)) return null; // a number typed that is not this address's

  const nameFound = c.name !== null && t.names.has(c.name);
  let nameUsedForUnit = false;
  if (c.sub) {
    if (flat === 'exact') {
      score += W.unit;
      reasons.push('flat');
    } else {
      score += W.unitLoose;
      reasons.push('flat (same position, other form)');
      capped = true;
    }
    if (numberAgrees) {
      score += W.flatBuildingNumber;
      reasons.push('house number');
    } else if (!nameFound) {
      reasons.push('building not identified');
      capped = true;
    }
  } else if (numberAgrees) {
    score += W.unit;
    reasons.push('house number');
  } else if (numberLoose) {
    score += W.unitLoose;
    reasons.push('house number (range)');
    capped = true;
  } else if (nameFound && numbers.length === 0) {
    score += W.unit;
    reasons.push('building name');
    nameUsedForUnit = true;
  } else {
    return null; // nothing says which house
  }

  // Where: the street, and a building name besides.
  const street = t.street(c.street);
  if (street === 'exact') {
    score += W.streetExact;
    reasons.push('street');
  } else if (street === 'core') {
    score += W.streetCore;
    reasons.push('street (type missing)');
  } else if (street === 'fuzzy') {
    score += W.streetFuzzy;
    reasons.push('street (fuzzy)');
  } else if (street === 'contested') {
    score += W.streetFuzzy;
    reasons.push('street (a word before it makes another street)');
    capped = true;
  }
  // A street written that is not this candidate's (nor its building's name): another address
  // with the same number or house name, found by name or postcode; or, for a street one slip
  // away, a real street written exactly ("27 Hill Lane" with Mill Lane's postcode: the slip may
  // be in the street or in the postcode). Never confident. A street within a slipped longer name
  // ("Colliery Road" in "Neew Colliery Road") is part of this one, not another.
  let otherStreet = false;
  if (street === 'none' || street === 'fuzzy') {
    for (const k of t.streetsNamed) if (!(street === 'fuzzy' && t.isContested(k)) && notThisName(k, c)) otherStreet = true;
    if (street === 'none') for (const k of t.streetsSlipped) if (notThisName(k, c)) otherStreet = true;
    if (otherStreet) {
      reasons.push('another street named');
      capped = true;
    }
  }
  if (nameFound && !nameUsedForUnit) {
    if (street === 'none' && !otherStreet) score += W.nameAlone;
    else score += W.nameWithStreet;
    reasons.push('building name');
  } else if (street === 'none') {
    capped = true; // a number and a postcode alone: too little to be sure
  }

  if (c.locality && t.localities.has(c.locality)) {
    score += W.locality;
    reasons.push('locality');
  } else {
    // A locality word inside this street's or building's own name ("Northfield Road") is not
    // another locality.
    for (const place of t.localities) {
      if (place !== c.locality && !c.street.includes(place) && !(c.name?.includes(place) ?? false)) {
        score += W.otherLocality;
        reasons.push('another locality named');
        break;
      }
    }
  }
  if (t.towns.has(c.town)) {
    score += W.town;
    reasons.push('town');
  }

  const postcode = c.postcode ? comparePostcodes(t.postcode, c.postcode) : 'none';
  // A street name found in several localities, with neither postcode nor locality to place it:
  // the address may be on the other street, in a house the gazetteer lacks. Never confident.
  if (street !== 'none' && t.streetLocalities(c.street) > 1 && !reasons.includes('locality')) {
    if (postcode !== 'full' && postcode !== 'one-off' && postcode !== 'sector') {
      reasons.push('street name in more than one locality');
      capped = true;
    }
  }

  // "27 Hill Lane" typed with a postcode of Mill Lane's: the slip may be in the street, and the
  // house on Mill Lane missing from the gazetteer. Never confident.
  if (t.postcodeOnStreetOneSlipAway(c)) {
    reasons.push('the postcode is on a street one letter away');
    capped = true;
  }

  if (c.postcode) {
    switch (postcode) {
      case 'full':
        score += W.postcodeFull;
        reasons.push('postcode (full)');
        break;
      case 'one-off':
        score += W.postcodeOneOff;
        reasons.push('postcode (one character off)');
        break;
      case 'sector':
        score += W.postcodeSector;
        reasons.push('postcode (sector)');
        break;
      case 'district':
        score += W.postcodeOtherSector;
        reasons.push('postcode (district only, other sector)');
        break;
      case 'other-district':
        score += W.postcodeElsewhere;
        reasons.push('postcode disagrees');
        break;
      case 'none':
        reasons.push('postcode (none)');
        break;
    }
  }
  return { score, reasons, capped };
}
