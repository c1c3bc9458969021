// Finding a person and reading their page. A search reads candidate records by plain index
// lookups (findPersonCandidates), the matcher scores them in the server, and the best are read
// with where and by whom they are known (getPersonSightings). The page reads a person's
// involvements wherever they happened, in one statement.
import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';
import { ALERT_ROW_COLUMNS, ALERT_ROW_JOINS, type AlertRow } from './alerts.ts';
import { deliveriesByFeed, INVOLVEMENT_ROW_COLUMNS, INVOLVEMENT_ROW_JOINS, LATEST_DELIVERIES, liveInvolvement, type InvolvementRow, type PlaceRow } from './address-summary.ts';

export interface PersonSearchAsk {
  /** Given names to read by, in lower case: the one typed and its short forms ([] to skip). */
  givenNames: string[];
  /** The family name typed, in lower case ('' to skip). */
  familyName: string;
  /** The given name typed, in lower case, as typed (for the initial, and for names typed the wrong way round). */
  givenTyped: string;
  /** Dates of birth to read (YYYY-MM-DD): the one asked and its day-month swap. */
  datesOfBirth: string[];
  nhsNumber: string | null;
}

/** A person record a search read, with what the matcher compares. */
export interface CandidateRecord {
  person_id: number;
  feed: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string | null;
}

/** At most this many records are read by each name key: the commonest names ("John S...") meet
 * their best through the date of birth, and the name as typed is read apart from its short forms
 * so that these never crowd it out. */
export const PER_NAME_KEY = 150;

/**
 * The person records a search could mean, read by b-tree lookups only: the date of birth asked and
 * the same day with day and month swapped; the NHS number; the given name (or a short form of it)
 * with the family name's initial, which meets a misspelt family name; the family name with the
 * given name's initial, which meets a misspelt given name; and both of those with the names the
 * wrong way round.
 */
export async function findPersonCandidates(db: Db, ask: PersonSearchAsk): Promise<CandidateRecord[]> {
  const f1 = ask.familyName.slice(0, 1);
  const g1 = ask.givenTyped.slice(0, 1);
  const found = await rows<CandidateRecord>(
    db,
    sql`SELECT r.person_id, r.feed, r.given_name, r.family_name, r.date_of_birth::text AS date_of_birth, r.nhs_number
        FROM person_records r
        WHERE r.id IN (
          SELECT id FROM person_records WHERE date_of_birth = ANY(${sql.param(ask.datesOfBirth)}::date[])
          UNION
          SELECT id FROM person_records WHERE ${ask.nhsNumber}::text IS NOT NULL AND nhs_number = ${ask.nhsNumber}::text
          UNION
          (SELECT id FROM person_records WHERE lower(given_name) = ${ask.givenTyped} AND left(lower(family_name), 1) = ${f1} LIMIT ${PER_NAME_KEY})
          UNION
          (SELECT id FROM person_records WHERE lower(given_name) = ANY(${sql.param(ask.givenNames)}::text[]) AND lower(given_name) <> ${ask.givenTyped}
                                           AND left(lower(family_name), 1) = ${f1} LIMIT ${PER_NAME_KEY})
          UNION
          (SELECT id FROM person_records WHERE lower(family_name) = ${ask.familyName} AND left(lower(given_name), 1) = ${g1} LIMIT ${PER_NAME_KEY})
          UNION
          (SELECT id FROM person_records WHERE lower(given_name) = ${ask.familyName} AND left(lower(family_name), 1) = ${g1} LIMIT ${PER_NAME_KEY})
          UNION
          (SELECT id FROM person_records WHERE lower(family_name) = ${ask.givenTyped} AND left(lower(given_name), 1) = ${f1} LIMIT ${PER_NAME_KEY}))`,
    'person-candidates',
  );
  return found.map((r) => ({ ...r, person_id: Number(r.person_id) }));
}

/** An involvement of a person reduced to what decides whether the viewer may know of it, and where. */
export interface PersonSighting {
  feed: string;
  category: string;
  uprn: number | null;
  label: string | null;
  postcode: string | null;
  sensitive: boolean;
  last: string;
}

export interface PersonSightings {
  id: number;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  /** Every name their records carry, with the feed that sent it. */
  names: { given_name: string; family_name: string; feed: string }[];
  /** Their live involvements by agency, category and place, the most recent first. */
  sightings: PersonSighting[];
}

/** For the people a search ranked best: how they are shown, their names, where and by whom they are known. */
export async function getPersonSightings(db: Db, personIds: number[], since: string): Promise<PersonSightings[]> {
  if (personIds.length === 0) return [];
  const found = await rows<PersonSightings>(
    db,
    sql`SELECT p.id, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth,
               COALESCE((SELECT json_agg(n) FROM (SELECT DISTINCT r.given_name, r.family_name, r.feed FROM person_records r WHERE r.person_id = p.id) n), '[]') AS names,
               COALESCE((SELECT json_agg(s) FROM (
                           SELECT i.feed, i.category, i.uprn, a.label, a.postcode,
                                  EXISTS (SELECT 1 FROM involvements x WHERE x.uprn = i.uprn AND x.sensitive) AS sensitive, max(i.contact_date)::text AS last
                           FROM involvements i LEFT JOIN addresses a ON a.uprn = i.uprn
                           WHERE i.person_id = p.id AND ${liveInvolvement(since)}
                           GROUP BY i.feed, i.category, i.uprn, a.label, a.postcode
                           ORDER BY max(i.contact_date) DESC) s), '[]') AS sightings
        FROM persons p
        WHERE p.id = ANY(${sql.param(personIds.map(String))}::bigint[])`,
    'person-sightings',
  );
  return found.map((p) => ({ ...p, id: Number(p.id), sightings: p.sightings.map((s) => ({ ...s, uprn: s.uprn === null ? null : Number(s.uprn) })) }));
}

export interface PersonPageRows {
  person: { id: number; given_name: string; family_name: string; date_of_birth: string } | null;
  /** The distinct names their records carry, with the feed that sent each. */
  names: { given_name: string; family_name: string; feed: string }[];
  /** The places their live involvements name, with whether a partner marked each sensitive. */
  places: Pick<PlaceRow, 'uprn' | 'label' | 'postcode' | 'sensitive'>[];
  /** Their involvements in the live window, newest first (at_address: at a matched place). */
  involvements: InvolvementRow[];
  deliveries: Map<string, Date>;
  /** Open alerts whose subject is this person. */
  alerts: AlertRow[];
}

export async function getPersonPageRows(db: Db, personId: number, since: string): Promise<PersonPageRows> {
  const [r] = await rows<{
    person: PersonPageRows['person'];
    names: PersonPageRows['names'] | null;
    places: PersonPageRows['places'] | null;
    involvements: InvolvementRow[] | null;
    deliveries: { feed: string; last: string }[] | null;
    alerts: AlertRow[] | null;
  }>(
    db,
    sql`WITH inv AS (
          SELECT i.feed, i.uprn, (i.uprn IS NOT NULL) AS at_address, ${INVOLVEMENT_ROW_COLUMNS}
          FROM involvements i
          ${INVOLVEMENT_ROW_JOINS}
          WHERE i.person_id = ${personId} AND ${liveInvolvement(since)}
          ORDER BY i.contact_date DESC, i.id DESC)
        SELECT
          (SELECT row_to_json(x) FROM (SELECT id, given_name, family_name, date_of_birth::text AS date_of_birth FROM persons WHERE id = ${personId}) x) AS person,
          (SELECT json_agg(n) FROM (SELECT DISTINCT given_name, family_name, feed FROM person_records WHERE person_id = ${personId}) n) AS names,
          (SELECT json_agg(pl) FROM (SELECT a.uprn, a.label, a.postcode,
                                            EXISTS (SELECT 1 FROM involvements s WHERE s.uprn = a.uprn AND s.sensitive) AS sensitive
                                     FROM addresses a WHERE a.uprn = ANY(ARRAY(SELECT DISTINCT uprn FROM inv WHERE uprn IS NOT NULL))) pl) AS places,
          (SELECT json_agg(inv) FROM inv) AS involvements,
          ${LATEST_DELIVERIES} AS deliveries,
          (SELECT json_agg(al) FROM (SELECT ${ALERT_ROW_COLUMNS} FROM alerts a ${ALERT_ROW_JOINS}
                                     WHERE a.person_id = ${personId} AND a.subject_kind = 'person' AND a.state <> 'closed'
                                     ORDER BY a.latest_contact DESC, a.id DESC) al) AS alerts`,
    'person-page',
  );
  return {
    person: r?.person ? { ...r.person, id: Number(r.person.id) } : null,
    names: r?.names ?? [],
    places: (r?.places ?? []).map((p) => ({ ...p, uprn: Number(p.uprn) })),
    involvements: (r?.involvements ?? []).map((i) => ({ ...i, uprn: i.uprn === null ? null : Number(i.uprn) })),
    deliveries: deliveriesByFeed(r?.deliveries),
    alerts: r?.alerts ?? [],
  };
}
