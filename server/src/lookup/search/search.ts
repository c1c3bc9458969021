// The address search over a prepared gazetteer (search-index.ts): finds the streets, buildings
// and postcodes a query could mean, scores every address on them (rank.ts), and answers a page
// of the best, in order, with how many there are and whether the first is clearly the one typed.
import { oneOff } from '../../matching/address/postcode.ts';
import { labelOrdinal } from '../../matching/address/sub-building.ts';
import { lowerBound } from './lower-bound.ts';
import { pageByPlace } from './place-page.ts';
import { ALONE, inGroup, PARTS, PENDING } from './place-groups.ts';
import type { Place, SearchIndex } from './search-index.ts';
import { parseSearchQuery, type SearchQuery } from './search-query.ts';
import type { StampedSlots } from './stamped-slots.ts';
import { matchWord, splitJoinedWords, type WordMatches } from './word-matches.ts';
import {
  WEIGHTS,
  postcodeAgreement,
  postcodePoints,
  scorePlaceWords,
  unitAgreement,
  unitPoints,
  type PostcodeAgreement,
  type UnitAgreement,
  type WordScore,
} from './rank.ts';

/** Addresses scoring this far below the best are not what was typed: they are left out. */
export const WINDOW = 20;
const NOTHING_HIDDEN: ReadonlySet<number> = new Set();
/** The first is clearly the one when it is this far ahead of the next (and agrees on all typed). */
export const CLEAR_MARGIN = 10;
/** A typed word found in more places than this is too common to find candidates by ("Road"). */
const COMMON = 400;

export interface Scored {
  address: number;
  score: number;
  words: WordScore;
  unit: UnitAgreement;
  postcode: PostcodeAgreement;
}

export interface SearchPage {
  /** Address indexes into the index, best first. */
  hits: Scored[];
  /** How many addresses match in all (the page is a slice of them). */
  total: number;
  /** The first hit is clearly the address typed: the search key may open it. */
  clearFirst: boolean;
  /**
   * Hidden addresses (see `hide`) the query named closely, by house number or full postcode, and
   * that would have ranked among the best: an attempt to find one, for the audit trail.
   */
  hiddenNamed: number[];
}

/**
 * Scores every address the typed words reach, without the shortcuts (place-page.ts, mightAgree)
 * that skip those that cannot make the page: the tests compare the two, answer for answer.
 */
export const exhaustive = { on: false };

const NO_WORDS: WordScore = { points: 0, explained: 0, wholeName: false, buildingNamed: false, buildingWhole: false, weakest: 1 };

/** `hide`: UPRNs never to answer (places a partner marked sensitive, for a viewer who may not find them). */
export function searchIndex(index: SearchIndex, text: string, offset = 0, limit = 10, hide: ReadonlySet<number> = NOTHING_HIDDEN): SearchPage {
  const parsed = parseSearchQuery(text, (start) => anyPostcodeStartsWith(index, start));
  const q = { ...parsed, words: splitJoinedWords(index, parsed.words) };
  const matches = q.words.map((w) => matchWord(index, w));
  // The last word, when it is no whole word of the gazetteer, may be unfinished: leaving it
  // unexplained counts less against an address.
  const last = q.words.findIndex((w) => w.last && !index.wordIds.has(w.text));
  const needWords = Math.ceil(q.words.length / 2);
  const typedUnit = q.numbers.length > 0 || q.subs.length > 0;
  const typedPostcode = q.postcode !== null || q.postcodeStart !== null;

  // A place's words score depends only on its words' roles in order and which of them a typed
  // word matched (scorePlaceWords reads nothing else): the High Street of each of a thousand towns
  // scores once, when the town was not typed.
  const matched = index.wordMatched;
  matched.begin();
  let matchedCount = 0;
  for (const m of matches) for (const id of m.keys()) if (matched.get(id) < 0) matched.set(id, matchedCount++);
  // Each place's words score, as an index into the distinct scores of this search (places whose
  // words score alike share an index, however differently their words were matched).
  const bySignature = new Map<string | number, number>();
  const byValue = new Map<string, number>();
  const distinct: WordScore[] = [];
  index.placeScored.begin();
  const scoreIdOf = (place: number): number => {
    let id = index.placeScored.get(place);
    if (id >= 0) return id;
    const key = q.words.length === 0 ? -1 : placeSignature(index, place, matched);
    id = bySignature.get(key) ?? -1;
    if (id < 0) {
      const score = q.words.length === 0 ? NO_WORDS : scorePlaceWords(index.places[place]!, matches, last);
      const value = `${score.points}|${score.explained}|${score.wholeName}|${score.buildingNamed}|${score.buildingWhole}|${score.weakest}`;
      id = byValue.get(value) ?? -1;
      if (id < 0) byValue.set(value, (id = distinct.push(score) - 1));
      bySignature.set(key, id);
    }
    index.placeScored.set(place, id);
    return id;
  };
  const wordsOf = (place: number): WordScore => distinct[scoreIdOf(place)]!;

  // Each address's score once (an address on a street is also in its building: the better counts).
  // Scores are kept in hundredths in the index's scratch arrays, and cleared after: a broad query
  // ("Mastbury") scores every address in the borough, so this loop must not allocate.
  const { scratch, touched } = index;
  let count = 0;
  let best = -Infinity;
  const hidden: { uprn: number; score: number }[] = [];
  // Unit and postcode points by class (search-index.ts), worked out the first time a class is met,
  // in the index's stamped arrays: the loop below may meet a million addresses.
  const classes = index.unitExample.length;
  const unitMemo = index.unitPointsMemo;
  const postcodeMemo = index.postcodeMemo;
  unitMemo.begin();
  postcodeMemo.begin();
  const unitPointsOf = (i: number, buildingNamed: boolean): number => {
    const c = index.unitClass[i]!;
    const slot = buildingNamed ? c + classes : c;
    let points = unitMemo.getOr(slot, NOT_YET);
    if (points === NOT_YET) unitMemo.set(slot, (points = unitPoints(unitAgreement(index.addresses[index.unitExample[c]!]!, q, buildingNamed))));
    return points;
  };
  const postcodeOf = (i: number): PostcodeAgreement => {
    const c = index.postcodeClass[i]!;
    const code = postcodeMemo.get(c);
    if (code >= 0) return POSTCODE_AGREEMENTS[code]!;
    const p = postcodeAgreement(index.addresses[index.postcodeExample[c]!]!, q);
    postcodeMemo.set(c, POSTCODE_AGREEMENTS.indexOf(p));
    return p;
  };
  const consider = (i: number, words: WordScore) => {
    let score = words.points;
    let postcodeAgrees = false;
    if (typedUnit) score += unitPointsOf(i, words.buildingNamed);
    if (typedPostcode) {
      const p = postcodeOf(i);
      score += postcodePoints(p);
      postcodeAgrees = p === 'full' || p === 'oneOff' || p === 'start' || p === 'startWithSector';
    }
    // At least half the words, or the postcode: anything less is not this query's address.
    if (words.explained < needWords && !postcodeAgrees) return;
    if (hide.size > 0 && hide.has(index.addresses[i]!.row.uprn)) {
      hidden.push({ uprn: index.addresses[i]!.row.uprn, score });
      return;
    }
    const hundredths = Math.round(score * 100);
    const before = scratch[i]!;
    if (before === UNSET) touched[count++] = i;
    if (hundredths > before) scratch[i] = hundredths;
    if (score > best) best = score;
  };
  // Only words typed, for a first page: every address scores as its place does (place-page.ts).
  const want = Math.max(offset + limit, 2);
  const byPlace = !typedUnit && !typedPostcode && want <= 64 && !exhaustive.on;
  let chosen = 0;
  try {
    // The postcode's addresses first, then places best first: once a place could not reach the
    // best so far even with its number and postcode agreeing, no later place can either.
    for (const i of postcodeCandidates(index, q)) {
      const a = index.addresses[i]!;
      let words = wordsOf(a.streetPlace);
      if (a.buildingPlace >= 0 && wordsOf(a.buildingPlace).points > words.points) words = wordsOf(a.buildingPlace);
      consider(i, words);
    }
    const bonus = (typedUnit ? WEIGHTS.unit.flat : 0) + (q.postcode ? WEIGHTS.postcode.full : q.postcodeStart ? WEIGHTS.postcode.startWithSector : 0);
    const placeCount = placesBestFirst(index, candidatePlaces(index, matches, scoreIdOf), scoreIdOf, distinct);
    const home = index.placeHome;
    for (let k = 0; k < placeCount; k++) {
      const p = index.placesInOrder[k]!;
      const words = wordsOf(p);
      // A group's members that score otherwise (place-groups.ts) are scored on their own or with another group.
      const owners = index.memberOf(p);
      // A group whose every member was taken out scores nothing itself.
      if (owners && index.takenOut.getOr(p, 0) === index.placeSize[p]) continue;
      if (words.points + bonus < best - WINDOW) break;
      if (byPlace) {
        if (words.explained < needWords) continue;
        if (words.points > best) best = words.points;
        index.chosenPlaces[chosen] = p;
        index.chosenHundredths[chosen++] = Math.round(words.points * 100);
        continue;
      }
      if (typedUnit && !typedPostcode && !exhaustive.on) {
        // Too few words explained: no address here is this query's (consider would refuse each).
        if (words.explained < needWords) continue;
        // A house that does not agree with the number typed scores as a mismatch; while even
        // that could not reach the page, only the houses that might agree need scoring.
        // Those are scored first, so that the first place visited sets the best by them rather
        // than by scoring every house on it (a group of a town's streets has thousands).
        // (Scoring one twice, or out of order, changes nothing but the order hidden ones are met in.)
        const mismatchPoints = Math.round((words.points + WEIGHTS.unit.mismatch) * 100);
        const settled = mismatchPoints < Math.round((best - WINDOW) * 100);
        if (settled || owners) {
          for (const i of mightAgree(index, p, q, hide.size > 0, words.buildingNamed)) if (!owners || inGroup(home, owners[i]!, p)) consider(i, words);
          if (settled || mismatchPoints < Math.round((best - WINDOW) * 100)) continue;
        }
      }
      const addresses = index.places[p]!.addresses;
      if (typedUnit || typedPostcode) {
        for (let k = 0; k < addresses.length; k++) if (!owners || inGroup(home, owners[addresses[k]!]!, p)) consider(addresses[k]!, words);
        continue;
      }
      // Nothing but words typed: every address here scores as its street or building does.
      if (words.explained < needWords) continue;
      const hundredths = Math.round(words.points * 100);
      if (words.points > best) best = words.points;
      for (let k = 0; k < addresses.length; k++) {
        const i = addresses[k]!;
        if (owners && !inGroup(home, owners[i]!, p)) continue;
        if (hide.size > 0 && hide.has(index.addresses[i]!.row.uprn)) continue;
        const before = scratch[i]!;
        if (before === UNSET) touched[count++] = i;
        if (hundredths > before) scratch[i] = hundredths;
      }
    }

  } catch (error) {
    // The scratch scores must be clear for the next search, whatever went wrong in this one.
    for (let t = 0; t < count; t++) scratch[touched[t]!] = UNSET;
    throw error;
  }
  const floor = Math.round((best - WINDOW) * 100);
  const { top, total } = byPlace
    ? pageByPlace(index, countAtLeast(index.chosenHundredths, chosen, floor), hide, want)
    : selectBest(index, count, floor, want);

  const detail = (i: number): Scored => {
    const a = index.addresses[i]!;
    let words = q.words.length === 0 ? NO_WORDS : wordsOf(a.streetPlace);
    if (a.buildingPlace >= 0 && q.words.length > 0 && wordsOf(a.buildingPlace).points > words.points) words = wordsOf(a.buildingPlace);
    const unit = unitAgreement(a, q, words.buildingNamed);
    const postcode = postcodeAgreement(a, q);
    return { address: i, score: words.points + unitPoints(unit) + postcodePoints(postcode), words, unit, postcode };
  };
  const firstTwo = top.slice(0, 2).map(detail);
  // Only a query that names a house or a full postcode names one address: a street or a town
  // matches a hidden address as it matches every other, and is no attempt to find it.
  const named = typedUnit || q.postcode !== null;
  const hiddenNamed = named ? hidden.filter((h) => h.score >= Math.max(best, h.score) - 1).map((h) => h.uprn) : [];
  // In reading order: the order places are visited in is the search's own business.
  const hiddenInOrder = [...new Set(hiddenNamed)].sort((x, y) => index.orderOf[index.addressOf(x)]! - index.orderOf[index.addressOf(y)]!);
  return { hits: top.slice(offset, offset + limit).map(detail), total, clearFirst: isClear(q, firstTwo), hiddenNamed: hiddenInOrder };
}

/**
 * Each word's role, and for a word some typed word matched, which word it is (numbered per query).
 * Most places have one or two words matched: their signature is a number (role shape, then each
 * matched word's position and which word it matched), the rest a string; the two never meet.
 */
function placeSignature(index: SearchIndex, place: number, matched: StampedSlots): string | number {
  const start = index.placeWordStart[place]!;
  const end = index.placeWordStart[place + 1]!;
  const shape = index.roleShape[place]!;
  if (shape >= 1 << 16 || end - start >= 64) return longSignature(index.places[place]!, matched);
  let key = shape;
  let seen = 0;
  for (let w = start; w < end; w++) {
    const m = matched.get(index.placeWords[w]!);
    if (m < 0) continue;
    if (++seen > 2 || m >= 1 << 12) return longSignature(index.places[place]!, matched);
    key = (key * 64 + (w - start + 1)) * (1 << 12) + m;
  }
  // 16 bits of shape, then two of (6 bits of position, 12 of word): 52 bits, exact in a double.
  if (seen < 2) key *= seen === 0 ? (1 << 18) * (1 << 18) : 1 << 18;
  return key;
}

function longSignature(place: Place, matched: StampedSlots): string {
  let key = '';
  for (let w = 0; w < place.words.length; w++) {
    const id = matched.get(place.words[w]!);
    key += id < 0 ? `${place.roles[w]!}.` : `${place.roles[w]!}:${id},`;
  }
  return key;
}

/** Unit points are whole numbers (rank.ts's WEIGHTS): this is none of them. */
const NOT_YET = -0x80000000;
const POSTCODE_AGREEMENTS = [...Object.keys(WEIGHTS.postcode), 'none'] as PostcodeAgreement[];

import { UNSET } from './search-index.ts';
const MAX_HUNDREDTHS = 1_000_000;

/**
 * The best `want` of the `count` addresses scored (index.touched), by score then reading order,
 * leaving those below `floor` out; clears the scratch scores. A first page is picked without
 * sorting every match; a page far down sorts them.
 */
function selectBest(index: SearchIndex, count: number, floor: number, want: number): { top: number[]; total: number } {
  const { scratch, touched, orderOf } = index;
  const n = index.addresses.length;
  let total = 0;
  if (want > 64) {
    const keys = new Float64Array(count);
    for (let t = 0; t < count; t++) {
      const i = touched[t]!;
      const h = scratch[i]!;
      scratch[i] = UNSET;
      if (h >= floor) keys[total++] = (MAX_HUNDREDTHS - h) * n + orderOf[i]!;
    }
    const best = keys.subarray(0, total).sort().subarray(0, want);
    return { top: Array.from(best, (k) => index.byOrder[k % n]!), total };
  }
  const top: number[] = [];
  const keys: number[] = [];
  for (let t = 0; t < count; t++) {
    const i = touched[t]!;
    const h = scratch[i]!;
    scratch[i] = UNSET;
    if (h < floor) continue;
    total++;
    const key = (MAX_HUNDREDTHS - h) * n + orderOf[i]!;
    if (keys.length === want && key >= keys[want - 1]!) continue;
    let k = keys.length;
    while (k > 0 && keys[k - 1]! > key) k--;
    keys.splice(k, 0, key);
    top.splice(k, 0, i);
    if (keys.length > want) {
      keys.pop();
      top.pop();
    }
  }
  return { top, total };
}

/**
 * The first `count` of index.foundPlaces written to index.placesInOrder by their words score,
 * best first, and among equals in the order found (a stable sort): few scores are distinct, so
 * they are counted out, not compared place by place. Returns `count`.
 */
function placesBestFirst(index: SearchIndex, count: number, scoreIdOf: (place: number) => number, distinct: readonly WordScore[]): number {
  const ids = index.foundScores;
  for (let k = 0; k < count; k++) ids[k] = scoreIdOf(index.foundPlaces[k]!);
  // Each distinct score's rank among the distinct points, best first (equal points, equal rank).
  const points = [...new Set(distinct.map((d) => d.points))].sort((a, b) => b - a);
  const rankOf = distinct.map((d) => points.indexOf(d.points));
  const starts = new Int32Array(points.length + 1);
  for (let k = 0; k < count; k++) starts[rankOf[ids[k]!]! + 1]!++;
  for (let r = 0; r < points.length; r++) starts[r + 1]! += starts[r]!;
  for (let k = 0; k < count; k++) index.placesInOrder[starts[rankOf[ids[k]!]!]!++] = index.foundPlaces[k]!;
  return count;
}

/** How many of the first `count` values, in order from highest, are at least `floor`. */
function countAtLeast(values: Int32Array, count: number, floor: number): number {
  let n = 0;
  while (n < count && values[n]! >= floor) n++;
  return n;
}

/**
 * A place's addresses that could agree with the numbers and flats typed (rank.ts's unitAgreement:
 * anything but a mismatch), and perhaps a few that do not. With a number typed: those whose own
 * number overlaps it, and the flats and blocks with no number (a house or flat whose number
 * overlaps none typed is a mismatch, and so is a house with neither number nor flats); of those,
 * when the building was not named (`buildingNamed`), only a flat whose label is at the position of
 * the one number typed (any other, and any block, is a mismatch). With only a flat typed: the
 * flats, and the blocks with no number (any house with a number is a mismatch).
 * In reading order when `inOrder` (the order consider meets hidden ones in).
 */
function mightAgree(index: SearchIndex, place: number, q: SearchQuery, inOrder: boolean, buildingNamed: boolean): number[] {
  const out = AGREE_BUFFER;
  out.length = 0;
  const start = index.numberedStart[place]!;
  const end = index.numberedStart[place + 1]!;
  const span = index.numberedSpan[place]!;
  for (const n of q.numbers) {
    if (start === end || index.numberedLo[start]! > n.hi || index.numberedLo[end - 1]! < n.lo - span) continue;
    // In order of their low end: a number overlapping n starts at most `span` below it.
    const lo = lowerBound(start, end, (k) => index.numberedLo[k]! < n.lo - span);
    for (let k = lo; k < end && index.numberedLo[k]! <= n.hi; k++) if (index.numberedHi[k]! >= n.lo) out.push(index.numbered[k]!);
  }
  if (q.numbers.length === 0) for (let k = index.flatsStart[place]!; k < index.flatsStart[place + 1]!; k++) out.push(index.flats[k]!);
  const unnumberedEnd = index.unnumberedStart[place + 1]!;
  if (buildingNamed || q.subs.length > 0) {
    for (let k = index.unnumberedStart[place]!; k < unnumberedEnd; k++) out.push(index.unnumbered[k]!);
  } else if (q.numbers.length === 1 && q.numbers[0]!.lo === q.numbers[0]!.hi) {
    // A number alone, the building not named: only a flat at the position it names may be it.
    const n = q.numbers[0]!;
    const ordinal = labelOrdinal(`${n.lo}${n.suffix}`) ?? -1;
    const ordinals = index.unnumberedOrdinal;
    for (let k = lowerBound(index.unnumberedStart[place]!, unnumberedEnd, (m) => ordinals[m]! < ordinal); k < unnumberedEnd && ordinals[k] === ordinal; k++) out.push(index.unnumbered[k]!);
  }
  if (!inOrder || out.length < 2) return out;
  out.sort((x, y) => index.orderOf[x]! - index.orderOf[y]!);
  let kept = 1;
  for (let k = 1; k < out.length; k++) if (out[k] !== out[kept - 1]) out[kept++] = out[k]!;
  out.length = kept;
  return out;
}
/** mightAgree's answer, one place at a time: read before the next place is asked for. */
const AGREE_BUFFER: number[] = [];

/**
 * The streets and buildings the typed words could name, found by the rarest words typed, each
 * once: how many, written in the order found to index.foundPlaces. Places alike in the part of
 * their name a word was found in are found as their group (place-groups.ts). A member that a
 * typed word also reaches through another part may score otherwise: it stays in the first group
 * found that it scores alike with, and is taken out of the others (index.placeHome says where it
 * is scored, index.takenOut how many addresses a group lost); one alike with none is found alone.
 */
function candidatePlaces(index: SearchIndex, matches: readonly WordMatches[], scoreIdOf: (place: number) => number): number {
  // How many places each word is in, at most (a place holding two of its matches counts twice).
  const reach = matches.map((m) => {
    let n = 0;
    for (const id of m.keys()) n += index.placeCount[id]!;
    return n;
  });
  const rare = matches.filter((_, k) => reach[k]! > 0 && reach[k]! <= COMMON);
  // Only common words ("Mastbury", "Road"): the least common of them.
  const least = reach.reduce((b, n, k) => (n > 0 && (b < 0 || n < reach[b]!) ? k : b), -1);
  const generators = rare.length > 0 ? rare : least >= 0 ? [matches[least]!] : [];
  const out = index.foundPlaces;
  let n = 0;
  const found = index.placeFound;
  found.begin();
  const home = index.placeHome;
  home.begin();
  index.takenOut.begin();
  index.stayed.begin();
  const pending = index.pendingPlaces;
  let pendingCount = 0;
  const real = index.realPlaces;
  const { members, memberStart, partOf, partHit } = index;
  const alone = (p: number) => {
    // (A place that stayed in a group scores with it.)
    if (found.get(p) < 0 && home.get(p) < real) {
      found.set(p, 1);
      home.set(p, ALONE);
      out[n++] = p;
    }
  };
  // Which parts of places any typed word matched: worked out when a group is first found.
  let partsHit: Uint8Array | null = null;
  for (const m of generators) {
    for (const id of m.keys()) {
      const postings = index.postings[id]!;
      for (let k = 0; k < postings.length; k++) {
        const g = postings[k]!;
        if (found.get(g) >= 0) continue;
        if (g < real) {
          alone(g);
          continue;
        }
        found.set(g, 1);
        const from = memberStart[g - real]!;
        const to = memberStart[g - real + 1]!;
        if (exhaustive.on) {
          for (let j = from; j < to; j++) alone(members[j]!);
          continue;
        }
        out[n++] = g;
        partsHit ??= markPartsHit(index, matches);
        const own = index.groupPart[g - real]!;
        const a = own === 0 ? 1 : 0;
        const b = own === 2 ? 1 : 2;
        const listsA = partsHit[a] ? partOf[a]! : null;
        const listsB = partsHit[b] ? partOf[b]! : null;
        if (!listsA && !listsB) continue;
        const groupScore = scoreIdOf(g);
        let taken = 0;
        let stayed = 0;
        for (let j = from; j < to; j++) {
          const member = members[j]!;
          const listA = listsA ? listsA[member]! : -1;
          const listB = listsB ? listsB[member]! : -1;
          if ((listA < 0 || partHit.get(listA) < 0) && (listB < 0 || partHit.get(listB) < 0)) continue;
          const h = home.get(member);
          if ((h === -1 || h === PENDING) && scoreIdOf(member) === groupScore) {
            home.set(member, g);
            stayed += index.placeSize[member]!;
            continue;
          }
          taken += index.placeSize[member]!;
          if (h === -1) {
            home.set(member, PENDING);
            pending[pendingCount++] = member;
          }
        }
        index.takenOut.set(g, taken);
        index.stayed.set(g, stayed);
      }
    }
  }
  for (let k = 0; k < pendingCount; k++) if (home.get(pending[k]!) === PENDING) alone(pending[k]!);
  return n;
}

/** Marks in index.partHit every word list (of any place's part) a typed word matched; which parts any was. */
function markPartsHit(index: SearchIndex, matches: readonly WordMatches[]): Uint8Array {
  index.partHit.begin();
  const parts = new Uint8Array(PARTS);
  for (const m of matches) {
    for (const id of m.keys()) {
      const lists = index.partsOfWord[id]!;
      for (let k = 0; k < lists.length; k++) {
        index.partHit.set(lists[k]!, 1);
        parts[index.listPart[lists[k]!]!] = 1;
      }
    }
  }
  return parts;
}

/** Addresses in the postcode typed (or, for one the gazetteer lacks, in those one slip from it), or starting as typed. */
function postcodeCandidates(index: SearchIndex, q: SearchQuery): number[] {
  if (q.postcode) {
    const exact = index.byPostcode.get(q.postcode.full);
    if (exact) return exact;
    const typed = q.postcode.full.replace(' ', '');
    const near = oneOffPostcodes(index, typed);
    return near.flatMap((c) => index.byPostcode.get(`${c.slice(0, -3)} ${c.slice(-3)}`) ?? []);
  }
  if (q.postcodeStart) return postcodesStartingWith(index, q.postcodeStart).flatMap((c) => index.byPostcode.get(c) ?? []);
  return [];
}

/**
 * The gazetteer's postcodes one slip from `typed` (oneOff), sorted: each one-off spelling of it
 * looked up, rather than every postcode of the nation compared with it.
 */
function oneOffPostcodes(index: SearchIndex, typed: string): string[] {
  const found = new Set<string>();
  const keep = (c: string) => {
    if (index.compactPostcodeSet.has(c) && oneOff(c, typed)) found.add(c);
  };
  for (let i = 0; i < typed.length; i++) {
    for (const ch of index.postcodeAlphabet) if (ch !== typed[i]) keep(typed.slice(0, i) + ch + typed.slice(i + 1));
    if (i + 1 < typed.length) keep(typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2));
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether any postcode starts as typed ("MB34"): the first at or after it in order does, if any. */
function anyPostcodeStartsWith(index: SearchIndex, start: string): boolean {
  const codes = index.compactPostcodes;
  const lo = lowerBound(0, codes.length, (k) => codes[k]! < start);
  return lo < codes.length && codes[lo]!.startsWith(start);
}

/** The whole postcodes ("MB3 4RT") that start as typed ("MB34"). */
function postcodesStartingWith(index: SearchIndex, start: string): string[] {
  const codes = index.compactPostcodes;
  const lo = lowerBound(0, codes.length, (k) => codes[k]! < start);
  const out: string[] = [];
  for (let k = lo; k < codes.length && codes[k]!.startsWith(start); k++) out.push(`${codes[k]!.slice(0, -3)} ${codes[k]!.slice(-3)}`);
  return out;
}


/**
 * The first is clearly the address typed when everything typed agrees with it (its number and
 * flat, every word, its whole street or building name or its postcode) and nothing else comes
 * close. Otherwise the search key shows the list: a wrong house opened is worse than a choice.
 */
function isClear(q: SearchQuery, kept: readonly Scored[]): boolean {
  const top = kept[0];
  if (!top) return false;
  const second = kept[1];
  if (second && top.score - second.score < CLEAR_MARGIN) return false;
  // No number typed: only a named house, its whole name typed ("The Old Forge, Mill Drive").
  if (q.numbers.length === 0 && q.subs.length === 0) {
    if (!top.words.buildingWhole) return false;
  } else if (top.unit !== 'exact' && top.unit !== 'flat') return false;
  if (top.words.explained < q.words.length || top.words.weakest < 0.6) return false;
  if (q.postcode && top.postcode !== 'full' && top.postcode !== 'oneOff') return false;
  if (q.postcodeStart && top.postcode !== 'start' && top.postcode !== 'startWithSector') return false;
  return top.words.wholeName || top.postcode === 'full';
}
