// The first page of a search where only words were typed ("hig", "mill lane"): every address then
// scores as the better of its street and its building, so the match count is added up place by
// place and the page is picked from each place's own reading-ordered list. A nation has a High
// Street in every town; this answers without visiting each of their addresses, and gives exactly
// what scoring every address and ordering them (search.ts's selectBest) gives.
import { ALONE, inGroup, PARTS } from './place-groups.ts';
import type { SearchIndex } from './search-index.ts';

/**
 * The first `count` places of index.chosenPlaces, best first (their words score in hundredths, as
 * selectBest keeps it, in index.chosenHundredths: non-increasing, each at or above the floor),
 * are those whose addresses match. `hide`: UPRNs never to answer. The best `want` addresses, by
 * score then reading order, and how many addresses match in all.
 */
export function pageByPlace(index: SearchIndex, count: number, hide: ReadonlySet<number>, want: number): { top: number[]; total: number } {
  const level = index.placeChosen;
  level.begin();
  for (let k = 0; k < count; k++) level.set(index.chosenPlaces[k]!, index.chosenHundredths[k]!);
  const NONE = -0x80000000;
  const real = index.realPlaces;
  const home = index.placeHome;
  // A real place's score: its own when it was found alone, else that of the group it is scored with
  // (place-groups.ts; search.ts's candidatePlaces): the one it stayed in, or the only one found.
  const levelOf = (place: number): number => {
    if (place >= real) return level.getOr(place, NONE);
    const h = home.get(place);
    if (h === ALONE) return level.getOr(place, NONE);
    if (h >= real) return level.getOr(h, NONE);
    for (let part = 0; part < PARTS; part++) {
      const group = index.entry[part]![place]!;
      const atLevel = group >= real ? level.getOr(group, NONE) : NONE;
      if (atLevel !== NONE) return atLevel;
    }
    return NONE;
  };
  // A building's addresses are all on its street: when both match, they count once, with the street.
  const countsAlone = (building: number) => levelOf(index.streetOf[building]!) === NONE;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const place = index.chosenPlaces[k]!;
    const street = index.streetOf[place]!;
    const size = index.placeSize[place]! - index.takenOut.getOr(place, 0);
    if (street === place) total += size;
    else if (place < real) total += countsAlone(place) ? size : 0;
    else {
      // A group's buildings all count, or none do, by its members' streets' group; those that
      // stayed in it though another part of their name was typed, each by its own street.
      const stayed = index.stayed.getOr(place, 0);
      if (street < 0 || levelOf(street) === NONE) total += size - stayed;
      if (stayed > 0) {
        for (let j = index.memberStart[place - real]!; j < index.memberStart[place - real + 1]!; j++) {
          const member = index.members[j]!;
          if (home.get(member) === place && countsAlone(member)) total += index.placeSize[member]!;
        }
      }
    }
  }
  const scoreOf = (i: number): number => {
    const street = levelOf(index.streetPlaceOf[i]!);
    const building = index.buildingPlaceOf[i]!;
    return building >= 0 ? Math.max(street, levelOf(building)) : street;
  };
  const hidden = new Set<number>();
  for (const uprn of hide) {
    const i = index.addressOf(uprn);
    if (i >= 0 && scoreOf(i) !== NONE) hidden.add(i);
  }
  total -= hidden.size;

  const top: number[] = [];
  const { orderOf } = index;
  for (let k = 0; k < count && top.length < want; ) {
    const h = index.chosenHundredths[k]!;
    let end = k;
    while (end < count && index.chosenHundredths[end] === h) end++;
    // The earliest in reading order of the addresses scoring h (not more, by their other place).
    const room = want - top.length;
    const orders: number[] = [];
    const picks: number[] = [];
    for (let j = k; j < end; j++) {
      const place = index.chosenPlaces[j]!;
      const addresses = index.places[place]!.addresses;
      // A group's members scored elsewhere are picked from there.
      const owners = index.memberOf(place);
      for (let t = 0; t < addresses.length; t++) {
        const i = addresses[t]!;
        const o = orderOf[i]!;
        // Each place's list is in reading order: nothing later in it can make the page.
        if (orders.length === room && o >= orders[room - 1]!) break;
        if ((owners && !inGroup(home, owners[i]!, place)) || scoreOf(i) !== h || hidden.has(i)) continue;
        let at = orders.length;
        while (at > 0 && orders[at - 1]! > o) at--;
        if (at > 0 && orders[at - 1] === o) continue;
        orders.splice(at, 0, o);
        picks.splice(at, 0, i);
        if (orders.length > room) {
          orders.pop();
          picks.pop();
        }
      }
    }
    top.push(...picks);
    k = end;
  }
  return { top, total };
}
