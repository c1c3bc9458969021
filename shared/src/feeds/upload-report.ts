// What a partner is told about a file they sent: one definition for the API's answer (and its
// OpenAPI document), the operator's command line and the report left in an SFTP outbox. Counts,
// row numbers, reasons and column names only: never a value from the file.
import { z } from 'zod';
import { AgencyIdSchema } from '../api.ts';
import { RejectionSchema } from '../feed-admin.ts';

export const UploadReportSchema = z
  .object({
    uploadId: z.number().int().describe('The upload this file became (for a duplicate: the earlier upload it repeats).'),
    feed: AgencyIdSchema,
    fileName: z.string().describe('The name the partner gave the file.'),
    sha256: z.string().describe("The file's SHA-256: the same bytes sent again are a duplicate."),
    sizeBytes: z.number().int(),
    receivedAt: z.string().describe('When the file arrived (ISO 8601).'),
    duplicate: z.boolean().describe('The same file (by SHA-256) was applied before: nothing changed.'),
    confirmedLatest: z
      .boolean()
      .describe("A duplicate of a snapshot feed's latest upload: its open cases now count as of this delivery (the feed is not late)."),
    rows: z.number().int().describe('Data rows read (the header not counted).'),
    accepted: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(RejectionSchema).describe('Each rejected row: its number and reasons.'),
    ignoredColumns: z.array(z.string()).describe('Columns in the file that the contract does not name: never stored.'),
    addressesMatched: z.number().int(),
    addressesPossible: z.number().int().describe('Uncertain: kept with a candidate UPRN for review, never shown as a match.'),
    addressesUnmatched: z.number().int(),
    addressesDecided: z.number().int().describe('Addresses a data steward had already decided (counted as matched or unmatched).'),
    casesClosed: z.number().int().describe('Snapshot feeds: open cases this file left out, now closed.'),
    closingWithheld: z
      .string()
      .nullable()
      .describe('Snapshot feeds: why this file closed no case at all; null when it closed the cases it left out as usual.'),
    deleted: z.number().int().describe('Records withdrawn by the source (action "delete") and removed.'),
    people: z
      .object({ linked: z.number().int(), created: z.number().int(), forReview: z.number().int() })
      .describe('Rows naming a person: linked to someone known, new people, possible matches sent for review.'),
  })
  .describe('What became of one file: counts, rejected rows (row number and reasons) and ignored columns.')
  .meta({ id: 'UploadReport' });
export type UploadReport = z.infer<typeof UploadReportSchema>;

/** A file refused as a whole (not UTF-8, wrong header, empty): nothing in it was applied. */
export const UploadRefusalSchema = z.object({ code: z.string(), message: z.string() });

/** The state of an upload sent over HTTPS, as the API answers it. */
export const UploadStatusSchema = z.object({
  id: z.number().int().describe('The upload job: ask GET /api/feeds/{feed}/uploads/{id} for its report.'),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  report: UploadReportSchema.optional(),
  refused: UploadRefusalSchema.optional(),
  failed: UploadRefusalSchema.optional().describe('The file failed for good, on our side (state failed): nothing in it was applied; send it again.'),
}).meta({ id: 'UploadStatus' });
export type UploadStatus = z.infer<typeof UploadStatusSchema>;

/** What a partner is told of a file: its report, why it was refused as a whole, or that it failed
 * for good on our side. */
export type ReportedOutcome = { report: UploadReport } | { refused: { code: string; message: string } } | { failed: { code: string } };
