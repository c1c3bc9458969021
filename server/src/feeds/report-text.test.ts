import { describe, it, expect } from 'vitest';
import type { UploadReport } from './ingest.ts';
import { reportText } from './uploads.ts';
import { formatUploadReport } from '../cli.ts';

const report: UploadReport = {
  uploadId: 7, feed: 'council-children', fileName: 'children-open-cases.csv', sha256: 'ab'.repeat(32), sizeBytes: 120,
  receivedAt: '2026-11-25T06:05:00.000Z', duplicate: false, confirmedLatest: false, rows: 1, accepted: 0, rejected: 1,
  rejections: [{ row: 2, reasons: ['opened_on: not a date (YYYY-MM-DD)'] }], ignoredColumns: [],
  addressesMatched: 0, addressesPossible: 0, addressesUnmatched: 0, addressesDecided: 0, casesClosed: 0,
  closingWithheld: 'No row of the snapshot was accepted, so no open case was closed and nothing was applied.',
  deleted: 0, people: { linked: 0, created: 0, forReview: 0 },
};

describe('what a partner and an operator read of a snapshot that closed nothing', () => {
  it('says in the outbox report why no open case was closed', () => {
    expect(reportText(report.fileName, { report })).toContain('cases closed: none. No row of the snapshot was accepted');
  });

  it('says so in the operator’s ingest summary', () => {
    expect(formatUploadReport(report)).toContain('no open case was closed: No row of the snapshot was accepted');
  });

  it('says nothing of it when the snapshot closed cases as usual', () => {
    const usual = { ...report, accepted: 1, rejected: 0, rejections: [], casesClosed: 2, closingWithheld: null };
    expect(reportText(usual.fileName, { report: usual })).not.toContain('none.');
    expect(formatUploadReport(usual)).not.toContain('no open case');
  });
});
