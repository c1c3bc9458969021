import { getGazetteerEntries, type Db } from '@mast/db';
import { buildAddressMatcher, type AddressMatcher, type GazetteerEntry } from './address-match.ts';

/** The gazetteer as it is now, as the matcher reads it. */
export async function loadGazetteerEntries(db: Db): Promise<GazetteerEntry[]> {
  return (await getGazetteerEntries(db)).map((e) => ({ ...e, uprn: Number(e.uprn) }));
}

/** Builds the matcher from the gazetteer as it is now (one read, then all in memory for the file). */
export async function loadAddressMatcher(db: Db): Promise<AddressMatcher> {
  return buildAddressMatcher(await loadGazetteerEntries(db));
}
