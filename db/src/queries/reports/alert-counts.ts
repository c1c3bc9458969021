// Alerts and what came of them, live and copied; and the equality report's counts.
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';
import { monthStart } from './report-role.ts';

export interface AlertCount {
  rule: string;
  subjectKind: string;
  leadFeed: string;
  agencies: string[];
  raisedMonth: string;
  hoursToAcknowledge: number | null;
  state: 'open' | 'acknowledged' | 'closed';
  closedMonth: string | null;
  closedReason: string | null;
  n: number;
}

// Summed over districts (no alert report reads them), with the agencies as one text: thousands of
// small arrays cost more to read from the driver than the query costs to run.
async function alertsWhere(tx: Db, where: ReturnType<typeof sql>): Promise<AlertCount[]> {
  const found = await rows<Omit<AlertCount, 'agencies'> & { agencies: string }>(
    tx,
    sql`SELECT rule, subject_kind AS "subjectKind", lead_feed AS "leadFeed", array_to_string(agencies, ',') AS agencies,
               to_char(raised_month, 'YYYY-MM') AS "raisedMonth", hours_to_acknowledge AS "hoursToAcknowledge", state,
               to_char(closed_month, 'YYYY-MM') AS "closedMonth", closed_reason AS "closedReason", sum(n)::int AS n
        FROM report_alerts WHERE ${where}
        GROUP BY rule, subject_kind, lead_feed, agencies, raised_month, hours_to_acknowledge, state, closed_month, closed_reason`,
  );
  return found.map((a) => ({ ...a, agencies: a.agencies === '' ? [] : a.agencies.split(',') }));
}

/** Alerts raised in the months from..to. */
export function alertCounts(tx: Db, from: string, to: string): Promise<AlertCount[]> {
  return alertsWhere(tx, sql`raised_month >= ${monthStart(from)} AND raised_month <= ${monthStart(to)}`);
}

/** Alerts closed in the months from..to, whenever they were raised. */
export function closedAlertCounts(tx: Db, from: string, to: string): Promise<AlertCount[]> {
  return alertsWhere(tx, sql`closed_month >= ${monthStart(from)} AND closed_month <= ${monthStart(to)}`);
}

export interface EqualityCount {
  dimension: 'age band' | 'sex' | 'area';
  group: string;
  alerted: number;
  population: number;
}

/**
 * The people alerted beside the person index, by age band (on asOf), sex and area: the counts
 * made at the last refresh when it counted as of that date, else counted now (slower).
 */
export async function equalityCounts(tx: Db, asOf: string): Promise<EqualityCount[]> {
  const [refreshed] = await rows<{ same: boolean }>(tx, sql`SELECT as_of = ${asOf}::date AS same FROM report_refresh`);
  return refreshed?.same
    ? rows<EqualityCount>(tx, sql`SELECT dimension, grp AS "group", alerted, population FROM report_equality_now ORDER BY 1, 2`)
    : rows<EqualityCount>(tx, sql`SELECT dimension, grp AS "group", alerted, population FROM report_equality(${asOf}::date) ORDER BY 1, 2`);
}
