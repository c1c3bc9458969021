// The one plain-text wording of an upload's report: the report file in a partner's SFTP outbox
// and the operator's `pnpm mast ingest` print the same words. A partner reads it, so it says
// what happened in plain English. The first line's word (APPLIED, DUPLICATE, REFUSED, NOT
// APPLIED) stays as it is: partners' scripts look for it.
import type { ReportedOutcome, UploadReport } from './upload-report.ts';

/** What a partner is told of a file that failed for good, in its report and over HTTPS. */
export const NOT_APPLIED =
  'The file could not be applied because of a fault on our side, not in the file; nothing in it was applied. Send it again; if this happens again, tell the MAST administrators.';

export interface ReportTextOptions {
  /** List at most this many rejected rows (all of them when not set), then say how many more. */
  maxRejections?: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function firstLine(fileName: string, r: UploadReport): string {
  if (!r.duplicate) return `${fileName}: APPLIED as upload ${r.uploadId}.`;
  const again = r.confirmedLatest ? ' It is your latest snapshot, sent again: its open cases now count as of this delivery.' : '';
  return `${fileName}: DUPLICATE of upload ${r.uploadId}: this file was applied before, so nothing changed.${again}`;
}

function reportLines(fileName: string, r: UploadReport, opts: ReportTextOptions): string[] {
  const lines = [
    firstLine(fileName, r),
    `Received ${r.receivedAt}: ${r.sizeBytes} bytes, SHA-256 ${r.sha256}.`,
    `Rows: ${r.rows} read, ${r.accepted} accepted, ${r.rejected} rejected.`,
    `Columns not in the contract, ignored and never stored: ${r.ignoredColumns.length ? r.ignoredColumns.join(', ') : 'none'}.`,
  ];
  if (!r.duplicate) {
    const decided = r.addressesDecided > 0 ? ` (${r.addressesDecided} as data stewards had decided)` : '';
    lines.push(
      `Addresses: ${r.addressesMatched} matched to a UPRN, ${r.addressesPossible} possible matches kept for review, ${r.addressesUnmatched} unmatched${decided}.`,
      `People: ${r.people.linked} linked to someone already known, ${r.people.created} new, ${plural(r.people.forReview, 'possible match', 'possible matches')} sent for review.`,
      r.closingWithheld ? `Cases closed: none. ${r.closingWithheld}` : `Cases closed: ${r.casesClosed}.`,
      `Records withdrawn by the sender and removed: ${r.deleted}.`,
    );
  }
  const listed = r.rejections.slice(0, opts.maxRejections ?? r.rejections.length);
  if (listed.length > 0) lines.push('Rejected rows (row number: reasons):');
  for (const x of listed) lines.push(`  row ${x.row}: ${x.reasons.join('; ')}`);
  const more = r.rejections.length - listed.length;
  if (more > 0) lines.push(`  ... and ${plural(more, 'more rejected row')} (all are kept with the upload).`);
  return lines;
}

/** The report as plain text: what happened to the file, its counts, each rejected row's number
 * and reasons, the columns ignored. Never a cell's value. */
export function uploadReportText(fileName: string, outcome: ReportedOutcome, opts: ReportTextOptions = {}): string {
  if ('failed' in outcome) return `${fileName}: NOT APPLIED (${outcome.failed.code}). ${NOT_APPLIED}\n`;
  if ('refused' in outcome) {
    const { code, message } = outcome.refused;
    const nothing = /nothing in the file was applied/i.test(message) ? '' : ' Nothing in the file was applied.';
    return `${fileName}: REFUSED (${code}). ${message}${nothing}\n`;
  }
  return `${reportLines(fileName, outcome.report, opts).join('\n')}\n`;
}
