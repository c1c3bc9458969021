// The first page of a search where only words were typed ("hig", "mill lane"): every address then
// scores as the better of its street and its building, so the match count is added up place by
// place and the page is picked from each place's own reading-ordered list. A nation has a High
// Street in every town; this answers without visiting each of their addresses, and gives exactly
// what scoring every address and ordering them (search.ts's selectBest) gives.
import { PARTS } from './place-groups.ts';
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
  const found = index.placeFound;
  // A real place's score: its own when it was found on its own, else its group's (place-groups.ts).
  const levelOf = (place: number): number => {
    if (place >= real || found.get(place) >= 0) return level.getOr(place, NONE);
    for (let part = 0; part < PARTS; part++) {
      const group = index.entry[part]![place]!;
      const atLevel = group >= real ? level.getOr(group, NONE) : NONE;
      if (atLevel !== NONE) return atLevel;
    }
    return NONE;
  };
  // A building's addresses are all on its street: when both match, they count once, with the street.
  let total = 0;
  for (let k = 0; k < count; k++) {
    const place = index.chosenPlaces[k]!;
    const street = index.streetOf[place]!;
    if (street === place || street < 0 || levelOf(street) === NONE) total += index.placeSize[place]! - index.takenOut.getOr(place, 0);
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
      // A group's members found on their own are picked from their own places.
      const owners = place < real ? null : index.holdsBuildings[place] ? index.buildingPlaceOf : index.streetPlaceOf;
      for (let t = 0; t < addresses.length; t++) {
        const i = addresses[t]!;
        const o = orderOf[i]!;
        // Each place's list is in reading order: nothing later in it can make the page.
        if (orders.length === room && o >= orders[room - 1]!) break;
        if ((owners && found.get(owners[i]!) >= 0) || scoreOf(i) !== h || hidden.has(i)) continue;
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
