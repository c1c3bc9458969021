// Alerts and what came of them, live and copied; and the equality report's counts.
import { sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
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
  district: string | null;
  n: number;
}

const ALERT_COLUMNS = sql`rule, subject_kind AS "subjectKind", lead_feed AS "leadFeed", agencies, to_char(raised_month, 'YYYY-MM') AS "raisedMonth",
  hours_to_acknowledge AS "hoursToAcknowledge", state, to_char(closed_month, 'YYYY-MM') AS "closedMonth",
  closed_reason AS "closedReason", postcode_district AS district, n`;

/** Alerts raised in the months from..to. */
export function alertCounts(tx: Db, from: string, to: string): Promise<AlertCount[]> {
  return rows<AlertCount>(tx, sql`SELECT ${ALERT_COLUMNS} FROM report_alerts WHERE raised_month >= ${monthStart(from)} AND raised_month <= ${monthStart(to)}`);
}

/** Alerts closed in the months from..to, whenever they were raised. */
export function closedAlertCounts(tx: Db, from: string, to: string): Promise<AlertCount[]> {
  return rows<AlertCount>(tx, sql`SELECT ${ALERT_COLUMNS} FROM report_alerts WHERE closed_month >= ${monthStart(from)} AND closed_month <= ${monthStart(to)}`);
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
