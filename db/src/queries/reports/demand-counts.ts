// Demand: contacts by month, agency, category and district; reach across services; repeat demand.
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';
import { monthStart } from './report-role.ts';

export interface ContactCount {
  month: string;
  feed: string;
  category: string;
  district: string | null;
  matched: boolean;
  contacts: number;
}

/** Contacts in the months from..to (YYYY-MM, inclusive), live and copied together. */
export function contactCounts(tx: Db, from: string, to: string): Promise<ContactCount[]> {
  return rows<ContactCount>(
    tx,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, feed, category, postcode_district AS district, matched, sum(contacts)::int AS contacts
        FROM report_contacts WHERE month >= ${monthStart(from)} AND month <= ${monthStart(to)}
        GROUP BY 1, 2, 3, 4, 5`,
  );
}

export interface ReachCount {
  subject: 'households' | 'people';
  services: number;
  n: number;
}

/**
 * Households and people by how many services (1..4, 4 meaning four or more) knew them in the
 * twelve months to `to`: from the counts made at the last refresh when it made that year, else
 * counted now (slower: a board report for an older month).
 */
export async function reachCounts(tx: Db, to: string): Promise<ReachCount[]> {
  const from = await yearStart(tx, to);
  return (await refreshedYears(tx)).includes(to)
    ? rows<ReachCount>(tx, sql`SELECT subject, services, n FROM report_reach_years WHERE year_end = ${to}`)
    : rows<ReachCount>(tx, sql`SELECT subject, services, n FROM report_reach(${monthStart(from)}, ${monthStart(to)})`);
}

/** How many addresses had how many contacts in the twelve months to `to`, busiest first. */
export async function addressDemand(tx: Db, to: string): Promise<{ contacts: number; addresses: number }[]> {
  const from = await yearStart(tx, to);
  return (await refreshedYears(tx)).includes(to)
    ? rows(tx, sql`SELECT contacts, addresses FROM report_address_demand_years WHERE year_end = ${to} ORDER BY contacts DESC`)
    : rows(tx, sql`SELECT contacts, addresses FROM report_address_demand(${monthStart(from)}, ${monthStart(to)}) ORDER BY contacts DESC`);
}

async function yearStart(tx: Db, to: string): Promise<string> {
  return (await rows<{ m: string }>(tx, sql`SELECT to_char(${monthStart(to)} - interval '11 months', 'YYYY-MM') AS m`))[0]!.m;
}

/** The years (their last month, YYYY-MM) the last refresh counted: three back from the month before its as-of date. */
export async function refreshedYears(tx: Db): Promise<string[]> {
  const found = await rows<{ y: string }>(
    tx,
    sql`SELECT to_char(date_trunc('month', as_of) - make_interval(months => 1 + 12 * k), 'YYYY-MM') AS y FROM report_refresh, generate_series(0, 2) k`,
  );
  return found.map((r) => r.y);
}
