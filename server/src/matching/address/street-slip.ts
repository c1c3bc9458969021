// Where a typed street may be one slip (a letter dropped, doubled, changed or two swapped) from a
// gazetteer street: in its name ("Mil Lane") or in its type ("Mill Lnae", "High Steet"), but a
// street type written is never read as another ("Mill Road" is not Mill Lane, "Mill Row" is not
// Mill Road: streets of one name and several types are common). This file is the one place
// that rule lives; how much a slip counts is in weights.ts.
import { editDistance, OneEditIndex } from './fuzzy.ts';
import type { GazetteerIndex } from './gazetteer-index.ts';
import { foldWord, STREET_TYPES } from './tokens.ts';

const TYPES_BY_SLIP = new OneEditIndex<string>(3);
for (const type of STREET_TYPES) TYPES_BY_SLIP.add(type, type);
const NONE: readonly string[] = [];

const lastWord = (key: string) => key.slice(key.lastIndexOf(' ') + 1);

/**
 * The street types a typed word is one slip from ("LNAE" -> LANE, "STEET" -> STREET). None for a
 * street type itself, nor for a word of one or two letters (an initial, not a slipped type).
 */
export function slippedStreetTypes(word: string): readonly string[] {
  if (word.length < 3 || STREET_TYPES.has(word) || word === 'ST') return NONE;
  const near = TYPES_BY_SLIP.near(word);
  return near.length === 0 ? NONE : near.map((n) => n.key);
}

/**
 * Whether a run of typed words (its folded key, and its last word as typed) is one slip from a
 * street's key: the slip in the name with the type as the street's, or the name as the street's
 * with the type slipped. Keys fold Street to ST, so a slipped type is compared written out.
 */
export function isOneSlipFrom(typedKey: string, typedLast: string, street: string, streetLast = lastWord(street)): boolean {
  if (foldWord(typedLast) === streetLast) return editDistance(typedKey, street, 1) <= 1;
  const type = streetLast === 'ST' ? 'STREET' : streetLast;
  const prefix = street.length - streetLast.length; // the name and its space
  if (Math.abs(typedKey.length - prefix - type.length) > 1 || typedKey.lastIndexOf(' ') !== prefix - 1) return false;
  return prefix > 0 && street.startsWith(typedKey.slice(0, prefix)) && slippedStreetTypes(typedLast).includes(type);
}

/** The gazetteer's streets one slip from a run of typed words, found by index (see isOneSlipFrom). */
export function streetsOneSlipFrom(index: GazetteerIndex, typedKey: string, typedLast: string): string[] {
  const out: string[] = [];
  const last = foldWord(typedLast);
  for (const near of index.fuzzyStreets.near(typedKey)) if (lastWord(near.key) === last) out.push(near.key);
  const space = typedKey.lastIndexOf(' ');
  if (space > 0) {
    for (const type of slippedStreetTypes(typedLast)) {
      const key = `${typedKey.slice(0, space)} ${foldWord(type)}`;
      if (index.streets.has(key)) out.push(key);
    }
  }
  return out;
}
