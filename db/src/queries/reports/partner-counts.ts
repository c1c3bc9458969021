// Partner contribution and feed health: each partner's daily files by month.
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';
import { monthStart } from './report-role.ts';

export interface UploadCount {
  month: string;
  feed: string;
  uploads: number;
  daysWithUpload: number;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  addressesUnmatched: number;
}

export function uploadCounts(tx: Db, from: string, to: string): Promise<UploadCount[]> {
  return rows<UploadCount>(
    tx,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, feed, uploads, days_with_upload AS "daysWithUpload", rows_total AS "rowsTotal",
               rows_accepted AS "rowsAccepted", rows_rejected AS "rowsRejected", addresses_unmatched AS "addressesUnmatched"
        FROM report_feed_uploads WHERE month >= ${monthStart(from)} AND month <= ${monthStart(to)}`,
  );
}

/** When each feed's files arrived in the window (UTC instants), oldest first. */
export function feedArrivals(tx: Db, from: string, toExclusive: string): Promise<{ feed: string; receivedAt: string }[]> {
  return rows(
    tx,
    sql`SELECT feed, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "receivedAt" FROM report_feed_arrivals
        WHERE received_at >= ${monthStart(from)}::timestamptz - interval '1 day' AND received_at < ${monthStart(toExclusive)}::timestamptz + interval '1 day'
        ORDER BY received_at`,
  );
}

/** When each feed first delivered data (UTC instants): on-time shares count a feed's due days from then on. */
export function firstArrivals(tx: Db): Promise<{ feed: string; receivedAt: string }[]> {
  return rows(
    tx,
    sql`SELECT feed, to_char(min(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "receivedAt" FROM report_feed_arrivals GROUP BY feed`,
  );
}
