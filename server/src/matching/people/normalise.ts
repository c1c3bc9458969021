// Turning what partner systems type into comparable values. Every comparison and blocking key
// works on these forms, computed once per record, so the hot loop never touches raw strings.

const ASCII = /^[\x00-\x7f]*$/;

/** Accents taken off ("á" -> "a"). ASCII text, nearly every row, has none and skips the
 * Unicode decomposition, the costliest step in reading a person's street. */
function foldAccents(raw: string): string {
  return ASCII.test(raw) ? raw : raw.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Lower case ASCII letters only: accents folded ("Siobhán" -> "siobhan"), punctuation dropped. */
export function normaliseName(raw: string | undefined): string {
  if (!raw) return '';
  return foldAccents(raw)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * The parts of a family name ("Smith-Jones", "Bonham Carter" -> ["smith", "jones"]), so one
 * half of a double barrel or a married name can still agree. Single names give one part.
 */
export function nameParts(raw: string | undefined): string[] {
  if (!raw) return [];
  return foldAccents(raw)
    .toLowerCase()
    .split(/[\s\-‐–]+/)
    .map((p) => p.replace(/[^a-z]/g, ''))
    .filter((p) => p.length > 0);
}

const SUFFIXES: Record<string, number> = { jr: 1, jnr: 1, junior: 1, ii: 1, sr: 2, snr: 2, senior: 2, iii: 3 };

/**
 * A generational suffix typed after a name ("John Jr", "Smith Snr", "Smith II"), taken off:
 * `name` is the rest, `suffix` 1 for junior (or II), 2 for senior, 3 for III, 0 for none. Only a
 * last word of two or more is read as a suffix, so a name that is only "Junior" stays a name.
 */
export function splitSuffix(raw: string): { name: string; suffix: number } {
  // Every suffix ends in r, i or a full stop: a name ending in another letter has none (most
  // names; this runs twice a row, and the test spares the trim and the expression).
  const last = raw.charCodeAt(raw.length - 1) | 0x20;
  if (last >= 97 && last <= 122 && last !== 114 && last !== 105) return { name: raw, suffix: 0 };
  const m = /^(.*[^\s,])[\s,]+(jr|jnr|junior|ii|sr|snr|senior|iii)\.?$/i.exec(raw.trim());
  return m ? { name: m[1]!, suffix: SUFFIXES[m[2]!.toLowerCase()]! } : { name: raw, suffix: 0 };
}

/** The first given name only: "Mary Ann" compares as "mary" for nicknames and blocking. */
export function firstGivenName(raw: string | undefined): string {
  const parts = nameParts(raw);
  return parts[0] ?? '';
}

export interface DobParts {
  /** YYYYMMDD as an 8-digit number, or -1 when unknown. Digits are kept even for impossible
   * months or days: a corrupted date still agrees digit by digit with the true one. */
  digits: number;
  year: number;
  month: number;
  day: number;
}

const NO_DOB: DobParts = { digits: -1, year: -1, month: -1, day: -1 };

/** Accepts YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD; anything else is unknown. */
export function parseDob(raw: string | undefined): DobParts {
  if (!raw) return NO_DOB;
  const s = raw.trim().replace(/[-/.]/g, '');
  if (!/^\d{8}$/.test(s)) return NO_DOB;
  const digits = Number(s);
  return { digits, year: Math.floor(digits / 10000), month: Math.floor(digits / 100) % 100, day: digits % 100 };
}

/** "mb1 4ab", "MB14AB" -> "MB14AB"; '' when blank. */
export function normalisePostcode(raw: string | undefined): string {
  if (!raw) return '';
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

/**
 * The outward code ("MB14AB" -> "MB1") for UK-shaped postcodes: neighbours and movers within a
 * district share it. Other postcodes (FEBRL's four digits) have no district: ''.
 */
export function postcodeDistrict(pc: string): string {
  if (!UK_POSTCODE.test(pc)) return '';
  return pc.slice(0, pc.length - 3);
}

export function normaliseSex(raw: string | undefined): string {
  if (!raw) return '';
  const s = raw.trim().toUpperCase();
  if (s === 'M' || s === 'MALE') return 'M';
  if (s === 'F' || s === 'FEMALE') return 'F';
  // U (unknown) and X (not specified) carry no evidence either way.
  return '';
}

/** Digits only; '' when blank. */
export function normaliseIdentifier(raw: string | undefined): string {
  if (!raw) return '';
  return raw.replace(/\D/g, '');
}

/** NHS numbers carry a modulus 11 check digit: an invalid one is a typo, so it is treated as missing. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

// Street-type abbreviations as partner systems type them, to the full word.
export const STREET_WORDS: Record<string, string> = {
  st: 'street', rd: 'road', ave: 'avenue', av: 'avenue', cl: 'close', cres: 'crescent', cr: 'crescent',
  dr: 'drive', ln: 'lane', pl: 'place', ct: 'court', gdns: 'gardens', gdn: 'gardens', sq: 'square',
  tce: 'terrace', ter: 'terrace', gr: 'grove', gro: 'grove', pde: 'parade', hwy: 'highway', wy: 'way',
  cct: 'circuit', crt: 'court', mws: 'mews', pk: 'park', est: 'estate',
};
// Sub-building words: "Flat 2, 10 High St" is number 10 of High Street (the flat is the UPRN's job).
export const SUB_BUILDING = new Set(['flat', 'apartment', 'apt', 'unit', 'room', 'floor', 'ground', 'first', 'second', 'basement', 'maisonette']);

export interface StreetParts {
  /** The building number ("10", "10b"); '' when none. */
  number: string;
  /** The street in lower case with its type spelled out and spaces dropped ("highstreet"), so a
   * stray space ("high s treet") still agrees; '' when none. */
  street: string;
}

/** The key a stored person record keeps for its building number and street: "10 highstreet"
 * (read back by parseStreet as the same parts), or null without both. */
export function streetKey(number: string, street: string): string | null {
  return number && street ? `${number} ${street}` : null;
}

/** Letters and digits: what a street's words are made of (anything else separates them). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function skipSeparators(s: string, i: number): number {
  while (i < s.length && !isWordCode(s.charCodeAt(i))) i++;
  return i;
}

function wordEnd(s: string, i: number): number {
  while (i < s.length && isWordCode(s.charCodeAt(i))) i++;
  return i;
}

function hasDigit(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** A flat's number or letter after a sub-building word: "2", "2a" or "b". */
function isFlatLabel(s: string, from: number, to: number): boolean {
  if (to - from === 1) return true; // one letter or one digit
  let i = from;
  while (i < to && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i > from && (i === to || (i === to - 1 && s.charCodeAt(i) >= 97));
}

/**
 * "Flat 2, 10 High St." -> { number: "10", street: "highstreet" }. The building number is the
 * last number before the street's words; a sub-building's number ("Flat 2", "2/10") is dropped.
 * Read word by word over the string (this runs for nearly every feed row, whose addresses are
 * mostly distinct): no array of words is built.
 */
export function parseStreet(raw: string | undefined): StreetParts {
  if (!raw) return { number: '', street: '' };
  let s = foldAccents(raw).toLowerCase();
  if (s.indexOf('/') >= 0) s = s.replace(/(\d+)\s*\/\s*(\d+)/g, '$2'); // "2/10" is flat 2 of number 10
  let number = '';
  let street = '';
  let words = 0;
  for (let i = skipSeparators(s, 0); i < s.length; ) {
    const end = wordEnd(s, i);
    const t = s.slice(i, end);
    const digits = hasDigit(s, i, end);
    i = skipSeparators(s, end);
    if (SUB_BUILDING.has(t)) {
      // Skip the word and the flat number or letter that follows it.
      if (i < s.length) {
        const next = wordEnd(s, i);
        if (isFlatLabel(s, i, next)) i = skipSeparators(s, next);
      }
      continue;
    }
    if (digits) {
      if (words === 0) number = t; // numbers after the street's words are not the building's
      continue;
    }
    // "St" before a street's name is Saint (St Mary's Road); after it, Street. (String(): the
    // lookup is a plain object's, and the words are joined as Array.join would.)
    street += String(t === 'st' && words === 0 ? 'saint' : STREET_WORDS[t] ?? t);
    words++;
  }
  return { number, street };
}
