// The mistakes and habits of real partner extracts, applied to clean values: misspelt names,
// short forms, married and double-barrelled names, transposed dates of birth, the same address
// typed many ways, missing and mistyped postcodes. Every varied value stays VALID for the feed
// contract (the invalid rows are made separately, in rows.ts), and the truth file still carries
// the true UPRN and person, so a matcher can be scored on exactly these variations.
import type { FlatLabel, Property } from './addresses.ts';
import { isRealDate } from './dates.ts';
import type { Person } from './people.ts';
import { UNIT_LETTERS } from './postcodes.ts';
import type { Rng } from './prng.ts';
import { STREET_ABBREVIATIONS } from './streets.ts';

/** How often each variation is applied to a row that carries the value. */
export const RATES = {
  givenShortForm: 0.08,
  givenMisspelt: 0.025,
  familyMisspelt: 0.02,
  familyChanged: 0.01,
  dobTransposed: 0.015,
  postcodeMissing: 0.1,
  postcodeMistyped: 0.03,
  upperCaseName: 0.04,
} as const;

export type VariationStats = Record<string, number>;

const NAME_OK = /^[\p{L}][\p{L}\p{M} .'’-]*$/u;
const LETTER = /\p{L}/u;

function note(stats: VariationStats, kind: string): void {
  stats[kind] = (stats[kind] ?? 0) + 1;
}

/** One typo: a letter dropped, doubled or swapped with its neighbour. Never the first letter. */
export function misspell(rng: Rng, word: string): string {
  for (let attempt = 0; attempt < 6 && word.length >= 3; attempt++) {
    const i = rng.between(1, word.length - 1);
    const op = rng.int(3);
    let out: string;
    if (op === 0 && word.length > 3 && LETTER.test(word[i]!)) out = word.slice(0, i) + word.slice(i + 1);
    else if (op === 1 && LETTER.test(word[i]!)) out = word.slice(0, i + 1) + word[i]!.toLowerCase() + word.slice(i + 1);
    else if (op === 2 && i < word.length - 1 && LETTER.test(word[i]!) && LETTER.test(word[i + 1]!))
      out = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    else continue;
    if (out !== word && NAME_OK.test(out)) return out;
  }
  return word;
}

export function typedGiven(rng: Rng, p: Person, stats: VariationStats): string {
  let name = p.given;
  const r = rng.next();
  const variants = p.givenEntry?.variants ?? [];
  if (r < RATES.givenShortForm && variants.length > 0) {
    name = rng.pick(variants);
    note(stats, 'given-short-form');
  } else if (r < RATES.givenShortForm + RATES.givenMisspelt) {
    const typo = misspell(rng, name);
    if (typo !== name) note(stats, 'given-misspelt');
    name = typo;
  }
  return rng.chance(RATES.upperCaseName) ? name.toUpperCase() : name;
}

export function typedFamily(rng: Rng, p: Person, stats: VariationStats): string {
  let name = p.family;
  const r = rng.next();
  if (r < RATES.familyChanged && p.altFamily) {
    // A maiden name still on an old record, or the double barrel (or half of it).
    name = p.family.includes('-') ? p.altFamily : rng.chance(0.6) ? p.altFamily : `${p.altFamily}-${p.family}`;
    note(stats, 'family-changed');
  } else if (r < RATES.familyChanged + RATES.familyMisspelt) {
    const typo = misspell(rng, name);
    if (typo !== name) note(stats, 'family-misspelt');
    name = typo;
  }
  return rng.chance(RATES.upperCaseName) ? name.toUpperCase() : name;
}

/** Day and month swapped (when that is still a date), else two digits of the day or year swapped. */
export function typedDob(rng: Rng, dob: string, latest: string, stats: VariationStats): string {
  if (!rng.chance(RATES.dobTransposed)) return dob;
  const [y, m, d] = dob.split('-') as [string, string, string];
  const candidates: string[] = [];
  if (Number(d) <= 12 && d !== m) candidates.push(`${y}-${d}-${m}`);
  if (d[0] !== d[1]) candidates.push(`${y}-${m}-${d[1]}${d[0]}`);
  if (y[2] !== y[3]) candidates.push(`${y.slice(0, 2)}${y[3]}${y[2]}-${m}-${d}`);
  for (const c of candidates) {
    const [cy, cm, cd] = c.split('-').map(Number) as [number, number, number];
    if (isRealDate(cy, cm, cd) && c >= '1900-01-01' && c <= latest) {
      note(stats, 'dob-transposed');
      return c;
    }
  }
  return dob;
}

export function typedPostcode(rng: Rng, postcode: string, stats: VariationStats): string {
  const r = rng.next();
  if (r < RATES.postcodeMissing) {
    note(stats, 'postcode-missing');
    return '';
  }
  if (r < RATES.postcodeMissing + RATES.postcodeMistyped) {
    note(stats, 'postcode-mistyped');
    if (rng.chance(0.4)) return postcode.replace(' ', '');
    // One character wrong: a digit for a digit, a letter for a letter; never the area "MB".
    for (;;) {
      const i = rng.between(2, postcode.length - 1);
      const c = postcode[i]!;
      if (c === ' ') continue;
      const pool = /\d/.test(c) ? '0123456789' : UNIT_LETTERS;
      const swap = rng.pick([...pool].filter((x) => x !== c));
      return postcode.slice(0, i) + swap + postcode.slice(i + 1);
    }
  }
  return rng.chance(0.03) ? postcode.toLowerCase() : postcode;
}

/** "St Mary's Road" -> "St Mary's Rd" (or RD, Rd.): only the last word is the street type. */
export function abbreviateStreet(rng: Rng, street: string): string {
  const at = street.lastIndexOf(' ');
  const type = street.slice(at + 1);
  const options = STREET_ABBREVIATIONS[type];
  return options ? `${street.slice(0, at)} ${rng.pick(options)}` : street;
}

const FLOOR_FORMS = [
  ['Ground Floor Flat', 'GFF', 'Ground Floor', 'Flat 1'],
  ['First Floor Flat', 'FFF', 'First Floor', 'Flat 2'],
  ['Second Floor Flat', 'SFF', 'Second Floor', 'Flat 3'],
];
const letterOf = (index: number) => String.fromCharCode(64 + index);

/** The leading tokens for a flat: ["Flat 2", "Beech Court", "5 Station Rd"] and the like. */
function flatTokens(rng: Rng, p: Property, f: FlatLabel, street: string, numberStreet: string): string[] {
  const num = p.buildingNumber;
  const r = rng.next();
  if (f.kind === 'number') {
    if (num && r < 0.12) return [`${f.index}/${num} ${street}`]; // "2/10 High St"
    const label = r < 0.8 ? `Flat ${f.index}` : r < 0.9 ? `Apartment ${f.index}` : `Apt ${f.index}`;
    if (num && rng.chance(0.25)) return [label, numberStreet]; // "Flat 2, 10 High Street"
    return [label, p.buildingName, num && rng.chance(0.85) ? numberStreet : street];
  }
  if (f.kind === 'letter') {
    const letter = letterOf(f.index);
    if (r < 0.3) return [`${num}${letter.toLowerCase()} ${street}`]; // "10b High St"
    return [r < 0.9 ? `Flat ${letter}` : `Flat ${letter.toLowerCase()}`, numberStreet];
  }
  const forms = FLOOR_FORMS[f.index - 1] ?? [`Flat ${f.index}`];
  if (r < 0.12) return [`${num}${letterOf(f.index).toLowerCase()} ${street}`]; // "12a Park Rd"
  const form = r < 0.7 ? forms[0]! : r < 0.82 ? forms[1] ?? forms[0]! : r < 0.92 ? forms[2] ?? forms[0]! : forms[3] ?? forms[0]!;
  return [form, numberStreet];
}

/** An address as a busy person typed it into a partner system. */
export function typedAddress(rng: Rng, p: Property, stats: VariationStats): string {
  const abbreviated = rng.chance(0.3);
  const street = abbreviated ? abbreviateStreet(rng, p.street) : p.street;
  const numberStreet = p.buildingNumber ? `${p.buildingNumber} ${street}` : street;
  const tokens = p.flat
    ? flatTokens(rng, p, p.flat, street, numberStreet)
    : [...(p.buildingName && (!p.buildingNumber || rng.chance(0.5)) ? [p.buildingName] : []), numberStreet];
  if (rng.chance(0.55)) tokens.push(p.locality);
  if (rng.chance(0.6)) tokens.push(p.town);

  const j = rng.next();
  let text: string;
  if (j < 0.78) text = tokens.join(', ');
  else if (j < 0.93) text = tokens.join(' ');
  else {
    // Stray commas: "27, Mill Lane, , Mastbury" or a trailing one.
    text = rng.chance(0.5) ? tokens.join(', , ') : `${tokens.join(', ')},`;
    note(stats, 'address-extra-commas');
  }
  const c = rng.next();
  if (c < 0.1) text = text.toUpperCase();
  else if (c < 0.14) text = text.toLowerCase();
  if (abbreviated) note(stats, 'address-abbreviated');
  return text;
}
