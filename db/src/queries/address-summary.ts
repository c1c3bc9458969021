// What mast knows at one address (and the flats under it): the involvement rows there, the
// rows of the people known there wherever they happened, and each feed's latest delivery.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';

export interface AddressWithUnitsRow {
  uprn: number;
  parent_uprn: number | null;
  label: string;
  postcode: string;
  sub_building: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** The address itself and the flats whose parent it is, in one read. */
export async function getAddressWithUnits(db: Db, uprn: number): Promise<AddressWithUnitsRow[]> {
  const found = await rows<AddressWithUnitsRow>(
    db,
    sql`SELECT uprn, parent_uprn, label, postcode, sub_building, latitude, longitude
        FROM addresses WHERE uprn = ${uprn} OR parent_uprn = ${uprn}`,
  );
  return found.map((r) => ({ ...r, uprn: Number(r.uprn), parent_uprn: r.parent_uprn === null ? null : Number(r.parent_uprn) }));
}

export interface InvolvementRow {
  feed: string;
  at_address: boolean;
  person_id: number | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  category: string;
  contact_date: string;
  open: boolean | null;
  team: string;
  phone: string;
  hours: string;
}

/**
 * Involvement rows that count today (an open case, or a contact or closure since `since`) at
 * the address and its flats, plus every such row of a person known there.
 */
export async function getInvolvementsAround(db: Db, uprn: number, since: string): Promise<InvolvementRow[]> {
  const found = await rows<InvolvementRow>(
    db,
    sql`WITH here AS (SELECT uprn FROM addresses WHERE uprn = ${uprn} OR parent_uprn = ${uprn}),
             known AS (SELECT DISTINCT person_id FROM involvements
                       WHERE uprn IN (SELECT uprn FROM here) AND person_id IS NOT NULL)
        SELECT i.feed, (i.uprn IS NOT NULL AND i.uprn IN (SELECT uprn FROM here)) AS at_address,
               i.person_id, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth,
               i.category, i.contact_date::text AS contact_date, i.open,
               t.name AS team, t.phone, t.hours
        FROM involvements i
        JOIN teams t ON t.id = i.lead_team_id
        LEFT JOIN persons p ON p.id = i.person_id
        WHERE (i.uprn IN (SELECT uprn FROM here) OR i.person_id IN (SELECT person_id FROM known))
          AND (i.open IS TRUE OR i.contact_date >= ${since}::date OR i.closed_on >= ${since}::date)
        ORDER BY i.contact_date DESC, i.id DESC`,
  );
  return found.map((r) => ({ ...r, person_id: r.person_id === null ? null : Number(r.person_id) }));
}

/** When each feed last delivered a file. */
export async function getFeedDeliveries(db: Db): Promise<Map<string, Date>> {
  const found = await rows<{ feed: string; last: Date | string }>(
    db,
    sql`SELECT feed, max(received_at) AS last FROM feed_uploads GROUP BY feed`,
  );
  return new Map(found.map((r) => [r.feed, new Date(r.last)]));
}
