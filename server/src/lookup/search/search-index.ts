// The gazetteer, prepared for the address search: every address with its house number, flat and
// postcode in comparison form; the streets and named buildings ("places") each address is on or
// in, as words with the part they play; and a word list to look typed words up in. Built once per
// gazetteer load (a few hundred milliseconds for 120,000 addresses) and then only read.
import { parseHouseNumber, type HouseNumber } from '../../matching/address-normalise.ts';
import type { GazetteerRecord } from '../../matching/address/gazetteer-index.ts';
import { parsePostcode, type Postcode } from '../../matching/address/postcode.ts';
import { gazetteerSubLabel, labelOrdinal } from '../../matching/address/sub-building.ts';
import { resolveSaintOrStreet, STREET_TYPES, tokenise } from '../../matching/address/tokens.ts';
import { lowerBound } from './lower-bound.ts';
import { groupPlaces, PARTS } from './place-groups.ts';
import { SlipCandidates } from './slip-candidates.ts';
import { StampedSlots } from './stamped-slots.ts';

/** A gazetteer address as the matcher reads it, with its building and the label mast prints. */
export interface SearchAddressRow extends GazetteerRecord {
  parentUprn: number | null;
  label: string;
}

/** The part a word plays in a place's name; its weight in ranking is in rank.ts. */
export const Role = { Building: 0, StreetName: 1, StreetType: 2, Locality: 3, Town: 4 } as const;
export type Role = (typeof Role)[keyof typeof Role];

export interface Place {
  /** Vocabulary ids of the place's words, and the part each plays. */
  words: Int32Array;
  roles: Uint8Array;
  /** The addresses on this street, or in this building, in reading order. */
  addresses: Int32Array;
}

export interface SearchAddress {
  row: SearchAddressRow;
  number: HouseNumber | null;
  /** The flat, canonical ("3", "B", "F0"), or null for a house or a building. */
  sub: string | null;
  postcode: Postcode | null;
  /** The postcode without its space, for "starts with" ("MB34RT"). */
  compactPostcode: string;
  /** Flats under this address (a block, or a house converted into flats). */
  units: number;
  streetPlace: number;
  /** The named building (block or named house) it is, or is in; -1 for none. */
  buildingPlace: number;
  /** Position in the borough's reading order: town, locality, street, number, a building's flats after it. */
  order: number;
}

/** The parts of a place's name its words are grouped by (place-groups.ts). */
export const Part = { Building: 0, Street: 1, Town: 2 } as const;
const partOfRole = (role: number): number => (role === Role.Building ? Part.Building : role >= Role.Locality ? Part.Town : Part.Street);

const words = (text: string | null): string[] => (text ? resolveSaintOrStreet(tokenise(text).flat()) : []);

export class SearchIndex {
  readonly addresses: SearchAddress[] = [];
  readonly places: Place[] = [];
  /** Vocabulary: every word of every place name; ids index `vocabulary`. */
  readonly vocabulary: string[] = [];
  readonly wordIds = new Map<string, number>();
  /** Word ids in alphabetical order of their words, to find the words a typed start begins. */
  readonly sortedWords: Int32Array;
  /** The words a typed word may be a slip from, found without measuring against every word. */
  readonly slipCandidates: SlipCandidates;
  /**
   * Word id -> the places holding it, each a group of places alike in the part of their name it
   * is in (place-groups.ts), or a place alone.
   */
  readonly postings: Int32Array[];
  /** Word id -> how many real places hold it (a group counts its members). */
  readonly placeCount: Int32Array;
  /** A word id no typed word matches: a group's words of its members' other parts. */
  readonly masked: number;
  /** Places from 0 to realPlaces are the gazetteer's streets and buildings; from there on, groups of them. */
  readonly realPlaces: number;
  /** Groups of places (place-groups.ts): by part, each real place's group; each group's part and members. */
  readonly entry: Int32Array[];
  readonly groupPart: Uint8Array;
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  /** By part, each real place's word list in that part (-1 for none); word id -> the lists holding it. */
  readonly partOf: Int32Array[];
  readonly partsOfWord: Int32Array[];
  readonly listPart: Uint8Array;
  /** Place id -> 1 for a named building (or a group of them), 0 for a street. */
  readonly holdsBuildings: Uint8Array;
  /** Address -> its street's place id, its building's (or -1). */
  readonly streetPlaceOf: Int32Array;
  readonly buildingPlaceOf: Int32Array;
  /** Per search (search.ts): where each place found through a group is scored; the addresses of
   * the members taken out of each group, and of those that stayed though another part was typed;
   * the word lists a typed word matched; the members whose place is not yet known. */
  readonly placeHome: StampedSlots;
  readonly takenOut: StampedSlots;
  readonly stayed: StampedSlots;
  readonly partHit: StampedSlots;
  readonly pendingPlaces: Int32Array;
  /** Whole postcode ("MB3 4RT") -> its addresses. */
  readonly byPostcode = new Map<string, number[]>();
  /** Every postcode once, without its space, sorted: a typed start is a range of it. */
  readonly compactPostcodes: string[];
  readonly compactPostcodeSet: ReadonlySet<string>;
  /** Every character of any postcode: a postcode one slip from a typed one differs by one of these. */
  readonly postcodeAlphabet: string[];
  /** Address index by order, the inverse of SearchAddress.order. */
  readonly byOrder: Int32Array;
  /** Each address's place in reading order (SearchAddress.order), packed for the search's inner loop. */
  readonly orderOf: Int32Array;
  /** One search's working space (search.ts): each address's score in hundredths (UNSET between
   * searches) and the addresses scored. Searches run one at a time on Node's one thread. */
  readonly scratch: Int32Array;
  readonly touched: Int32Array;
  /** Per search (search.ts): which typed word each vocabulary word matched, each place's words
   * score, the places already found as candidates, and the score of each place chosen (place-page.ts). */
  readonly wordMatched: StampedSlots;
  readonly placeScored: StampedSlots;
  readonly placeFound: StampedSlots;
  readonly placeChosen: StampedSlots;
  /** Per search: each unit class's points (by whether the building was named), each postcode class's agreement. */
  readonly unitPointsMemo: StampedSlots;
  readonly postcodeMemo: StampedSlots;
  /**
   * One search's lists of places, in arrays made once: a keystroke on a national gazetteer may
   * reach tens of thousands of places, and lists that size made per search go straight to the
   * old generation, whose collections must then walk the whole gazetteer.
   */
  readonly foundPlaces: Int32Array;
  readonly foundScores: Int32Array;
  readonly placesInOrder: Int32Array;
  readonly chosenPlaces: Int32Array;
  readonly chosenHundredths: Int32Array;
  /** Place id -> how many addresses it has. */
  readonly placeSize: Int32Array;
  /**
   * A place's addresses split for a typed house number (search.ts): those with a number of their
   * own, by its low end (with its high end, and the widest range among them); then those with no
   * number that may still agree with one typed (blocks of flats, then flats by the position their
   * label names: 3 for Flat 3, Flat C and the second floor; -1 for none). Each part is a range of
   * the flat arrays, from `...Start[place]` to `...Start[place + 1]`.
   */
  readonly numberedStart: Int32Array;
  readonly numbered: Int32Array;
  readonly numberedLo: Float64Array;
  readonly numberedHi: Float64Array;
  readonly numberedSpan: Float64Array;
  readonly unnumberedStart: Int32Array;
  readonly unnumbered: Int32Array;
  readonly unnumberedOrdinal: Int32Array;
  /** And its flats, numbered or not, in reading order. */
  readonly flatsStart: Int32Array;
  readonly flats: Int32Array;
  /** Place id -> where its words start in `placeWords` (and the next place's start where they end). */
  readonly placeWordStart: Int32Array;
  /** Every place's word ids, place after place: read for thousands of places a keystroke. */
  readonly placeWords: Int32Array;
  /**
   * Addresses alike in all unitAgreement reads (number, flat, whether it has flats) share a unit
   * class, and those with the same postcode text a postcode class; the first address of each
   * class stands for it. A search judges each class once (search.ts), not each of a nation's
   * addresses on every High Street.
   */
  readonly unitClass: Int32Array;
  readonly unitExample: Int32Array;
  readonly postcodeClass: Int32Array;
  readonly postcodeExample: Int32Array;
  /** Place id -> its words' roles in order, numbered: places alike in roles share a number. */
  readonly roleShape: Int32Array;
  /** Place id -> its street: itself for a street, the street a named building is on. */
  readonly streetOf: Int32Array;
  private uprnOrder: { uprns: Float64Array; addresses: Int32Array } | null = null;

  constructor(
    readonly version: number,
    rows: readonly SearchAddressRow[],
  ) {
    const placeIds = new Map<string, number>();
    const placeAddresses: number[][] = [];
    const postingLists: number[][] = [];
    const place = (key: string, parts: [string | null, Role][]): number => {
      let id = placeIds.get(key);
      if (id !== undefined) return id;
      id = this.places.length;
      placeIds.set(key, id);
      const ids: number[] = [];
      const roles: number[] = [];
      for (const [text, role] of parts) {
        const ws = words(text);
        ws.forEach((w, i) => {
          const isType = role === Role.StreetName && i === ws.length - 1 && ws.length > 1 && STREET_TYPES.has(w);
          const wordId = this.wordId(w, postingLists);
          ids.push(wordId);
          roles.push(isType ? Role.StreetType : role);
          const list = postingLists[wordId]!;
          if (list[list.length - 1] !== id) list.push(id!);
        });
      }
      this.places.push({ words: Int32Array.from(ids), roles: Uint8Array.from(roles), addresses: new Int32Array(0) });
      placeAddresses.push([]);
      return id;
    };

    const children = new Map<number, number>();
    for (const r of rows) if (r.parentUprn !== null) children.set(r.parentUprn, (children.get(r.parentUprn) ?? 0) + 1);
    const byUprn = new Map<number, SearchAddressRow>();
    for (const r of rows) byUprn.set(r.uprn, r);

    for (const r of rows) {
      const where = `${r.street}|${r.locality ?? ''}|${r.town}`;
      const streetParts: [string | null, Role][] = [[r.street, Role.StreetName], [r.locality, Role.Locality], [r.town, Role.Town]];
      const streetPlace = place(`s|${where}`, streetParts);
      const buildingPlace = r.buildingName ? place(`b|${r.buildingName}|${where}`, [[r.buildingName, Role.Building], ...streetParts]) : -1;
      const postcode = parsePostcode(r.postcode);
      const i = this.addresses.length;
      this.addresses.push({
        row: r,
        number: r.buildingNumber ? parseHouseNumber(words(r.buildingNumber).join('')) : null,
        sub: gazetteerSubLabel(words(r.subBuilding)),
        postcode,
        compactPostcode: (postcode?.full ?? r.postcode.toUpperCase()).replace(/\s+/g, ''),
        units: children.get(r.uprn) ?? 0,
        streetPlace,
        buildingPlace,
        order: 0,
      });
      placeAddresses[streetPlace]!.push(i);
      if (buildingPlace >= 0) placeAddresses[buildingPlace]!.push(i);
      const key = postcode?.full ?? r.postcode.toUpperCase();
      const list = this.byPostcode.get(key);
      if (list) list.push(i);
      else this.byPostcode.set(key, [i]);
    }

    this.slipCandidates = new SlipCandidates(this.vocabulary);
    this.sortedWords = Int32Array.from(this.vocabulary.map((_, i) => i).sort((a, b) => cmp(this.vocabulary[a]!, this.vocabulary[b]!)));
    this.compactPostcodes = [...new Set(this.addresses.map((a) => a.compactPostcode))].sort(cmp);
    this.compactPostcodeSet = new Set(this.compactPostcodes);
    this.postcodeAlphabet = [...new Set(this.compactPostcodes.join(''))].sort(cmp);

    // Reading order: a flat sorts with its building, right after it.
    const sortKey = this.addresses.map((a) => readingKey(a, a.row.parentUprn === null ? undefined : byUprn.get(a.row.parentUprn)));
    const ordered = this.addresses.map((_, i) => i).sort((x, y) => compareKeys(sortKey[x]!, sortKey[y]!));
    this.byOrder = Int32Array.from(ordered);
    ordered.forEach((addressIndex, position) => (this.addresses[addressIndex]!.order = position));
    this.places.forEach((p, id) => (p.addresses = Int32Array.from(placeAddresses[id]!.sort((x, y) => this.addresses[x]!.order - this.addresses[y]!.order))));
    this.orderOf = Int32Array.from(this.addresses, (a) => a.order);
    const unitClasses = new Map<string, number>();
    const postcodeClasses = new Map<string, number>();
    const unitExample: number[] = [];
    const postcodeExample: number[] = [];
    this.unitClass = new Int32Array(this.addresses.length);
    this.postcodeClass = new Int32Array(this.addresses.length);
    this.addresses.forEach((a, i) => {
      const n = a.number;
      const unitKey = `${n ? `${n.lo}|${n.hi}|${n.suffix}` : '-'}|${a.sub ?? '-'}|${a.units > 0}`;
      let u = unitClasses.get(unitKey);
      if (u === undefined) unitClasses.set(unitKey, (u = unitExample.push(i) - 1));
      this.unitClass[i] = u;
      let c = postcodeClasses.get(a.row.postcode);
      if (c === undefined) postcodeClasses.set(a.row.postcode, (c = postcodeExample.push(i) - 1));
      this.postcodeClass[i] = c;
    });
    this.unitExample = Int32Array.from(unitExample);
    this.postcodeExample = Int32Array.from(postcodeExample);
    this.streetOf = new Int32Array(this.places.length);
    for (const a of this.addresses) {
      this.streetOf[a.streetPlace] = a.streetPlace;
      if (a.buildingPlace >= 0) this.streetOf[a.buildingPlace] = a.streetPlace;
    }
    const shapes = new Map<string, number>();
    const shapeOf = (p: Place) => {
      const key = p.roles.join(',');
      let shape = shapes.get(key);
      if (shape === undefined) shapes.set(key, (shape = shapes.size));
      return shape;
    };
    const realShape = Int32Array.from(this.places, shapeOf);
    // A building and a street group apart even when their words play the same parts (a block
    // whose name is only punctuation).
    const groupShape = Int32Array.from(realShape, (shape, p) => shape * 2 + (this.streetOf[p] === p ? 0 : 1));
    this.masked = this.vocabulary.length;
    const real = this.places.length;
    const grouped = groupPlaces(this.places, groupShape, this.orderOf, partOfRole, this.masked);
    this.realPlaces = real;
    this.entry = grouped.entry;
    this.groupPart = grouped.groupPart;
    this.memberStart = grouped.memberStart;
    this.members = grouped.members;
    this.partOf = grouped.partOf;
    this.listPart = grouped.listPart;
    const partsOfWord: number[][] = this.vocabulary.map(() => []);
    grouped.partWords.forEach((words, part) => words.forEach((w) => partsOfWord[w]!.at(-1) !== part && partsOfWord[w]!.push(part)));
    this.partsOfWord = partsOfWord.map((l) => Int32Array.from(l));
    this.places.push(...grouped.groups);
    this.roleShape = Int32Array.from(this.places, shapeOf);
    const firstMember = (p: number) => this.members[this.memberStart[p - real]!]!;
    this.holdsBuildings = Uint8Array.from(this.places, (_, p) => groupShape[p < real ? p : firstMember(p)]! & 1);
    // A group's street: for a group by building name, none can match when it does (its members'
    // streets have no word typed); for a group by street or town, its members' streets' group.
    const streetOf = new Int32Array(this.places.length);
    streetOf.set(this.streetOf);
    for (let g = real; g < this.places.length; g++) {
      const part = this.groupPart[g - real]!;
      streetOf[g] = !this.holdsBuildings[g] ? g : part === Part.Building ? -1 : this.entry[part]![this.streetOf[firstMember(g)]!]!;
    }
    this.streetOf = streetOf;
    this.placeCount = Int32Array.from(postingLists, (l) => l.length);
    const postings: number[][] = postingLists.map(() => []);
    const post = (entry: number, part: number) => {
      const { words, roles } = this.places[entry]!;
      for (let w = 0; w < words.length; w++) {
        if (partOfRole(roles[w]!) !== part || words[w] === this.masked) continue;
        const list = postings[words[w]!]!;
        if (list[list.length - 1] !== entry) list.push(entry);
      }
    };
    for (let p = 0; p < real; p++) for (let part = 0; part < PARTS; part++) if (this.entry[part]![p] === p) post(p, part);
    for (let g = real; g < this.places.length; g++) post(g, this.groupPart[g - real]!);
    this.postings = postings.map((l) => Int32Array.from(l));
    this.streetPlaceOf = Int32Array.from(this.addresses, (a) => a.streetPlace);
    this.buildingPlaceOf = Int32Array.from(this.addresses, (a) => a.buildingPlace);
    const split = splitByNumber(this.places, this.addresses);
    this.numberedStart = split.numberedStart;
    this.numbered = split.numbered;
    this.numberedLo = split.numberedLo;
    this.numberedHi = split.numberedHi;
    this.numberedSpan = split.numberedSpan;
    this.unnumberedStart = split.unnumberedStart;
    this.unnumbered = split.unnumbered;
    this.unnumberedOrdinal = split.unnumberedOrdinal;
    this.flatsStart = split.flatsStart;
    this.flats = split.flats;
    this.scratch = new Int32Array(this.addresses.length).fill(UNSET);
    this.touched = new Int32Array(this.addresses.length);
    this.wordMatched = new StampedSlots(this.vocabulary.length + 1);
    this.placeScored = new StampedSlots(this.places.length);
    this.placeFound = new StampedSlots(this.places.length);
    this.placeChosen = new StampedSlots(this.places.length);
    this.placeHome = new StampedSlots(this.places.length);
    this.takenOut = new StampedSlots(this.places.length);
    this.stayed = new StampedSlots(this.places.length);
    this.pendingPlaces = new Int32Array(real);
    this.partHit = new StampedSlots(grouped.partWords.length);
    this.unitPointsMemo = new StampedSlots(2 * this.unitExample.length);
    this.postcodeMemo = new StampedSlots(this.postcodeExample.length);
    this.foundPlaces = new Int32Array(this.places.length);
    this.foundScores = new Int32Array(this.places.length);
    this.placesInOrder = new Int32Array(this.places.length);
    this.chosenPlaces = new Int32Array(this.places.length);
    this.chosenHundredths = new Int32Array(this.places.length);
    this.placeSize = Int32Array.from(this.places, (p) => p.addresses.length);
    this.placeWordStart = new Int32Array(this.places.length + 1);
    this.places.forEach((p, id) => (this.placeWordStart[id + 1] = this.placeWordStart[id]! + p.words.length));
    this.placeWords = new Int32Array(this.placeWordStart[this.places.length]!);
    this.places.forEach((p, id) => this.placeWords.set(p.words, this.placeWordStart[id]!));
  }

  /**
   * For a group, address -> the member place it comes from (its building for a group of
   * buildings, else its street); null for a real place, whose addresses are all its own.
   */
  memberOf(place: number): Int32Array | null {
    if (place < this.realPlaces) return null;
    return this.holdsBuildings[place] ? this.buildingPlaceOf : this.streetPlaceOf;
  }

  /** The index of the address with this UPRN, or -1. Its table is made the first time it is asked. */
  addressOf(uprn: number): number {
    if (!this.uprnOrder) {
      const byUprn = Int32Array.from(this.addresses.keys()).sort((x, y) => this.addresses[x]!.row.uprn - this.addresses[y]!.row.uprn);
      this.uprnOrder = { uprns: Float64Array.from(byUprn, (i) => this.addresses[i]!.row.uprn), addresses: byUprn };
    }
    const { uprns, addresses } = this.uprnOrder;
    const lo = lowerBound(0, uprns.length, (k) => uprns[k]! < uprn);
    return lo < uprns.length && uprns[lo] === uprn ? addresses[lo]! : -1;
  }

  private wordId(w: string, postingLists: number[][]): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push(w);
      this.wordIds.set(w, id);
      postingLists.push([]);
    }
    return id;
  }
}

export const UNSET = -2_147_483_648;

/** The numbered and unnumbered parts of every place (SearchIndex.numbered). */
function splitByNumber(places: readonly Place[], addresses: readonly SearchAddress[]) {
  const numberedStart = new Int32Array(places.length + 1);
  const unnumberedStart = new Int32Array(places.length + 1);
  const flatsStart = new Int32Array(places.length + 1);
  const isNumbered = (i: number) => addresses[i]!.number !== null;
  const isFlat = (i: number) => addresses[i]!.sub !== null;
  // A house with neither number nor flats (a named cottage) agrees with no number or flat typed.
  const mightBeUnit = (i: number) => !isNumbered(i) && (isFlat(i) || addresses[i]!.units > 0);
  places.forEach((p, id) => {
    let n = 0;
    let f = 0;
    let u = 0;
    for (const i of p.addresses) {
      if (isNumbered(i)) n++;
      if (isFlat(i)) f++;
      if (mightBeUnit(i)) u++;
    }
    numberedStart[id + 1] = numberedStart[id]! + n;
    unnumberedStart[id + 1] = unnumberedStart[id]! + u;
    flatsStart[id + 1] = flatsStart[id]! + f;
  });
  const flats = new Int32Array(flatsStart[places.length]!);
  const numbered = new Int32Array(numberedStart[places.length]!);
  const numberedLo = new Float64Array(numbered.length);
  const numberedHi = new Float64Array(numbered.length);
  const numberedSpan = new Float64Array(places.length);
  const unnumbered = new Int32Array(unnumberedStart[places.length]!);
  const unnumberedOrdinal = new Int32Array(unnumbered.length);
  places.forEach((p, id) => {
    const mine = Array.from(p.addresses).filter(isNumbered);
    mine.sort((x, y) => addresses[x]!.number!.lo - addresses[y]!.number!.lo || addresses[x]!.order - addresses[y]!.order);
    let at = numberedStart[id]!;
    for (const i of mine) {
      const n = addresses[i]!.number!;
      numbered[at] = i;
      numberedHi[at] = n.hi;
      numberedLo[at++] = n.lo;
      if (n.hi - n.lo > numberedSpan[id]!) numberedSpan[id] = n.hi - n.lo;
    }
    // Blocks first, then flats by the position their label names (rank.ts's flatAs agrees only within one).
    const key = (i: number) => (isFlat(i) ? (labelOrdinal(addresses[i]!.sub!) ?? -1) : -2);
    const units = Array.from(p.addresses).filter(mightBeUnit);
    units.sort((x, y) => key(x) - key(y) || addresses[x]!.order - addresses[y]!.order);
    at = unnumberedStart[id]!;
    for (const i of units) {
      unnumberedOrdinal[at] = key(i);
      unnumbered[at++] = i;
    }
    at = flatsStart[id]!;
    for (const i of p.addresses) if (isFlat(i)) flats[at++] = i;
  });
  return { numberedStart, numbered, numberedLo, numberedHi, numberedSpan, unnumberedStart, unnumbered, unnumberedOrdinal, flatsStart, flats };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type ReadingKey = (string | number)[];

function readingKey(a: SearchAddress, parent: SearchAddressRow | undefined): ReadingKey {
  const base = parent ?? a.row;
  const n = base.buildingNumber ? parseHouseNumber(words(base.buildingNumber).join('')) : null;
  const flat = a.sub === null ? -1 : (labelOrdinal(a.sub) ?? 10_000);
  return [
    base.town, base.locality ?? '', base.street,
    n ? n.lo : Number.MAX_SAFE_INTEGER, n?.suffix ?? '', base.buildingName ?? '', base.uprn,
    parent ? 1 : 0, flat, a.sub ?? '', a.row.uprn,
  ];
}

function compareKeys(a: ReadingKey, b: ReadingKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return typeof x === 'number' ? x - (y as number) : cmp(x, y as string);
  }
  return 0;
}
