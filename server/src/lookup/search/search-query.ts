// What someone typed into the address search, read into the parts it is ranked by: a postcode
// (whole, or the start of one), house numbers and flats, and the words that name a building,
// street, locality or town. Written for a phone's search box: any case, any punctuation, the
// label mast prints, "3/17", "17B", "Flat 3, 17 ...", abbreviations, and a last word still being typed.
import { parseHouseNumber, type HouseNumber } from '../../matching/address-normalise.ts';
import { findPostcodeInText, type Postcode } from '../../matching/address/postcode.ts';
import { FLAT_WORDS, readSubBuilding } from '../../matching/address/sub-building.ts';
import { tokenise } from '../../matching/address/tokens.ts';

export interface QueryWord {
  /** The word as the search compares it (upper case, abbreviation written out: "RD" -> "ROAD"). */
  text: string;
  /** The word as typed, when writing it out changed it: the last word "LA" may be "Larch" half typed. */
  typed: string | null;
  /** The last word of the query: perhaps not finished, so a word it begins counts too. */
  last: boolean;
}

export interface SearchQuery {
  words: QueryWord[];
  /** Bare numbers: a house number, or a flat written without "Flat" ("3, 17 Mill Lane"). */
  numbers: HouseNumber[];
  /** Flat labels written explicitly, canonical ("3", "B", "F0" for the ground floor flat). */
  subs: string[];
  /** A whole postcode written anywhere in the query. */
  postcode: Postcode | null;
  /** The start of a postcode, without spaces ("MB3", "MB34", "MB34R"), when no whole one was written. */
  postcodeStart: string | null;
}

// An outward code ("MB3", "MB12"), perhaps with the sector digit and a letter run together ("MB34R").
const POSTCODE_START = /^[A-Z]{1,2}\d[A-Z\d]?(\d[A-Z]?)?$/;
const SECTOR_START = /^\d[A-Z]?$/;

/**
 * `isPostcodeStart` says whether any postcode starts so: a token shaped like the start of one
 * that starts none ("Y0A" from "MB8 Y0A", a slip) is no postcode start, and no word either.
 */
export function parseSearchQuery(text: string, isPostcodeStart: (compact: string) => boolean = () => true): SearchQuery {
  let upper = text.toUpperCase();
  const whole = findPostcodeInText(upper);
  if (whole) upper = `${upper.slice(0, whole.start)},${upper.slice(whole.end)}`;

  const parts = tokenise(upper);
  const numbers: HouseNumber[] = [];
  const subs: string[] = [];
  const words: QueryWord[] = [];
  let postcodeStart: string | null = null;

  parts.forEach((part, p) => {
    for (let i = 0; i < part.length; ) {
      const t = part[i]!;
      const sub = readSubBuilding(part, i);
      if (sub) {
        subs.push(sub.label);
        i += sub.used;
        continue;
      }
      if (/^\d/.test(t)) {
        const n = parseHouseNumber(t);
        if (n) numbers.push(n);
        i++;
        continue;
      }
      if (POSTCODE_START.test(t)) {
        // "MB3 4" as the query ends: the sector digit belongs to the postcode, not a house.
        const next = part[i + 1];
        const ends = p === parts.length - 1 && i + 2 === part.length;
        const free = !whole && postcodeStart === null;
        if (next !== undefined && ends && SECTOR_START.test(next) && t.length <= 4 && free && isPostcodeStart(t + next)) {
          postcodeStart = t + next;
          i += 2;
          continue;
        }
        if (free && isPostcodeStart(t)) postcodeStart = t;
        i++;
        continue;
      }
      // "Flat" with no label yet (still typing), "No": not a word of any name.
      if (!FLAT_WORDS.has(t) && t !== 'NO') words.push({ text: t, typed: null, last: p === parts.length - 1 && i === part.length - 1 });
      i++;
    }
  });

  const last = words[words.length - 1];
  if (last?.last) {
    // Abbreviations are written out by tokenise; the last word as typed may be the start of another.
    const typed = /([A-Za-z]+)[^A-Za-z0-9]*$/.exec(text)?.[1]?.toUpperCase();
    if (typed && typed !== last.text) last.typed = typed;
  }
  return { words, numbers, subs, postcode: whole?.postcode ?? null, postcodeStart };
}
