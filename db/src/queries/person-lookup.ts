// Finding a person and reading their page. The search reads candidates the cheap ways (the date
// of birth asked and the same day with day and month swapped, an NHS number, names alike by
// trigrams, which also meet given and family names the wrong way round); the matcher scores them
// in the server. The page reads a person's involvements wherever they happened, in one statement.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';
import { ALERT_ROW_COLUMNS, ALERT_ROW_JOINS, type AlertRow } from './alerts.ts';
import { deliveriesByFeed, INVOLVEMENT_ROW_COLUMNS, INVOLVEMENT_ROW_JOINS, LATEST_DELIVERIES, liveInvolvement, type InvolvementRow, type PlaceRow } from './address-summary.ts';

export interface PersonSearchAsk {
  /** "given family" in lower case, for trigram similarity; '' to skip names. */
  name: string;
  /** Dates of birth to read (YYYY-MM-DD): the one asked and its day-month swap. */
  datesOfBirth: string[];
  nhsNumber: string | null;
  /** The live window's start (YYYY-MM-DD). */
  since: string;
}

/** What a candidate's records say, as the matcher compares them. */
export interface CandidateRecord {
  feed: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string | null;
  nhs_number: string | null;
}

/** An involvement of a candidate reduced to what decides whether the viewer may know of it, and where. */
export interface CandidateSighting {
  feed: string;
  category: string;
  uprn: number | null;
  label: string | null;
  postcode: string | null;
  sensitive: boolean;
  last: string;
}

export interface PersonCandidate {
  id: number;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  records: CandidateRecord[];
  sightings: CandidateSighting[];
}

/** At most this many people are scored for one search: a very common name meets its best by trigram order. */
export const MAX_CANDIDATES = 300;

/** Name matches taken by trigram similarity, best first. */
const NAME_CANDIDATES = 120;

export async function findPersonCandidates(db: Db, ask: PersonSearchAsk): Promise<PersonCandidate[]> {
  const found = await rows<PersonCandidate>(
    db,
    sql`WITH cand AS (
          SELECT person_id FROM person_records WHERE date_of_birth = ANY(${sql.param(ask.datesOfBirth)}::date[])
          UNION
          SELECT person_id FROM person_records WHERE ${ask.nhsNumber}::text IS NOT NULL AND nhs_number = ${ask.nhsNumber}::text
          UNION
          SELECT id FROM (SELECT id FROM persons
                          WHERE ${ask.name}::text <> '' AND lower(given_name || ' ' || family_name) % ${ask.name}::text
                          ORDER BY similarity(lower(given_name || ' ' || family_name), ${ask.name}::text) DESC, id
                          LIMIT ${NAME_CANDIDATES}) by_name),
        picked AS (SELECT person_id FROM cand LIMIT ${MAX_CANDIDATES})
        SELECT p.id, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth,
               COALESCE((SELECT json_agg(json_build_object('feed', r.feed, 'given_name', r.given_name, 'family_name', r.family_name,
                                                           'date_of_birth', r.date_of_birth::text, 'sex', r.sex, 'nhs_number', r.nhs_number))
                         FROM person_records r WHERE r.person_id = p.id), '[]') AS records,
               COALESCE((SELECT json_agg(s) FROM (
                           SELECT i.feed, i.category, i.uprn, a.label, a.postcode,
                                  EXISTS (SELECT 1 FROM involvements x WHERE x.uprn = i.uprn AND x.sensitive) AS sensitive, max(i.contact_date)::text AS last
                           FROM involvements i LEFT JOIN addresses a ON a.uprn = i.uprn
                           WHERE i.person_id = p.id AND ${liveInvolvement(ask.since)}
                           GROUP BY i.feed, i.category, i.uprn, a.label, a.postcode
                           ORDER BY max(i.contact_date) DESC) s), '[]') AS sightings
        FROM persons p
        WHERE p.id = ANY(ARRAY(SELECT person_id FROM picked))`,
    'person-candidates',
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
