// A nation has a Mill Lane in a hundred towns, a Rose Cottage on a hundred streets, and a town
// has a thousand streets. A typed word that names only a street's own words ("mill la") scores
// every Mill Lane of the same shape alike, wherever it is; one that names only a building's name
// ("rose cot") scores every Rose Cottage alike, whatever street it is on; one that names only the
// town ("12 h", reaching Hambury) scores every street of that town alike. The search (search.ts)
// scores and visits such places as one group, not one by one.
//
// A place's words fall in parts: its building's name, its street's name, its locality and town.
// A place is in one group for each part it has: the places of the same shape (the same parts
// played by its words, in the same order) with the same words in that part. A group is itself a
// place to the search: its words are its members' with the other parts' words masked, and its
// addresses are all of theirs in reading order. A member a typed word reaches through another
// part as well (Mill Lane, Hambury for "mill la, ham") may score otherwise: the search keeps it
// in one group it scores alike with, takes it out of the others, and scores it alone if none.
import type { Place } from './search-index.ts';
import type { StampedSlots } from './stamped-slots.ts';

export const PARTS = 3;

/** Where a search scores a place it found through a group (SearchIndex.placeHome), when not with
 * a group: on its own; or not yet known (on its own, unless a group found later scores it alike). */
export const ALONE = -3;
export const PENDING = -2;

/** Whether a search scores a member of `group` with it (not on its own, nor with another group it is in). */
export function inGroup(home: StampedSlots, member: number, group: number): boolean {
  const h = home.get(member);
  return h === -1 || h === group;
}

export interface PlaceGroups {
  /** The groups, as places, in group order (their place ids follow the real places'). */
  groups: Place[];
  /** Group -> the part its members share. */
  groupPart: Uint8Array;
  /** Part -> real place -> the place it is found by through that part: a group's id, or its own
   * id when no other place shares that part (a group of one is the place); -1 when it has no such part. */
  entry: Int32Array[];
  /** Group g's members are members[memberStart[g] .. memberStart[g + 1]]. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Part -> real place -> which distinct word list it has in that part (-1 for none); each list's words and part. */
  partOf: Int32Array[];
  partWords: Int32Array[];
  listPart: Uint8Array;
}

/**
 * Groups `places` by each part. `partOfRole(role)`: the part (0 to PARTS - 1) a word of that role
 * is in. `shapeOf`: a number per place, the same for places alike in the parts their words play,
 * in order (so a word's position in a group's words is its position in every member's).
 * `masked`: a word id no typed word matches.
 */
export function groupPlaces(
  places: readonly Place[],
  shapeOf: Int32Array,
  orderOf: Int32Array,
  partOfRole: (role: number) => number,
  masked: number,
): PlaceGroups {
  const count = places.length;
  const byKey = new Map<string, number[]>();
  const listIds = new Map<string, number>();
  const partWords: Int32Array[] = [];
  const listPart: number[] = [];
  const partOf = Array.from({ length: PARTS }, () => new Int32Array(count).fill(-1));
  const keys: (string | null)[][] = [];
  for (let p = 0; p < count; p++) {
    const { words, roles } = places[p]!;
    const lists: number[][] = Array.from({ length: PARTS }, () => []);
    for (let w = 0; w < words.length; w++) lists[partOfRole(roles[w]!)]!.push(words[w]!);
    const mine: (string | null)[] = [];
    for (let part = 0; part < PARTS; part++) {
      if (lists[part]!.length === 0) {
        mine.push(null);
        continue;
      }
      const list = `${part}|${lists[part]!.join(',')}`;
      let id = listIds.get(list);
      if (id === undefined) {
        listIds.set(list, (id = partWords.length));
        partWords.push(Int32Array.from(lists[part]!));
        listPart.push(part);
      }
      partOf[part]![p] = id;
      const key = `${shapeOf[p]}|${list}`;
      mine.push(key);
      const members = byKey.get(key);
      if (members) members.push(p);
      else byKey.set(key, [p]);
    }
    keys.push(mine);
  }

  const groups: Place[] = [];
  const groupPart: number[] = [];
  const memberLists: number[][] = [];
  const groupOfKey = new Map<string, number>();
  for (const [key, members] of byKey) {
    if (members.length < 2) continue;
    const first = places[members[0]!]!;
    const part = Number(key.slice(key.indexOf('|') + 1, key.indexOf('|') + 2));
    const words = Int32Array.from(first.words, (id, w) => (partOfRole(first.roles[w]!) === part ? id : masked));
    const addresses = Int32Array.from(members.flatMap((m) => Array.from(places[m]!.addresses))).sort((x, y) => orderOf[x]! - orderOf[y]!);
    groupOfKey.set(key, count + groups.length);
    groups.push({ words, roles: first.roles, addresses });
    groupPart.push(part);
    memberLists.push(members);
  }
  const entry = Array.from({ length: PARTS }, (_, part) =>
    Int32Array.from(keys, (mine, p) => {
      const key = mine[part];
      return key === null || key === undefined ? -1 : (groupOfKey.get(key) ?? p);
    }),
  );
  const memberStart = new Int32Array(groups.length + 1);
  memberLists.forEach((m, g) => (memberStart[g + 1] = memberStart[g]! + m.length));
  const members = new Int32Array(memberStart[groups.length]!);
  memberLists.forEach((m, g) => members.set(m, memberStart[g]!));
  return { groups, groupPart: Uint8Array.from(groupPart), entry, memberStart, members, partOf, partWords, listPart: Uint8Array.from(listPart) };
}
