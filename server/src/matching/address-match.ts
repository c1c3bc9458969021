// Address to UPRN: each typed address is compared with a few gazetteer candidates (found by
// street, building name and postcode indexes built once per gazetteer) and scored part by part.
// A confident, unambiguous best gets the UPRN; a weaker or tied one is kept as "possible" with
// its candidate for review; otherwise unmatched. Never a UPRN below the bar (weights.ts).
import { parseAddress, parsePostcode, type HouseNumber, type ParsedAddress } from './address-normalise.ts';
import { GazetteerIndex, type GazetteerRecord, type IndexedAddress } from './address/gazetteer-index.ts';
import type { Postcode } from './address/postcode.ts';
import { scoreCandidate, type Scored, type StreetAgreement, type TypedEvidence } from './address/score.ts';
import { isOneSlipFrom, slippedStreetTypes, streetsOneSlipFrom } from './address/street-slip.ts';
import { foldKey, foldWord, STREET_TYPES } from './address/tokens.ts';
import { MARGIN, MATCH_BAR, POSSIBLE_BAR } from './address/weights.ts';

export type GazetteerEntry = GazetteerRecord;

interface Explained {
  /** Points for the best candidate (see address/weights.ts); 100 for a UPRN the partner sent. */
  score: number;
  /** Which parts agreed ("house number", "street (fuzzy)", "postcode (sector)"...), and why not. */
  reasons: string[];
}

export type AddressMatch =
  | ({ uprn: number; method: 'given' | 'matched' } & Explained)
  | ({ uprn: null; method: 'possible'; candidateUprn: number } & Explained)
  | ({ uprn: null; method: 'unmatched' } & Explained);

export interface AddressInput {
  uprn?: string;
  address?: string;
  postcode?: string;
}

export interface AddressMatcher {
  match(input: AddressInput): AddressMatch;
}

export function buildAddressMatcher(entries: Iterable<GazetteerEntry>): AddressMatcher {
  const index = new GazetteerIndex(entries);
  return { match: (input) => matchOne(index, input) };
}

function matchOne(index: GazetteerIndex, { uprn, address, postcode }: AddressInput): AddressMatch {
  if (uprn !== undefined && uprn !== '' && index.byUprn.has(Number(uprn))) {
    return { uprn: Number(uprn), method: 'given', score: 100, reasons: ['uprn sent, in the gazetteer'] };
  }
  if (!address || address.trim() === '') return { uprn: null, method: 'unmatched', score: 0, reasons: ['no address'] };

  const evidence = gatherEvidence(index, address, postcode);
  let best: Scored | null = null;
  let bestAt = -1;
  let second = -Infinity;
  for (const i of evidence.candidates) {
    const s = scoreCandidate(index.addresses[i]!, evidence);
    if (!s) continue;
    if (!best || s.score > best.score) {
      if (best) second = Math.max(second, best.score);
      best = s;
      bestAt = i;
    } else {
      second = Math.max(second, s.score);
    }
  }
  if (!best) return { uprn: null, method: 'unmatched', score: 0, reasons: ['no candidate agrees on house, flat and street'] };

  const candidateUprn = index.addresses[bestAt]!.uprn;
  // The best's own list, made for it by scoreCandidate and held by nothing else.
  const reasons = best.reasons;
  const clearOfNext = best.score - second >= MARGIN;
  if (!clearOfNext) reasons.push('another address scores as well');
  if (best.score >= MATCH_BAR && clearOfNext && !best.capped) {
    return { uprn: candidateUprn, method: 'matched', score: best.score, reasons };
  }
  if (best.score >= POSSIBLE_BAR) return { uprn: null, method: 'possible', candidateUprn, score: best.score, reasons };
  return { uprn: null, method: 'unmatched', score: best.score, reasons };
}

const NOTHING_FOUND: ReadonlySet<string> = new Set();

interface Gathered extends TypedEvidence {
  candidates: Set<number>;
}

/** Reads the typed address against the indexes: which streets, names and places it names. */
function gatherEvidence(index: GazetteerIndex, address: string, postcodeField: string | undefined): Gathered {
  const parsed = parseAddress(address);
  const postcode = parsePostcode(postcodeField) ?? parsed.postcode;
  // Most addresses name no building, locality or town, and most name their street exactly: those
  // sets are made only when something is found (six sets an address were a good share of the
  // row stage's garbage).
  let exact: Set<string> | null = null;
  let core: Set<string> | null = null;
  let names: Set<string> | null = null;
  let localities: Set<string> | null = null;
  let towns: Set<string> | null = null;
  const streetIds = new Set<number>();
  // Every run of up to maxWords words, as its folded key and its last word (as written): two
  // lists side by side rather than an object a run (a dozen an address).
  const gramKeys: string[] = [];
  const gramLasts: string[] = [];

  const spans: { run: number; start: number; end: number; key: string }[] = [];
  for (let r = 0; r < parsed.runs.length; r++) {
    const run = parsed.runs[r]!;
    for (let i = 0; i < run.length; i++) {
      // The key grows a word at a time: foldKey(run.slice(i, i + len)) without the slices.
      let k = '';
      for (let len = 1; len <= index.maxWords && i + len <= run.length; len++) {
        const last = run[i + len - 1]!;
        k = len === 1 ? foldWord(last) : `${k} ${foldWord(last)}`;
        gramKeys.push(k);
        gramLasts.push(last);
        if (index.streets.has(k)) spans.push({ run: r, start: i, end: i + len, key: k });
        if (index.names.has(k)) (names ??= new Set()).add(k);
        const place = index.places.get(k);
        if (place === 'locality') (localities ??= new Set()).add(k);
        else if (place === 'town') (towns ??= new Set()).add(k);
      }
    }
  }
  let fuzzy: Set<string> | null = null;
  let contested: Set<string> | null = null; // seldom any: made when one is found
  // The longest street name wins: "New Rosemary Road" is not also "Rosemary Road".
  for (const a of spans) {
    const inside = spans.some((b) => b !== a && b.run === a.run && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start);
    if (inside) continue;
    (exact ??= new Set()).add(a.key);
    for (const id of index.streets.get(a.key)!) streetIds.add(id);
    // ...and one a slip longer may be meant: "Neew Colliery Road" is New Colliery Road with a
    // slip, or Colliery Road after a stray word. Both are candidates; the exact one is contested.
    const longer = a.start > 0 ? index.streetsEndingWith.get(a.key) : undefined;
    if (!longer) continue;
    const run = parsed.runs[a.run]!;
    for (let start = a.start - 1; start >= 0 && a.end - start <= index.maxWords; start--) {
      const typed = foldKey(run.slice(start, a.end));
      for (const key of longer) {
        if (!isOneSlipFrom(typed, run[a.end - 1]!, key)) continue;
        (fuzzy ??= new Set()).add(key);
        (contested ??= new Set()).add(a.key);
      }
    }
  }
  if (exact === null) {
    // No street written exactly: a street without its type, then one a slip away.
    for (const run of parsed.runs) {
      for (let i = 0; i < run.length; i++) {
        for (let len = 1; len < index.maxWords && i + len <= run.length; len++) {
          // "Mill Road" and "Mill Raod" are not Mill Lane with its type left off.
          const after = run[i + len];
          if (after !== undefined && (STREET_TYPES.has(after) || slippedStreetTypes(after).length > 0)) continue;
          for (const id of index.streetCores.get(foldKey(run.slice(i, i + len))) ?? []) {
            (core ??= new Set()).add(index.streetKeys[id]!);
            streetIds.add(id);
          }
        }
      }
    }
    for (let g = 0; g < gramKeys.length; g++) {
      const k = gramKeys[g]!;
      if (k.length < 6 || /\d/.test(k)) continue;
      for (const key of streetsOneSlipFrom(index, k, gramLasts[g]!)) (fuzzy ??= new Set()).add(key);
    }
  }
  if (fuzzy !== null) for (const key of fuzzy) for (const id of index.streets.get(key)!) streetIds.add(id);

  const candidates = new Set<number>();
  const bases = new Set<string>();
  for (const n of parsed.numbers) {
    bases.add(String(n.lo));
    if (n.hi !== n.lo) bases.add(String(n.hi));
  }
  for (const id of streetIds) {
    const byNumber = index.streetNumbers[id]!;
    if (bases.size === 0) for (const i of byNumber.get('') ?? []) candidates.add(i);
    for (const b of bases) for (const i of byNumber.get(b) ?? []) candidates.add(i);
  }
  if (names !== null) for (const n of names) for (const i of index.names.get(n)!) candidates.add(i);
  if (postcode) {
    // The postcode finds the right street even when the street is written beyond recognition.
    for (const i of index.postcodes.get(postcode.full) ?? []) {
      const a = index.addresses[i]!;
      if (a.number ? isTypedNumber(parsed.numbers, a.number.lo) : bases.size === 0 || (a.name !== null && names !== null && names.has(a.name))) candidates.add(i);
    }
  }

  return new Evidence(
    index,
    parsed,
    postcode,
    names ?? NOTHING_FOUND,
    localities ?? NOTHING_FOUND,
    towns ?? NOTHING_FOUND,
    exact ?? NOTHING_FOUND,
    contested ?? NOTHING_FOUND,
    core ?? NOTHING_FOUND,
    fuzzy ?? NOTHING_FOUND,
    gramKeys,
    gramLasts,
    candidates,
  );
}

/** Whether `lo` is one of the typed numbers' ends: bases.has(String(lo)) without a string made
 * for every address in the postcode (a number's text is unique to it, so the two agree). */
function isTypedNumber(numbers: readonly HouseNumber[], lo: number): boolean {
  for (const n of numbers) if (n.lo === lo || n.hi === lo) return true;
  return false;
}

/**
 * What gatherEvidence read, with the two questions scoring asks of it. A class, not an object of
 * closures: one is made per address matched, and tsx gives every named closure its name by a
 * defineProperty call.
 */
class Evidence implements Gathered {
  /** Candidates' streets found by postcode, checked once each for a slip. Made on the first
   * (most addresses never need it, and one is matched for every distinct address). */
  private streetCache: Map<string, StreetAgreement> | undefined;

  constructor(
    private readonly index: GazetteerIndex,
    readonly parsed: ParsedAddress,
    readonly postcode: Postcode | null,
    readonly names: ReadonlySet<string>,
    readonly localities: ReadonlySet<string>,
    readonly towns: ReadonlySet<string>,
    /** Street names written exactly (keys). */
    readonly streetsNamed: ReadonlySet<string>,
    /** Of those, the ones a word before them makes into another street, one slip away. */
    private readonly contested: ReadonlySet<string>,
    private readonly core: ReadonlySet<string>,
    /** Streets found one slip from the words typed (keys). */
    readonly streetsSlipped: ReadonlySet<string>,
    private readonly gramKeys: string[],
    private readonly gramLasts: string[],
    readonly candidates: Set<number>,
  ) {}

  street(s: string): StreetAgreement {
    if (this.streetsNamed.has(s)) return this.contested.has(s) ? 'contested' : 'exact';
    if (this.core.has(s)) return 'core';
    if (this.streetsSlipped.has(s)) return 'fuzzy';
    const cache = (this.streetCache ??= new Map());
    let v = cache.get(s);
    if (v === undefined) {
      // A candidate found by postcode: is its street here one slip away?
      v = 'none';
      if (s.length >= 6) {
        const last = s.slice(s.lastIndexOf(' ') + 1);
        for (let g = 0; g < this.gramKeys.length; g++) {
          if (isOneSlipFrom(this.gramKeys[g]!, this.gramLasts[g]!, s, last)) {
            v = 'fuzzy';
            break;
          }
        }
      }
      cache.set(s, v);
    }
    return v;
  }

  isContested(s: string): boolean {
    return this.contested.has(s);
  }

  /** The typed postcode's streets that are one slip from the words typed (computed once). */
  private nearStreetsInPostcode: Set<string> | undefined;

  postcodeOnStreetOneSlipAway(c: IndexedAddress): boolean {
    if (!this.postcode || c.postcode?.full === this.postcode.full) return false;
    if (this.nearStreetsInPostcode === undefined) {
      this.nearStreetsInPostcode = new Set();
      for (const i of this.index.postcodes.get(this.postcode.full) ?? []) {
        const s = this.index.addresses[i]!.street;
        if (!this.nearStreetsInPostcode.has(s) && this.street(s) === 'fuzzy') this.nearStreetsInPostcode.add(s);
      }
    }
    return this.nearStreetsInPostcode.size > 0 && !this.nearStreetsInPostcode.has(c.street);
  }

  streetLocalities(s: string): number {
    return this.index.streetCount(s);
  }

  atSameNumber(c: IndexedAddress): IndexedAddress[] {
    if (!c.number) return [];
    return (this.index.streetNumbers[c.streetId]!.get(String(c.number.lo)) ?? []).map((i) => this.index.addresses[i]!);
  }
}
