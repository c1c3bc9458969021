// UK address normalisation: a typed address into the parts matching compares (flat labels,
// house numbers, runs of words for street, building and place names, and any postcode written
// inside it). General UK address habits, not one partner's: see address-normalise.test.ts.
import { findPostcodeInText, parsePostcode, type Postcode } from './address/postcode.ts';
import { readSubBuilding } from './address/sub-building.ts';
import { resolveSaintOrStreet, tokenise } from './address/tokens.ts';

export { parsePostcode, type Postcode } from './address/postcode.ts';

/** A house number: "10" (10-10), "10B" (suffix B), "10-12" (a range). */
export interface HouseNumber {
  raw: string;
  lo: number;
  hi: number;
  suffix: string;
}

export interface ParsedAddress {
  /** Flat labels written explicitly, canonical ("2", "B", "F0" for the ground floor flat). */
  subs: string[];
  /** Bare numbers: the house number, or a flat written without "Flat" ("4 Beech Court"). */
  numbers: HouseNumber[];
  /** Runs of words between numbers and commas, ST resolved: street, building and place names. */
  runs: string[][];
  /** A postcode found inside the address text. */
  postcode: Postcode | null;
}

const NUMBER = /^0*(\d+)([A-Z]?)$/;
const RANGE = /^0*(\d+)[A-Z]?-0*(\d+)[A-Z]?$/;

export function parseHouseNumber(raw: string): HouseNumber | null {
  const m = NUMBER.exec(raw);
  if (m) {
    const n = Number(m[1]);
    return { raw, lo: n, hi: n, suffix: m[2]! };
  }
  const r = RANGE.exec(raw);
  if (r) {
    const lo = Number(r[1]);
    const hi = Number(r[2]);
    if (hi > lo) return { raw, lo, hi, suffix: '' };
  }
  return null;
}

export function parseAddress(text: string): ParsedAddress {
  let upper = text.toUpperCase();
  const found = findPostcodeInText(upper);
  if (found) upper = `${upper.slice(0, found.start)},${upper.slice(found.end)}`;
  const subs: string[] = [];
  const numbers: HouseNumber[] = [];
  const runs: string[][] = [];
  // Words between numbers and flats form runs ("HIGH STREET"); a run ends at either, and at
  // the end of a part. (No inner helper: it would be a closure per part of every address.)
  for (const part of tokenise(upper)) {
    let run: string[] = [];
    for (let i = 0; i < part.length; ) {
      const sub = readSubBuilding(part, i);
      const t = part[i]!;
      const n = sub ? null : /^\d/.test(t) ? parseHouseNumber(t) : null;
      if (sub || n) {
        if (sub) subs.push(sub.label);
        else numbers.push(n!);
        if (run.length > 0) runs.push(resolveSaintOrStreet(run));
        run = [];
        i += sub ? sub.used : 1;
        continue;
      }
      run.push(t);
      i++;
    }
    if (run.length > 0) runs.push(resolveSaintOrStreet(run));
  }
  return { subs, numbers, runs, postcode: found?.postcode ?? null };
}

/** "mb34rt" -> "MB3 4RT"; null when it is not shaped like a UK postcode. */
export function normalisePostcode(text: string | null | undefined): string | null {
  return parsePostcode(text)?.full ?? null;
}
