import { getGazetteerEntries, type Db } from '@mast/db';
import { buildAddressMatcher, type AddressMatcher } from './address-match.ts';

/** Builds the matcher from the gazetteer as it is now (one read, then all in memory for the file). */
export async function loadAddressMatcher(db: Db): Promise<AddressMatcher> {
  const entries = await getGazetteerEntries(db);
  return buildAddressMatcher(entries.map((e) => ({ ...e, uprn: Number(e.uprn) })));
}
