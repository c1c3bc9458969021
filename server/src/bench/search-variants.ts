// What officers, crews and social workers type into the address search, made from gazetteer
// addresses: whole addresses with and without the postcode, mast's own printed label, short
// street types, any case and stray punctuation, flats as "Flat 3, 17 ...", "3/17 ..." and
// "17B ...", a slip in the street or the postcode, and the first 3, 6 or 10 characters of an
// address still being typed. Each query knows the address it was made from. Seeded: the same
// seed makes the same queries.
import { Rng } from '../demo/prng.ts';
import { STREET_ABBREVIATIONS } from '../demo/streets.ts';
import { gazetteerSubLabel } from '../matching/address/sub-building.ts';
import { tokenise } from '../matching/address/tokens.ts';
import type { SearchAddressRow } from '../lookup/search/search-index.ts';

export type VariantAddress = Omit<SearchAddressRow, 'parentUprn'>;

export const WHOLE_KINDS = [
  'label',
  'with-postcode',
  'without-postcode',
  'abbreviated',
  'case-and-punctuation',
  'flat-comma',
  'flat-slash',
  'flat-letter',
  'street-slip',
  'postcode-slip',
] as const;
export const PARTIAL_KINDS = ['partial-3', 'partial-6', 'partial-10'] as const;
export type VariantKind = (typeof WHOLE_KINDS)[number] | (typeof PARTIAL_KINDS)[number];

export interface Variant {
  kind: VariantKind;
  query: string;
  uprn: number;
}

/** The house part: "27", "Rose Cottage, 4", "Flat 3, Beech Court, 5", "Flat 3, Churchill Tower". */
function unitPart(a: VariantAddress, rng: Rng): string {
  const parts: string[] = [];
  if (a.subBuilding) parts.push(a.subBuilding);
  // A block's name is often left out when its number is given.
  if (a.buildingName && (!a.buildingNumber || rng.chance(0.5))) parts.push(a.buildingName);
  return parts.join(', ');
}

function numberStreet(a: VariantAddress, street = a.street): string {
  return a.buildingNumber ? `${a.buildingNumber} ${street}` : street;
}

function join(...parts: (string | null | undefined | false)[]): string {
  return parts.filter(Boolean).join(', ');
}

/** One slip in a word: a letter dropped, doubled, swapped with the next, or another typed. */
export function slip(rng: Rng, word: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.between(1, word.length - 1);
    const op = rng.int(4);
    let out: string;
    if (op === 0) out = word.slice(0, i) + word.slice(i + 1);
    else if (op === 1) out = word.slice(0, i + 1) + word[i] + word.slice(i + 1);
    else if (op === 2 && i < word.length - 1) out = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    else out = word.slice(0, i) + rng.pick([...letters].filter((c) => c !== word[i]!.toLowerCase())) + word.slice(i + 1);
    if (out.toLowerCase() !== word.toLowerCase()) return out;
  }
  return word;
}

/** One character of the postcode wrong (a digit for a digit, a letter for a letter), or two swapped. */
function postcodeSlip(rng: Rng, postcode: string): string {
  for (;;) {
    const i = rng.between(1, postcode.length - 1);
    const c = postcode[i]!;
    if (c === ' ') continue;
    if (rng.chance(0.3) && i < postcode.length - 1 && postcode[i + 1] !== ' ' && postcode[i + 1] !== c) {
      return postcode.slice(0, i) + postcode[i + 1] + c + postcode.slice(i + 2);
    }
    const pool = /\d/.test(c) ? '0123456789' : 'ABDEFGHJLNPQRSTUWXYZ';
    return postcode.slice(0, i) + rng.pick([...pool].filter((x) => x !== c)) + postcode.slice(i + 1);
  }
}

function abbreviate(rng: Rng, street: string): string | null {
  const at = street.lastIndexOf(' ');
  const options = STREET_ABBREVIATIONS[street.slice(at + 1)];
  return options ? `${street.slice(0, at)} ${rng.pick(options)}` : null;
}

/** The street with one slip in its longest name word; null when no word is long enough. */
function streetSlip(rng: Rng, street: string): string | null {
  const words = street.split(' ');
  const type = words.length > 1 ? words.length - 1 : -1;
  let at = -1;
  words.forEach((w, i) => {
    if (i !== type && w.length >= 5 && (at < 0 || w.length > words[at]!.length)) at = i;
  });
  if (at < 0) return null;
  words[at] = slip(rng, words[at]!);
  return words.join(' ');
}

/** Every kind of query that can be made from this address (flat forms only for flats). */
export function variantsOf(a: VariantAddress, rng: Rng): Variant[] {
  const out: Variant[] = [];
  const add = (kind: VariantKind, query: string | null) => {
    if (query) out.push({ kind, query, uprn: a.uprn });
  };
  const unit = unitPart(a, rng);
  const place = rng.chance(0.5) ? a.locality : join(a.locality, a.town);

  add('label', a.label);
  add('with-postcode', join(unit, numberStreet(a), rng.chance(0.3) && a.town, a.postcode));
  add('without-postcode', join(unit, numberStreet(a), place));
  const short = abbreviate(rng, a.street);
  if (short) add('abbreviated', join(unit, numberStreet(a, short), rng.chance(0.5) ? a.postcode : place));
  const plain = join(unit, numberStreet(a), place);
  const r = rng.next();
  add(
    'case-and-punctuation',
    r < 0.4 ? plain.toLowerCase().replace(/,/g, '') : r < 0.7 ? `${plain.toUpperCase()}.` : plain.replace(/, /g, rng.chance(0.5) ? ' , , ' : '. ').toLowerCase(),
  );

  const flat = a.subBuilding ? gazetteerSubLabel(tokenise(a.subBuilding).flat()) : null;
  if (flat && a.buildingNumber) {
    add('flat-comma', join(/^F\w+$/.test(flat) ? a.subBuilding : `Flat ${flat}`, numberStreet(a), place));
    if (/^\d+$/.test(flat)) add('flat-slash', join(`${flat}/${numberStreet(a)}`, place));
    if (/^[A-Z]$/.test(flat)) add('flat-letter', join(`${a.buildingNumber}${rng.chance(0.5) ? flat : flat.toLowerCase()} ${a.street}`, place));
  } else if (flat && a.buildingName) {
    add('flat-comma', join(`Flat ${flat}`, a.buildingName, a.street, place));
  }

  const slipped = streetSlip(rng, a.street);
  if (slipped) add('street-slip', join(unit, numberStreet(a, slipped), place));
  add('postcode-slip', join(unit, numberStreet(a), postcodeSlip(rng, a.postcode)));

  const typing = join(unit, numberStreet(a), a.locality).toLowerCase();
  for (const [kind, n] of [['partial-3', 3], ['partial-6', 6], ['partial-10', 10]] as const) {
    if (typing.length > n) add(kind, typing.slice(0, n).trimEnd());
  }
  return out;
}

/** Queries made from `count` addresses drawn from the gazetteer, and as many again from its flats. */
export function makeVariants(addresses: readonly VariantAddress[], seed: number, count: number): Variant[] {
  const rng = new Rng(seed, 'search-variants');
  const flats = addresses.filter((a) => a.subBuilding);
  const out: Variant[] = [];
  for (let i = 0; i < count; i++) out.push(...variantsOf(rng.pick(addresses), rng));
  for (let i = 0; i < count && flats.length > 0; i++) out.push(...variantsOf(rng.pick(flats), rng).filter((v) => v.kind.startsWith('flat-')));
  return out;
}
