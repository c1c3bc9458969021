// Bulk writes into the pseudonymised trend copy of rows made elsewhere than by a retention run:
// the demo borough's history, which never was live data. The caller makes the keys (the secret
// never reaches the database); this checks that nothing in a row can tell a day: months must be
// the first of a month and keys 64 hex digits. Rows go in the order given, which the caller
// shuffles, and ids are random, as retention leaves them.
import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { columnList, unnestRows, type BulkColumn } from './bulk.ts';

export interface TrendInvolvementRow {
  feed: string;
  category: string;
  /** YYYY-MM-01 */
  month: string;
  lastMonth: string;
  postcodeDistrict: string | null;
  personKey: string | null;
  addressKey: string | null;
  wasOpen: boolean;
  attendance: string | null;
}

export interface TrendAlertRow {
  rule: string;
  subjectKind: 'address' | 'person';
  leadFeed: string;
  agencies: string[];
  raisedMonth: string;
  lastMonth: string;
  hoursToAcknowledge: number | null;
  closedMonth: string | null;
  closedReason: string | null;
  postcodeDistrict: string | null;
  ageBand: string | null;
  sex: string | null;
  personKey: string | null;
  addressKey: string | null;
}

const INVOLVEMENT_COLUMNS: BulkColumn<TrendInvolvementRow>[] = [
  { name: 'feed', type: 'text[]', value: (r) => r.feed },
  { name: 'category', type: 'text[]', value: (r) => r.category },
  { name: 'month', type: 'date[]', value: (r) => r.month },
  { name: 'last_month', type: 'date[]', value: (r) => r.lastMonth },
  { name: 'postcode_district', type: 'text[]', value: (r) => r.postcodeDistrict },
  { name: 'person_key', type: 'text[]', value: (r) => r.personKey },
  { name: 'address_key', type: 'text[]', value: (r) => r.addressKey },
  { name: 'was_open', type: 'boolean[]', value: (r) => r.wasOpen },
  { name: 'attendance', type: 'text[]', value: (r) => r.attendance },
];

const ALERT_COLUMNS: BulkColumn<TrendAlertRow>[] = [
  { name: 'rule', type: 'text[]', value: (r) => r.rule },
  { name: 'subject_kind', type: 'text[]', value: (r) => r.subjectKind },
  { name: 'lead_feed', type: 'text[]', value: (r) => r.leadFeed },
  // (An array of arrays would unnest flat: the feeds travel as one string each.)
  { name: 'agencies', type: 'text[]', value: (r) => r.agencies.join(','), select: `string_to_array("agencies", ',')` },
  { name: 'raised_month', type: 'date[]', value: (r) => r.raisedMonth },
  { name: 'last_month', type: 'date[]', value: (r) => r.lastMonth },
  { name: 'hours_to_acknowledge', type: 'int[]', value: (r) => r.hoursToAcknowledge },
  { name: 'closed_month', type: 'date[]', value: (r) => r.closedMonth },
  { name: 'closed_reason', type: 'text[]', value: (r) => r.closedReason },
  { name: 'postcode_district', type: 'text[]', value: (r) => r.postcodeDistrict },
  { name: 'age_band', type: 'text[]', value: (r) => r.ageBand },
  { name: 'sex', type: 'text[]', value: (r) => r.sex },
  { name: 'person_key', type: 'text[]', value: (r) => r.personKey },
  { name: 'address_key', type: 'text[]', value: (r) => r.addressKey },
];

const MONTH = /^\d{4}-\d{2}-01$/;
const KEY = /^[0-9a-f]{64}$/;

function check(months: (string | null)[], keys: (string | null)[]): void {
  for (const m of months) if (m !== null && !MONTH.test(m)) throw new Error('a trend row must carry months (YYYY-MM-01), never a day');
  for (const k of keys) if (k !== null && !KEY.test(k)) throw new Error('a trend row key must be a keyed hash (64 hex digits)');
}

async function insertBatches<Row>(db: Db, table: string, rows: readonly Row[], columns: BulkColumn<Row>[], batch: number): Promise<number> {
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    await db.execute(sql`INSERT INTO ${sql.identifier(table)} (${columnList(columns)}) ${unnestRows(part, columns)}`);
  }
  return rows.length;
}

export async function insertTrendInvolvements(db: Db, rows: readonly TrendInvolvementRow[], batch = 20_000): Promise<number> {
  for (const r of rows) check([r.month, r.lastMonth], [r.personKey, r.addressKey]);
  return insertBatches(db, 'trend_involvements', rows, INVOLVEMENT_COLUMNS, batch);
}

export async function insertTrendAlerts(db: Db, rows: readonly TrendAlertRow[], batch = 20_000): Promise<number> {
  for (const r of rows) check([r.raisedMonth, r.lastMonth, r.closedMonth], [r.personKey, r.addressKey]);
  return insertBatches(db, 'trend_alerts', rows, ALERT_COLUMNS, batch);
}
