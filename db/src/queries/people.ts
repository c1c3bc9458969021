// Reads and writes of the person matcher: the records it links, its stored model.
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { personLinkModels } from '../schema/people.ts';
import { rows } from './rows.ts';

export interface LinkableRecord {
  id: number;
  feed: string;
  source_id: string;
  person_id: number;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string | null;
  nhs_number: string | null;
  uprn: number | null;
  postcode: string | null;
  street_key: string | null;
}

/** Every person record with what the matcher compares (the postcode is the matched address's,
 * or the one the row gave when its address could not be matched). */
export async function getLinkableRecords(db: Db): Promise<LinkableRecord[]> {
  const found = await rows<LinkableRecord>(
    db,
    sql`SELECT pr.id, pr.feed, pr.source_id, pr.person_id, pr.given_name, pr.family_name, pr.date_of_birth::text AS date_of_birth,
               pr.sex, pr.nhs_number, pr.uprn, COALESCE(a.postcode, pr.postcode) AS postcode, pr.street_key
        FROM person_records pr LEFT JOIN addresses a ON a.uprn = pr.uprn
        ORDER BY pr.id`,
  );
  return found.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id), uprn: r.uprn === null ? null : Number(r.uprn) }));
}

export async function getLatestLinkModel(db: Db): Promise<{ records: number; model: unknown } | undefined> {
  const [m] = await db.select({ records: personLinkModels.records, model: personLinkModels.model }).from(personLinkModels).orderBy(desc(personLinkModels.id)).limit(1);
  return m;
}

export async function saveLinkModel(db: Db, model: unknown, records: number): Promise<void> {
  await db.insert(personLinkModels).values({ model, records });
}

/** The records of one matched person, with what the matcher compares and what a steward reads. */
export async function getPersonRecords(db: Db, personId: number) {
  const found = await rows<LinkableRecord & { address: string | null }>(
    db,
    sql`SELECT pr.id, pr.feed, pr.source_id, pr.person_id, pr.given_name, pr.family_name, pr.date_of_birth::text AS date_of_birth,
               pr.sex, pr.nhs_number, pr.uprn, COALESCE(a.postcode, pr.postcode) AS postcode, pr.street_key, a.label AS address
        FROM person_records pr LEFT JOIN addresses a ON a.uprn = pr.uprn
        WHERE pr.person_id = ${personId}
        ORDER BY pr.id`,
  );
  return found.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id), uprn: r.uprn === null ? null : Number(r.uprn) }));
}
