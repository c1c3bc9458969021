// Reads for the feed admin view: each feed's newest upload and its last 30 days, one feed's
// uploads a page at a time, and an upload's rejected rows (row numbers and reasons: the rows'
// values are never stored, so never read). Also the rule for which uploads count as a delivery
// of data, which every "data as of" (a lookup, this view) is measured from.
import { sql } from 'drizzle-orm';
import { AGENCIES, FEED_IDS } from '@mast/shared';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';

const SNAPSHOT_FEEDS = FEED_IDS.filter((feed) => AGENCIES[feed].kind === 'snapshot');

/**
 * Whether a feed_uploads row counts as a delivery of data (an SQL condition on its columns). It
 * does when it applied rows, or when an incremental feed's file had no data rows at all: nothing
 * happened that day, and saying so is a delivery. It does not when every row was rejected (it
 * applied nothing, so the data held is as old as it was), nor for a snapshot with no rows (taken
 * as a failed extract: ingest closes no case from it). Such uploads are still listed with their
 * counts, so a steward sees that the partner sent a file mast could not use.
 */
export const COUNTS_AS_DELIVERY = sql`(rows_accepted > 0 OR (rows_total = 0 AND NOT (feed = ANY(${sql.param(SNAPSHOT_FEEDS)}::text[]))))`;

/** When an upload's data was last delivered: when it came, or when it last came again unchanged
 * (a snapshot; see confirmLatestSnapshot). */
export const DELIVERED_AT = sql`GREATEST(received_at, confirmed_at)`;

/** When each feed last delivered data (see COUNTS_AS_DELIVERY); feeds that never did are absent. */
export async function getLastDeliveries(db: Db): Promise<Map<string, Date>> {
  const list = await rows<{ feed: string; last: Date | string }>(
    db,
    sql`SELECT feed, max(${DELIVERED_AT}) AS last FROM feed_uploads WHERE ${COUNTS_AS_DELIVERY} GROUP BY feed`,
  );
  return new Map(list.map((r) => [r.feed, new Date(r.last)]));
}

export interface FeedUploadRow {
  id: number;
  feed: string;
  received_at: Date;
  via: string;
  file_name: string;
  size_bytes: number;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  ignored_columns: string[];
  cases_closed: number;
  addresses_unmatched: number;
  counts_as_delivery: boolean;
  confirmed_at: Date | null;
}

export interface FeedActivityRow {
  feed: string;
  uploads: number;
  rows: number;
  accepted: number;
  rejected: number;
}

const UPLOAD_COLUMNS = sql`${sql.raw(
  `id::float8 AS id, feed, received_at, via, file_name, size_bytes::float8 AS size_bytes, rows_total, rows_accepted, rows_rejected,
   ignored_columns, cases_closed, addresses_unmatched, confirmed_at`,
)}, ${COUNTS_AS_DELIVERY} AS counts_as_delivery`;

// Drivers differ: pg gives timestamps as Date, PGlite may too; make sure.
function toUpload(r: FeedUploadRow): FeedUploadRow {
  return { ...r, id: Number(r.id), size_bytes: Number(r.size_bytes), received_at: new Date(r.received_at), confirmed_at: r.confirmed_at === null ? null : new Date(r.confirmed_at) };
}

/** Each feed's newest upload (feeds that never sent one are absent). */
export async function getLatestUploads(db: Db): Promise<FeedUploadRow[]> {
  const list = await rows<FeedUploadRow>(
    db,
    sql`SELECT DISTINCT ON (feed) ${UPLOAD_COLUMNS} FROM feed_uploads ORDER BY feed, received_at DESC, id DESC`,
  );
  return list.map(toUpload);
}

/** Uploads received at or after `since`, per feed, with their row counts. */
export async function getFeedActivitySince(db: Db, since: Date): Promise<FeedActivityRow[]> {
  const list = await rows<Record<keyof FeedActivityRow, string | number>>(
    db,
    sql`SELECT feed, count(*)::int AS uploads, coalesce(sum(rows_total), 0)::float8 AS rows,
               coalesce(sum(rows_accepted), 0)::float8 AS accepted, coalesce(sum(rows_rejected), 0)::float8 AS rejected
        FROM feed_uploads WHERE received_at >= ${since.toISOString()}::timestamptz GROUP BY feed`,
  );
  return list.map((r) => ({ feed: String(r.feed), uploads: Number(r.uploads), rows: Number(r.rows), accepted: Number(r.accepted), rejected: Number(r.rejected) }));
}

/** One feed's uploads, newest first, `limit` from `offset`, and how many there are in all. */
export async function listFeedUploads(db: Db, feed: string, limit: number, offset: number): Promise<{ uploads: FeedUploadRow[]; total: number }> {
  const [list, [count]] = await Promise.all([
    rows<FeedUploadRow>(
      db,
      sql`SELECT ${UPLOAD_COLUMNS} FROM feed_uploads WHERE feed = ${feed}
          ORDER BY received_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM feed_uploads WHERE feed = ${feed}`),
  ]);
  return { uploads: list.map(toUpload), total: Number(count?.total ?? 0) };
}

export async function getFeedUpload(db: Db, id: number): Promise<FeedUploadRow | undefined> {
  const [row] = await rows<FeedUploadRow>(db, sql`SELECT ${UPLOAD_COLUMNS} FROM feed_uploads WHERE id = ${id}`);
  return row && toUpload(row);
}

export interface RejectionPage {
  rejections: { rowNumber: number; reasons: string[] }[];
  total: number;
  /** Each reason with how many of the upload's rejected rows gave it, commonest first. */
  reasonCounts: { reason: string; rows: number }[];
}

/** An upload's rejected rows in row order, `limit` from `offset`, with the commonest reasons. */
export async function listUploadRejections(db: Db, uploadId: number, limit: number, offset: number, topReasons = 20): Promise<RejectionPage> {
  const [list, [count], reasons] = await Promise.all([
    rows<{ row_number: number; reasons: string[] }>(
      db,
      sql`SELECT row_number, reasons FROM rejected_rows WHERE upload_id = ${uploadId}
          ORDER BY row_number, id LIMIT ${limit} OFFSET ${offset}`,
    ),
    rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM rejected_rows WHERE upload_id = ${uploadId}`),
    rows<{ reason: string; rows: number }>(
      db,
      sql`SELECT reason, count(*)::int AS rows FROM rejected_rows, unnest(reasons) AS reason
          WHERE upload_id = ${uploadId} GROUP BY reason ORDER BY count(*) DESC, reason LIMIT ${topReasons}`,
    ),
  ]);
  return {
    rejections: list.map((r) => ({ rowNumber: Number(r.row_number), reasons: r.reasons })),
    total: Number(count?.total ?? 0),
    reasonCounts: reasons.map((r) => ({ reason: r.reason, rows: Number(r.rows) })),
  };
}
