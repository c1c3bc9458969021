// Reads and writes of the person matcher: the records it links, its stored model.
import { desc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
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

// After person records left or moved to someone else (retention, or a feed withdrawing or
// correcting its rows), the persons they named are settled by the two queries below: one rule
// for both, so a name and a date of birth never outlive the rows that justified them.

/**
 * Deletes the persons with neither a record nor an involvement (their review pairs and stewards'
 * decisions went with their records). `among`: a query yielding the person ids to look at;
 * without it, every person.
 */
export async function deletePersonsWithoutRows(db: Db, among?: SQL): Promise<number> {
  const [gone] = await rows<{ n: number }>(
    db,
    sql`WITH gone AS (
          DELETE FROM persons p
          WHERE NOT EXISTS (SELECT 1 FROM person_records r WHERE r.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.id)
            ${among ? sql`AND p.id IN (${among})` : sql``}
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return gone?.n ?? 0;
}

/**
 * A person shown by a name and date of birth that none of their records holds any more (the
 * record they were shown by left, or was corrected) is shown by their earliest remaining record.
 * `among`: a query yielding the person ids to look at. Returns how many were renamed.
 */
export async function showPersonsByEarliestRecord(db: Db, among: SQL): Promise<number> {
  const [renamed] = await rows<{ n: number }>(
    db,
    sql`WITH first AS (
          SELECT DISTINCT ON (r.person_id) r.person_id, r.given_name, r.family_name, r.date_of_birth
          FROM person_records r
          WHERE r.person_id IN (${among})
          ORDER BY r.person_id, r.id),
        renamed AS (
          UPDATE persons p SET given_name = f.given_name, family_name = f.family_name, date_of_birth = f.date_of_birth
          FROM first f
          WHERE p.id = f.person_id
            AND NOT EXISTS (SELECT 1 FROM person_records x
                            WHERE x.person_id = p.id AND x.given_name = p.given_name
                              AND x.family_name = p.family_name AND x.date_of_birth = p.date_of_birth)
          RETURNING 1)
        SELECT count(*)::int AS n FROM renamed`,
  );
  return renamed?.n ?? 0;
}

/** Both of the above for the persons a feed upload touched (ids sent as one array parameter). */
export async function settlePersons(db: Db, personIds: Iterable<number>): Promise<{ deleted: number; renamed: number }> {
  const ids = [...personIds].map(String);
  if (ids.length === 0) return { deleted: 0, renamed: 0 };
  const among = sql`SELECT unnest(${sql.param(ids)}::bigint[])`;
  const deleted = await deletePersonsWithoutRows(db, among);
  return { deleted, renamed: await showPersonsByEarliestRecord(db, among) };
}
