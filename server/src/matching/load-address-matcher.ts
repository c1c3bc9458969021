import { getGazetteerEntries, getGazetteerVersion, type Db } from '@mast/db';
import type { GazetteerEntry } from './address-match.ts';

/** The gazetteer as it is now, as the matcher reads it. */
export async function loadGazetteerEntries(db: Db): Promise<GazetteerEntry[]> {
  return (await getGazetteerEntries(db)).map((e) => ({ ...e, uprn: Number(e.uprn) }));
}

/** Which gazetteer a database holds now, as a key that changes whenever its addresses do, and
 * how many addresses it has. */
export interface GazetteerVersion {
  key: string;
  addresses: number;
}

/** Each database this process uses, numbered: two databases may both be at load 1. */
const databases = new WeakMap<Db, number>();
let databasesSeen = 0;

/** The gazetteer's version: the newest load (every write to the addresses table is a load, and
 * records one in its transaction). Read before the entries, never after: a load that commits in
 * between then only makes the next file build the matcher again, instead of leaving newer
 * entries filed under an older version. */
export async function currentGazetteer(db: Db): Promise<GazetteerVersion> {
  if (!databases.has(db)) databases.set(db, ++databasesSeen);
  const { version, addresses } = await getGazetteerVersion(db);
  return { key: `${databases.get(db)}:${version}`, addresses };
}
