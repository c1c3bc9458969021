// Gazetteer queries: load, read for matching, type-ahead search, one address and its flats.
import { sql, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { addresses } from '../schema/addresses.ts';
import { rows, excludedSet } from './rows.ts';

export type AddressInsert = typeof addresses.$inferInsert;
export type AddressRow = typeof addresses.$inferSelect;

const UPDATABLE = [
  'parentUprn', 'subBuilding', 'buildingName', 'buildingNumber', 'street', 'locality', 'town',
  'postcode', 'latitude', 'longitude', 'label', 'searchText',
] as const;

export async function upsertAddresses(db: Db, batch: AddressInsert[]): Promise<void> {
  if (batch.length === 0) return;
  await db.insert(addresses).values(batch).onConflictDoUpdate({ target: addresses.uprn, set: excludedSet(addresses, UPDATABLE) });
}

export async function getGazetteerEntries(db: Db) {
  return db
    .select({
      uprn: addresses.uprn,
      subBuilding: addresses.subBuilding,
      buildingName: addresses.buildingName,
      buildingNumber: addresses.buildingNumber,
      street: addresses.street,
      locality: addresses.locality,
      town: addresses.town,
      postcode: addresses.postcode,
    })
    .from(addresses);
}

export async function countAddresses(db: Db): Promise<number> {
  const [r] = await rows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM addresses`);
  return Number(r?.n ?? 0);
}

export interface AddressSearchHit {
  uprn: number;
  label: string;
  postcode: string;
  parent_uprn: number | null;
  units: number;
}

/**
 * Type-ahead: word similarity of the query to each address (so partials and typos score well),
 * with a lift when the query's house number is the address's own, ten best first.
 * `text` must already be normalised to the search_text form (upper case, no punctuation).
 */
export async function searchAddresses(db: Db, text: string, houseNumber: string | null, limit = 10): Promise<AddressSearchHit[]> {
  const found = await rows<AddressSearchHit>(
    db,
    sql`SELECT a.uprn, a.label, a.postcode, a.parent_uprn,
               (SELECT count(*)::int FROM addresses c WHERE c.parent_uprn = a.uprn) AS units
        FROM (
          SELECT uprn, label, postcode, parent_uprn,
                 word_similarity(${text}, search_text)
                   + CASE WHEN ${houseNumber}::text IS NOT NULL
                           AND (building_number = ${houseNumber} OR sub_building ILIKE '%' || ${houseNumber})
                          THEN 0.25 ELSE 0 END AS score
          FROM addresses
          WHERE ${text} <% search_text
          ORDER BY score DESC, length(search_text), uprn
          LIMIT ${limit}
        ) a
        ORDER BY a.score DESC, length(a.label), a.uprn`,
  );
  return found.map((h) => ({ ...h, uprn: Number(h.uprn), parent_uprn: h.parent_uprn === null ? null : Number(h.parent_uprn) }));
}

export async function getAddress(db: Db, uprn: number): Promise<AddressRow | undefined> {
  const [row] = await db.select().from(addresses).where(eq(addresses.uprn, uprn));
  return row;
}

export async function getUnits(db: Db, parentUprn: number): Promise<{ uprn: number; label: string }[]> {
  return db
    .select({ uprn: addresses.uprn, label: addresses.label })
    .from(addresses)
    .where(eq(addresses.parentUprn, parentUprn))
    .orderBy(sql`length(${addresses.subBuilding})`, addresses.subBuilding, addresses.uprn);
}
