// Address text to tokens: upper case, punctuation and abbreviations settled, comma-separated
// parts kept apart. Shared by the gazetteer side and the typed side so both read alike.
import { ABBREVIATIONS } from './abbreviations.ts';

/** Last words of street names: a street named without one ("27 Mill, Mastbury") still matches. */
export const STREET_TYPES: ReadonlySet<string> = new Set([
  'ROAD', 'STREET', 'AVENUE', 'LANE', 'CLOSE', 'CRESCENT', 'DRIVE', 'WAY', 'COURT', 'GARDENS', 'GROVE',
  'PLACE', 'WALK', 'RISE', 'TERRACE', 'MEWS', 'SQUARE', 'PARK', 'GREEN', 'HILL', 'ROW', 'PARADE', 'VIEW',
]);

/**
 * Splits text into comma-separated parts of tokens. "2/10" becomes a flat and a number,
 * "10-12" stays one range token, "10 B" joins to "10B", apostrophes vanish ("St Mary's" ->
 * "ST MARYS") and abbreviations are written out (ST is resolved later, by position).
 */
export function tokenise(text: string): string[][] {
  let upper = text.toUpperCase();
  // Most addresses have none of these: the four rewrites below are skipped for them.
  if (SPECIAL.test(upper)) {
    upper = upper
      .replace(/['’`]/g, '')
      .replace(/&/g, ' AND ')
      // "2/10 High St" and "Flat 2/10": the first number is the flat.
      .replace(/\b(\d+[A-Z]?)\s*\/\s*(\d+[A-Z]?)\b/g, ' FLAT $1 $2 ')
      // Number ranges keep their hyphen: "10-12", "10 - 12".
      .replace(/\b(\d+[A-Z]?)\s*-\s*(\d+[A-Z]?)\b/g, '$1~$2');
  }
  // Tokens are the runs of A-Z, 0-9 and ~; a comma also ends a part. Read in one pass: the
  // replace and two splits this stands for made four short-lived strings and arrays a word.
  const parts: string[][] = [];
  let raw: string[] = [];
  let start = -1;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : COMMA; // the end ends the last part
    if (isDigit(c) || isLetter(c) || c === TILDE) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) raw.push(upper.slice(start, i));
    start = -1;
    if (c !== COMMA) continue;
    const tokens = partTokens(raw);
    if (tokens.length > 0) parts.push(tokens);
    raw = [];
  }
  return parts;
}

/** One comma-separated part's words, as tokens (see tokenise). */
function partTokens(raw: readonly string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.includes('~') ? raw[i]!.replace('~', '-') : raw[i]!;
    const next = raw[i + 1];
    const digitFirst = isDigit(t.charCodeAt(0));
    // "10 B High St" is "10B": a lone letter after a house number is its suffix.
    if (digitFirst && next !== undefined && next.length === 1 && isLetter(next.charCodeAt(0)) && raw[i + 2] !== undefined && /^\d+$/.test(t)) {
      tokens.push(t + next);
      i++;
      continue;
    }
    if (t === 'NO' && next !== undefined && isDigit(next.charCodeAt(0))) continue; // "No. 10"
    tokens.push(t === 'ST' ? t : (EXPANSIONS.get(t) ?? t));
  }
  return tokens;
}

/** ABBREVIATIONS as a map: a word just read is looked up by its text without first being made
 * a property name (the object lookup was a third of tokenise). Words are only A-Z, 0-9 and -, so
 * no word is an Object.prototype name and the two always agree. */
const EXPANSIONS: ReadonlyMap<string, string> = new Map(Object.entries(ABBREVIATIONS));
const COMMA = 44;
const TILDE = 126;

const SPECIAL = /['’`&\/-]/;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 65 && c <= 90;

/**
 * ST by position within a run of words: Saint at the start of a name followed by another word
 * ("St Mary's Road", "27 St Mary's Rd"), Street after a word ("High St").
 */
export function resolveSaintOrStreet(words: readonly string[]): string[] {
  return words.map((w, i) => (w !== 'ST' ? w : i === 0 && i < words.length - 1 ? 'SAINT' : 'STREET'));
}

/**
 * The comparison form of a run of words: Saint and Street both fold to ST, so a wrongly guessed
 * reading of "ST" (a trailing town, a missing comma) can never stop two spellings agreeing.
 */
export function foldKey(words: readonly string[]): string {
  let key = '';
  for (let i = 0; i < words.length; i++) {
    if (i > 0) key += ' ';
    key += foldWord(words[i]!);
  }
  return key;
}

/** One word's comparison form (see foldKey). */
export const foldWord = (w: string): string => (w === 'SAINT' || w === 'STREET' ? 'ST' : w);
