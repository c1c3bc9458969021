// Per-record features, computed once: normalised names interned to small integers, their sound
// codes and nickname groups, the date of birth as digits, postcode, district, UPRN and NHS number.
// Stored column-wise in growable typed arrays, so comparing two records reads a handful of
// integers and a million records cost tens of megabytes, not a million objects.
import { metaphone } from './phonetic.ts';
import { nicknameGroups } from './nicknames.ts';
import {
  firstGivenName, isValidNhsNumber, nameParts, splitSuffix, normaliseIdentifier, normaliseName, normalisePostcode,
  normaliseSex, parseDob, parseStreet, postcodeDistrict, streetKey,
} from './normalise.ts';
import { NumberTable } from './number-table.ts';
import type { PersonRecord } from './types.ts';

/** One number for a given and a family name id (exact while name ids stay under 2^21). */
export function fullNameKey(given: number, family: number): number {
  return given * 4294967296 + family;
}

/** Strings to dense ids. */
export class Interner {
  readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(s, id);
      this.strings.push(s);
    }
    return id;
  }
  get(s: string): number {
    return this.ids.get(s) ?? -1;
  }
}

function grow<T extends Int32Array | Int8Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

export interface FeatureOptions {
  /** Treat nhsNumber as an NHS number: drop those that fail the check digit. Default true. */
  validateNhsNumber?: boolean;
}

/**
 * Names share one dictionary (given and family), so a given/family swap could be spotted and the
 * derived per-name facts (sound codes, parts, nickname groups) are worked out once per name.
 */
let stores = 0;

export class FeatureStore {
  /** Tells stores apart without holding them (comparisons.ts caches levels per store). */
  readonly serial = stores++;
  n = 0;
  readonly names = new Interner();
  readonly codes = new Interner(); // metaphone codes
  readonly values = new Interner(); // postcodes, districts, UPRNs, identifiers
  /** Per name id: primary and alternate sound code ids, first-token id, part ids, nickname groups. */
  nameCode1 = new Int32Array(1024);
  nameCode2 = new Int32Array(1024);
  nameFirst = new Int32Array(1024);
  /** Per name id: bit c set when letter c occurs (a cheap bound before Jaro-Winkler). */
  nameMask = new Int32Array(1024);
  readonly nameParts: (Int32Array | null)[] = [];
  readonly nameGroups: (readonly number[])[] = [];
  /** Per name id: how many records carry it as a given / family name (term frequencies). */
  givenCount = new Int32Array(1024);
  familyCount = new Int32Array(1024);

  ids: string[] = [];
  given = new Int32Array(1024);
  family = new Int32Array(1024);
  dob = new Int32Array(1024);
  sex = new Int8Array(1024);
  postcode = new Int32Array(1024);
  district = new Int32Array(1024);
  uprn = new Int32Array(1024);
  ident = new Int32Array(1024);
  /** Building number and street name ids (in `values`), -1 when not given. */
  streetNo = new Int32Array(1024);
  streetName = new Int32Array(1024);
  /** For linking two data sets: which side a record came from (pairs within a side are skipped). */
  source = new Uint8Array(1024);
  /** A generational suffix typed with the name (1 junior or II, 2 senior, 3 III; 0 none). */
  suffix = new Int8Array(1024);
  /** Per full name (given and family name ids together, see fullNameKey): the dates of birth it
   * is carried with. An entry of `fullNames`, whose one date is in nameDob (-1 for none) while
   * there is one (most names), and in nameDobs beyond. Distinct dates stand for people: one
   * person sent thirty times is still one date. A typed table, as the keys are above 2^31 (a
   * Map would box each one). */
  private readonly fullNames = new NumberTable();
  private nameDob = new Int32Array(1024);
  private readonly nameDobs: (Set<number> | undefined)[] = [];
  /** UPRN -> dense id, for UPRNs written as plain numbers (all of mast's); others go to `values`
   * with a prefix and an id above UPRN_STRING (the two never meet). */
  private readonly uprnIds = new NumberTable();
  private static readonly UPRN_STRING = 1 << 30;
  /** Per record: whether it brought its full name a date not seen with it before (undone by pop). */
  private newNameDob = new Uint8Array(1024);
  /** Whether identifiers are NHS numbers, checked by their check digit. */
  readonly validateNhs: boolean;
  // Raw value -> derived ids: feeds repeat the same spellings endlessly, so each distinct raw
  // string is normalised once.
  private readonly rawGiven = new Map<string, number>();
  private readonly rawFamily = new Map<string, number>();
  private readonly rawDob = new Map<string, number>();
  private readonly rawPostcode = new Map<string, number>();
  private readonly districtOf: number[] = [];
  /** The raw-value caches above are only shortcuts: emptied when one grows past this, so a file of
   * a million distinct spellings cannot hold them all. */
  private static readonly RAW_LIMIT = 100_000;

  private bounded<V>(m: Map<string, V>): Map<string, V> {
    if (m.size >= FeatureStore.RAW_LIMIT) m.clear();
    return m;
  }

  constructor(opts: FeatureOptions = {}) {
    this.validateNhs = opts.validateNhsNumber ?? true;
  }

  private nameId(s: string): number {
    if (!s) return -1;
    const before = this.names.strings.length;
    const id = this.names.id(s);
    if (id === before) {
      const size = id + 1;
      this.nameCode1 = grow(this.nameCode1, size);
      this.nameCode2 = grow(this.nameCode2, size);
      this.nameFirst = grow(this.nameFirst, size);
      this.nameMask = grow(this.nameMask, size);
      let mask = 0;
      for (let c = 0; c < s.length; c++) mask |= 1 << (s.charCodeAt(c) - 97);
      this.nameMask[id] = mask;
      this.givenCount = grow(this.givenCount, size);
      this.familyCount = grow(this.familyCount, size);
      const [p, a] = metaphone(s);
      this.nameCode1[id] = p ? this.codes.id(p) : -1;
      this.nameCode2[id] = a ? this.codes.id(a) : -1;
      this.nameFirst[id] = id;
      this.nameParts.push(null);
      this.nameGroups.push(nicknameGroups(s));
    }
    return id;
  }

  /** Appends a record's features; returns its index. */
  add(r: PersonRecord, source = 0): number {
    const i = this.n++;
    const size = this.n;
    if (size > this.given.length) {
      this.given = grow(this.given, size);
      this.family = grow(this.family, size);
      this.dob = grow(this.dob, size);
      this.sex = grow(this.sex, size);
      this.postcode = grow(this.postcode, size);
      this.district = grow(this.district, size);
      this.uprn = grow(this.uprn, size);
      this.ident = grow(this.ident, size);
      this.streetNo = grow(this.streetNo, size);
      this.streetName = grow(this.streetName, size);
      this.source = grow(this.source, size);
      this.suffix = grow(this.suffix, size);
      this.newNameDob = grow(this.newNameDob, size);
    }
    this.ids[i] = r.id;
    // "John Smith Jr": the suffix is compared on its own, and the names without it.
    const givenSplit = splitSuffix(r.givenName);
    const familySplit = splitSuffix(r.familyName);
    this.suffix[i] = familySplit.suffix || givenSplit.suffix;
    const givenRaw = givenSplit.name;
    const familyRaw = familySplit.name;

    let g = this.rawGiven.get(givenRaw);
    if (g === undefined) {
      g = this.nameId(normaliseName(givenRaw));
      if (g >= 0) {
        // "Mary Ann" and "Mary" share a first given name: that is a variant, not a disagreement.
        const first = firstGivenName(givenRaw);
        const fid = first && first !== this.names.strings[g] ? this.nameId(first) : g;
        this.nameFirst[g] = fid;
        if (fid !== g) this.nameGroups[g] = this.nameGroups[fid]!;
      }
      this.bounded(this.rawGiven).set(givenRaw, g);
    }
    if (g >= 0) this.givenCount[g]!++;
    this.given[i] = g;

    let f = this.rawFamily.get(familyRaw);
    if (f === undefined) {
      f = this.nameId(normaliseName(familyRaw));
      if (f >= 0 && this.nameParts[f] === null) {
        const parts = nameParts(familyRaw);
        if (parts.length > 1) this.nameParts[f] = Int32Array.from(parts.map((p) => this.nameId(p)));
      }
      this.bounded(this.rawFamily).set(familyRaw, f);
    }
    if (f >= 0) this.familyCount[f]!++;
    this.family[i] = f;
    this.newNameDob[i] = 0;

    let dob = this.rawDob.get(r.dateOfBirth);
    if (dob === undefined) {
      dob = parseDob(r.dateOfBirth).digits;
      this.bounded(this.rawDob).set(r.dateOfBirth, dob);
    }
    this.dob[i] = dob;
    if (g >= 0 && f >= 0 && dob >= 0) this.newNameDob[i] = this.noteNameDob(fullNameKey(g, f), dob) ? 1 : 0;
    const sex = normaliseSex(r.sex);
    this.sex[i] = sex === 'M' ? 1 : sex === 'F' ? 2 : 0;
    const rawPc = r.postcode ?? '';
    let pcId = this.rawPostcode.get(rawPc);
    if (pcId === undefined) {
      const pc = normalisePostcode(rawPc);
      pcId = pc ? this.values.id('P' + pc) : -1;
      const d = postcodeDistrict(pc);
      this.districtOf[pcId + 1] = d ? this.values.id('D' + d) : -1;
      this.bounded(this.rawPostcode).set(rawPc, pcId);
    }
    this.postcode[i] = pcId;
    this.district[i] = this.districtOf[pcId + 1]!;
    this.uprn[i] = this.uprnId(r.uprn);
    let id = normaliseIdentifier(r.nhsNumber);
    if (id && this.validateNhs && !isValidNhsNumber(id)) id = '';
    this.ident[i] = id ? this.values.id('I' + id) : -1;
    // Read afresh each time, not looked up by the raw text: addresses are mostly distinct, and a
    // table of them cost more than the parse (a miss in a big table).
    const { number, street } = parseStreet(r.street);
    this.streetNo[i] = number ? this.values.id('N' + number) : -1;
    this.streetName[i] = street ? this.values.id('S' + street) : -1;
    this.source[i] = source;
    return i;
  }

  /** A UPRN's id: equal ids for equal UPRNs (as trimmed strings), -1 without one. */
  private uprnId(raw: string | undefined): number {
    const u = raw?.trim();
    if (!u) return -1;
    // Digits without a leading zero, short enough to be exact as a number: the number is the key
    // ("0123" and "123" are different strings, so they take the string path).
    if (u.length <= 15 && u.charCodeAt(0) !== 48 && /^\d+$/.test(u)) {
      const key = Number(u);
      let id = this.uprnIds.get(key);
      if (id === -1) this.uprnIds.set(key, (id = this.uprnIds.size));
      return id;
    }
    return FeatureStore.UPRN_STRING + this.values.id('U' + u);
  }

  /** The entry of a full name, made when missing. */
  private fullNameEntry(full: number): number {
    let e = this.fullNames.get(full);
    if (e === -1) {
      e = this.fullNames.size;
      this.fullNames.set(full, e);
      this.nameDob = grow(this.nameDob, e + 1);
      this.nameDob[e] = -1;
      this.nameDobs.push(undefined);
    }
    return e;
  }

  /** Records a date of birth against a full name; true when the name had not been seen with it. */
  private noteNameDob(full: number, dob: number): boolean {
    const e = this.fullNameEntry(full);
    const dobs = this.nameDobs[e];
    if (dobs === undefined) {
      const one = this.nameDob[e]!;
      if (one === dob) return false;
      if (one === -1) this.nameDob[e] = dob;
      else this.nameDobs[e] = new Set([one, dob]);
      return true;
    }
    if (dobs.has(dob)) return false;
    dobs.add(dob);
    return true;
  }

  /** How many different dates of birth record i's full name is carried with: about how many
   * people share the name. */
  fullNamePeople(i: number): number {
    const g = this.given[i]!;
    const f = this.family[i]!;
    if (g < 0 || f < 0) return 0;
    const e = this.fullNames.get(fullNameKey(g, f));
    if (e === -1) return 0;
    const dobs = this.nameDobs[e];
    return dobs !== undefined ? dobs.size : this.nameDob[e] === -1 ? 0 : 1;
  }

  /** Record i's building number and street as compared ("10 highstreet"), or null without both. */
  streetKey(i: number): string | null {
    const no = this.streetNo[i]!;
    const name = this.streetName[i]!;
    // Interned as 'N' + number and 'S' + street (see add).
    return no >= 0 && name >= 0 ? streetKey(this.values.strings[no]!.slice(1), this.values.strings[name]!.slice(1)) : null;
  }

  /** A hash of everything compare() reads of record i: equal records hash alike. */
  featureHash(i: number): number {
    // FNV-1a over the feature ids, written out (an inner helper would be a closure per call).
    let h = 0x811c9dc5;
    h = Math.imul(h ^ (this.given[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.family[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.dob[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.sex[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.postcode[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.uprn[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.ident[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.streetNo[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.streetName[i]! | 0), 0x01000193);
    h = Math.imul(h ^ (this.suffix[i]! | 0), 0x01000193);
    return h >>> 1; // a small integer: hashed by V8 without allocating
  }

  /** Whether records i and j agree on everything compare() reads: no comparison can tell them apart. */
  sameFeatures(i: number, j: number): boolean {
    return (
      this.given[i] === this.given[j] &&
      this.family[i] === this.family[j] &&
      this.dob[i] === this.dob[j] &&
      this.sex[i] === this.sex[j] &&
      this.postcode[i] === this.postcode[j] &&
      this.uprn[i] === this.uprn[j] &&
      this.ident[i] === this.ident[j] &&
      this.streetNo[i] === this.streetNo[j] &&
      this.streetName[i] === this.streetName[j] &&
      this.suffix[i] === this.suffix[j]
    );
  }

  /** Drops the last record (used to score a probe without keeping it). */
  pop(): void {
    const i = --this.n;
    if (this.given[i]! >= 0) this.givenCount[this.given[i]!]!--;
    if (this.family[i]! >= 0) this.familyCount[this.family[i]!]!--;
    if (this.newNameDob[i]) {
      const full = fullNameKey(this.given[i]!, this.family[i]!);
      const e = this.fullNames.get(full);
      const dobs = this.nameDobs[e];
      if (dobs === undefined) this.nameDob[e] = -1;
      else dobs.delete(this.dob[i]!);
    }
    this.ids.length = i;
  }
}
