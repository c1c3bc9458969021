// Feed uploads and the rows they rejected. Only counts, names of ignored columns and the
// reasons are kept: never the rejected row's values.
import { pgTable, bigserial, bigint, integer, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { feedColumn } from './columns.ts';

export const feedUploads = pgTable(
  'feed_uploads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feed: feedColumn(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    rowsTotal: integer('rows_total').notNull(),
    rowsAccepted: integer('rows_accepted').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    ignoredColumns: text('ignored_columns').array().notNull(),
    /** Snapshot feeds: how many previously open cases this file closed. */
    casesClosed: integer('cases_closed').notNull().default(0),
    addressesUnmatched: integer('addresses_unmatched').notNull().default(0),
    /** How the file arrived: sftp, https or cli (an operator, or the demo load). */
    via: text('via').notNull().default('cli'),
    /** Snapshot feeds: when this, the feed's latest upload, last arrived again unchanged (a
     * quiet weekend's list of open cases is the same file): its data counts as of then. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('feed_uploads_feed_received_idx').on(t.feed, t.receivedAt), uniqueIndex('feed_uploads_sha_key').on(t.feed, t.sha256)],
);

export const rejectedRows = pgTable(
  'rejected_rows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uploadId: bigint('upload_id', { mode: 'number' })
      .notNull()
      .references(() => feedUploads.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    reasons: text('reasons').array().notNull(),
  },
  (t) => [index('rejected_rows_upload_idx').on(t.uploadId, t.rowNumber)],
);
