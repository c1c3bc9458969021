// What mast knows at one address (and the flats under it), in one statement: the places, the
// involvement rows there and those of the people known there wherever they happened, each
// feed's latest delivery of data (an upload that applied nothing does not count). One round
// trip, because this is the query an officer waits for. The view is audited by the caller, once
// it knows what the viewer was shown.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';
import { COUNTS_AS_DELIVERY, DELIVERED_AT } from './feed-admin.ts';
import { ALERT_ROW_COLUMNS, ALERT_ROW_JOINS, type AlertRow } from './alerts.ts';

export interface PlaceRow {
  uprn: number;
  parent_uprn: number | null;
  label: string;
  postcode: string;
  sub_building: string | null;
  latitude: number | null;
  longitude: number | null;
  /** A partner marked the place sensitive (a refuge, a protected person's home). */
  sensitive: boolean;
}

export interface InvolvementRow {
  feed: string;
  /** The place it was recorded at (null when its address is not matched). */
  uprn: number | null;
  at_address: boolean;
  person_id: number | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  category: string;
  contact_date: string;
  open: boolean | null;
  team_id: number;
  team_organisation_id: number;
  team: string;
  phone: string;
  hours: string;
  out_of_hours_name: string | null;
  out_of_hours_phone: string | null;
}

export interface AddressSummaryRows {
  places: PlaceRow[];
  involvements: InvolvementRow[];
  deliveries: Map<string, Date>;
  /** Open alerts at the address and its flats. */
  alerts: AlertRow[];
  /** The viewer asked about holds a break-glass here, unexpired (false when no viewer was named). */
  breakGlass: boolean;
}

/** An involvement row's columns (after feed, uprn and at_address) over `involvements i`, with the joins they need. */
export const INVOLVEMENT_ROW_COLUMNS = sql.raw(`i.person_id, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth,
  i.category, i.contact_date::text AS contact_date, i.open,
  t.id AS team_id, t.organisation_id AS team_organisation_id, t.name AS team, t.phone, t.hours, t.out_of_hours_name, t.out_of_hours_phone`);
export const INVOLVEMENT_ROW_JOINS = sql.raw(`JOIN teams t ON t.id = i.lead_team_id
  LEFT JOIN persons p ON p.id = i.person_id`);

/** Rows that count in the live window: an open case, or a contact or closure since `since`. */
export function liveInvolvement(since: string): SQL {
  return sql`(i.open IS TRUE OR i.contact_date >= ${since}::date OR i.closed_on >= ${since}::date)`;
}

/** Each feed's latest delivery of data, as a JSON array of { feed, last }. */
export const LATEST_DELIVERIES = sql`(SELECT json_agg(f) FROM (SELECT feed, max(${DELIVERED_AT}) AS last FROM feed_uploads WHERE ${COUNTS_AS_DELIVERY} GROUP BY feed) f)`;

/** The deliveries as read, by feed. */
export function deliveriesByFeed(list: { feed: string; last: string }[] | null | undefined): Map<string, Date> {
  return new Map((list ?? []).map((d) => [d.feed, new Date(d.last)]));
}

/** Whose break-glass to look for, read in the same statement as the rows. */
export interface BreakGlassAsk {
  userId: number;
  at: Date;
}

/**
 * The summary's one statement (getAddressSummaryRows runs it; the lookup benchmark EXPLAINs it).
 * Each set is reached through an index (= ANY(ARRAY(...))); an OR of two IN-lists would make the
 * planner scan every involvement.
 */
export function addressSummaryStatement(uprn: number, since: string, glass?: BreakGlassAsk): SQL {
  return sql`WITH here AS MATERIALIZED (SELECT uprn FROM addresses WHERE uprn = ${uprn} OR parent_uprn = ${uprn}),
           at_here AS MATERIALIZED (SELECT id, person_id FROM involvements WHERE uprn = ANY(ARRAY(SELECT uprn FROM here))),
           ids AS (SELECT id FROM at_here
                   UNION
                   SELECT id FROM involvements
                   WHERE person_id = ANY(ARRAY(SELECT DISTINCT person_id FROM at_here WHERE person_id IS NOT NULL))),
           inv AS (
             SELECT i.feed, i.uprn, (i.uprn IS NOT NULL AND i.uprn = ANY(ARRAY(SELECT uprn FROM here))) AS at_address, ${INVOLVEMENT_ROW_COLUMNS}
             FROM ids
             JOIN involvements i ON i.id = ids.id
             ${INVOLVEMENT_ROW_JOINS}
             WHERE ${liveInvolvement(since)}
             ORDER BY i.contact_date DESC, i.id DESC)
      SELECT
        (SELECT json_agg(a) FROM (SELECT uprn, parent_uprn, label, postcode, sub_building, latitude, longitude,
                                         EXISTS (SELECT 1 FROM involvements s WHERE s.uprn = addresses.uprn AND s.sensitive) AS sensitive
                                  FROM addresses WHERE uprn = ANY(ARRAY(SELECT uprn FROM here))) a) AS places,
        (SELECT json_agg(inv) FROM inv) AS involvements,
        ${LATEST_DELIVERIES} AS deliveries,
        (SELECT json_agg(al) FROM (SELECT ${ALERT_ROW_COLUMNS} FROM alerts a ${ALERT_ROW_JOINS}
                                   WHERE a.uprn = ANY(ARRAY(SELECT uprn FROM here)) AND a.state <> 'closed'
                                   ORDER BY a.latest_contact DESC, a.id DESC) al) AS alerts,
        EXISTS (SELECT 1 FROM break_glass g WHERE g.user_id = ${glass?.userId ?? null}::int AND g.uprn = ${uprn}
                   AND g.expires_at > ${glass?.at.toISOString() ?? null}::timestamptz) AS break_glass`;
}

/** Involvement rows count when they are an open case, or a contact or closure since `since`. */
export async function getAddressSummaryRows(db: Db, uprn: number, since: string, glass?: BreakGlassAsk): Promise<AddressSummaryRows> {
  const [r] = await rows<{
    places: PlaceRow[] | null;
    involvements: InvolvementRow[] | null;
    deliveries: { feed: string; last: string }[] | null;
    alerts: AlertRow[] | null;
    break_glass: boolean;
  }>(
    db,
    addressSummaryStatement(uprn, since, glass),
    'address-summary',
  );
  return {
    places: r?.places ?? [],
    involvements: r?.involvements ?? [],
    deliveries: deliveriesByFeed(r?.deliveries),
    alerts: r?.alerts ?? [],
    breakGlass: r?.break_glass === true,
  };
}
