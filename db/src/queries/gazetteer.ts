// Gazetteer queries: load (and its version), read for matching and for the address search.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { addresses } from '../schema/addresses.ts';
import { gazetteerLoads } from '../schema/gazetteer-loads.ts';
import { rows } from './rows.ts';
import { columnList, unnestRows, updateFromExcluded, type BulkColumn } from './bulk.ts';

export type AddressInsert = typeof addresses.$inferInsert;

const ADDRESS_COLUMNS: BulkColumn<AddressInsert>[] = [
  { name: 'uprn', type: 'bigint[]', value: (a) => a.uprn },
  { name: 'parent_uprn', type: 'bigint[]', value: (a) => a.parentUprn ?? null },
  { name: 'sub_building', type: 'text[]', value: (a) => a.subBuilding ?? null },
  { name: 'building_name', type: 'text[]', value: (a) => a.buildingName ?? null },
  { name: 'building_number', type: 'text[]', value: (a) => a.buildingNumber ?? null },
  { name: 'street', type: 'text[]', value: (a) => a.street },
  { name: 'locality', type: 'text[]', value: (a) => a.locality ?? null },
  { name: 'town', type: 'text[]', value: (a) => a.town },
  { name: 'postcode', type: 'text[]', value: (a) => a.postcode },
  { name: 'latitude', type: 'float8[]', value: (a) => a.latitude ?? null },
  { name: 'longitude', type: 'float8[]', value: (a) => a.longitude ?? null },
  { name: 'label', type: 'text[]', value: (a) => a.label },
];

export async function upsertAddresses(db: Db, batch: AddressInsert[]): Promise<void> {
  if (batch.length === 0) return;
  await db.execute(
    sql`INSERT INTO addresses (${columnList(ADDRESS_COLUMNS)}) ${unnestRows(batch, ADDRESS_COLUMNS)}
        ON CONFLICT (uprn) DO UPDATE SET ${updateFromExcluded(ADDRESS_COLUMNS.slice(1).map((c) => c.name))}`,
  );
}

/** The parts of an address the matcher compares (and the search ranks by). */
const ADDRESS_PARTS = {
  uprn: addresses.uprn,
  subBuilding: addresses.subBuilding,
  buildingName: addresses.buildingName,
  buildingNumber: addresses.buildingNumber,
  street: addresses.street,
  locality: addresses.locality,
  town: addresses.town,
  postcode: addresses.postcode,
};

export async function getGazetteerEntries(db: Db) {
  return db.select(ADDRESS_PARTS).from(addresses);
}

export async function countAddresses(db: Db): Promise<number> {
  const [r] = await rows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM addresses`);
  return Number(r?.n ?? 0);
}

/** Every address with what the address search ranks and shows it by (server/src/lookup/search/). */
export async function getSearchAddresses(db: Db) {
  return db
    .select({ ...ADDRESS_PARTS, parentUprn: addresses.parentUprn, label: addresses.label })
    .from(addresses);
}

/** getSearchState's statement (the lookup benchmark EXPLAINs it). */
export function searchStateStatement(withSensitive: boolean): SQL {
  return sql`SELECT (SELECT id FROM gazetteer_loads ORDER BY id DESC LIMIT 1) AS version,
                    CASE WHEN ${withSensitive}::boolean
                         THEN (SELECT coalesce(array_agg(DISTINCT uprn), '{}') FROM involvements WHERE sensitive AND uprn IS NOT NULL) END AS sensitive`;
}

/**
 * What a search reads before it ranks, in one statement: the gazetteer's version and, when the
 * searcher may not find them, the places a partner marked sensitive (few, through a partial index).
 */
export async function getSearchState(db: Db, withSensitive: boolean): Promise<{ version: number; sensitive: Set<number> | undefined }> {
  const [r] = await rows<{ version: number | null; sensitive: (number | string)[] | null }>(db, searchStateStatement(withSensitive), 'search-state');
  return { version: r?.version ?? 0, sensitive: r?.sensitive ? new Set(r.sensitive.map(Number)) : undefined };
}

/** The gazetteer's version (the newest load's id, 0 before any) and its number of addresses:
 * as that load counted them, or counted now when there is no load yet. */
export async function getGazetteerVersion(db: Db): Promise<{ version: number; addresses: number }> {
  const [r] = await rows<{ version: number | null; addresses: string | number }>(
    db,
    sql`SELECT l.id AS version, coalesce(l.addresses, (SELECT count(*) FROM addresses)) AS addresses
        FROM (SELECT 1) AS one LEFT JOIN (SELECT id, addresses FROM gazetteer_loads ORDER BY id DESC LIMIT 1) AS l ON true`,
  );
  return { version: r?.version ?? 0, addresses: Number(r?.addresses ?? 0) };
}

/** Records a load of the gazetteer (in the load's transaction): the search makes its copy again. */
export async function recordGazetteerLoad(db: Db, addressCount: number): Promise<void> {
  await db.insert(gazetteerLoads).values({ addresses: addressCount });
}
