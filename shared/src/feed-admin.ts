// The feed admin view, for the people who watch partner feeds (data stewards, administrators):
// each feed's schedule and freshness, its uploads with their counts, and the rows an upload
// rejected with the reasons. Counts, file names and reasons only: never a value from a file.
import { z } from 'zod';
import { WEEKDAYS } from './agencies.ts';
import { AgencyIdSchema, FeedStatusSchema } from './api.ts';

export const FeedScheduleSchema = z.object({
  every: z.enum(['day', 'weekdays', 'week']),
  /** The day of a weekly feed; null otherwise. */
  on: z.enum(WEEKDAYS).nullable(),
  /** Latest time of day the file is due, UK time, HH:MM. */
  by: z.string(),
  graceMinutes: z.number().int(),
  /** "Every day by 07:00 UK time, late after 08:00". */
  text: z.string(),
});
export type FeedScheduleView = z.infer<typeof FeedScheduleSchema>;

export const UploadViaSchema = z.enum(['sftp', 'https', 'cli']);

export const FeedUploadSchema = z.object({
  id: z.string(),
  feed: AgencyIdSchema,
  receivedAt: z.string(),
  /** How the file arrived: SFTP, HTTPS upload, or loaded by an operator on the command line. */
  via: UploadViaSchema,
  fileName: z.string(),
  sizeBytes: z.number().int(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Columns outside the feed's contract: never stored. */
  ignoredColumns: z.array(z.string()),
  /** Snapshot feeds: open cases this file closed. */
  casesClosed: z.number().int(),
  addressesUnmatched: z.number().int(),
  /** Whether the feed's freshness counts this upload as a delivery of data. False when it
   * applied nothing: every row was rejected, or it was a snapshot with no rows (no case closed). */
  countsAsDelivery: z.boolean(),
  /** Snapshot feeds: when this, the latest upload, last came again unchanged; its data counts as
   * of then (null when it never did). */
  confirmedAt: z.string().nullable(),
});
export type FeedUpload = z.infer<typeof FeedUploadSchema>;

export const FeedOverviewSchema = z.object({
  feed: AgencyIdSchema,
  name: z.string(),
  organisation: z.string(),
  kind: z.enum(['snapshot', 'incremental']),
  schedule: FeedScheduleSchema,
  /** Fresh, late or missing, with the same words a lookup shows. */
  freshness: FeedStatusSchema,
  lastUpload: FeedUploadSchema.nullable(),
  /** Uploads received in the 30 days up to now, and their rows. */
  last30Days: z.object({
    uploads: z.number().int(),
    rows: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  }),
});
export type FeedOverview = z.infer<typeof FeedOverviewSchema>;

export const FeedListResponseSchema = z.object({ feeds: z.array(FeedOverviewSchema), generatedAt: z.string() });
export type FeedListResponse = z.infer<typeof FeedListResponseSchema>;

export const FeedParamSchema = z.object({ feed: AgencyIdSchema });
export const UploadIdParamSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/) });

const page = z.coerce.number().int().min(1).max(100_000).default(1);

export const UploadListQuerySchema = z.object({ page, pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export type UploadListQuery = z.infer<typeof UploadListQuerySchema>;

export const UploadListResponseSchema = z.object({
  feed: AgencyIdSchema,
  /** Newest first. */
  uploads: z.array(FeedUploadSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** All uploads of the feed, on every page. */
  total: z.number().int(),
});
export type UploadListResponse = z.infer<typeof UploadListResponseSchema>;

export const RejectionListQuerySchema = z.object({ page, pageSize: z.coerce.number().int().min(1).max(500).default(100) });
export type RejectionListQuery = z.infer<typeof RejectionListQuerySchema>;

export const RejectionSchema = z.object({
  /** The row's number in the file (the header is row 1). */
  row: z.number().int(),
  /** Why: names of columns and rules, never the row's values. */
  reasons: z.array(z.string()),
});
export type Rejection = z.infer<typeof RejectionSchema>;

export const RejectionListResponseSchema = z.object({
  upload: FeedUploadSchema,
  /** Each reason with how many rows of the upload gave it, commonest first (up to 20). */
  reasonCounts: z.array(z.object({ reason: z.string(), rows: z.number().int() })),
  /** In row order. */
  rejections: z.array(RejectionSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type RejectionListResponse = z.infer<typeof RejectionListResponseSchema>;
