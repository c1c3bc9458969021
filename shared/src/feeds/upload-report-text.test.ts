import { describe, it, expect } from 'vitest';
import { UploadReportSchema, type UploadReport } from './upload-report.ts';
import { NOT_APPLIED, uploadReportText } from './upload-report-text.ts';

const report: UploadReport = {
  uploadId: 7, feed: 'council-children', fileName: 'children-open-cases.csv', sha256: 'ab'.repeat(32), sizeBytes: 120,
  receivedAt: '2026-11-25T06:05:00.000Z', duplicate: false, confirmedLatest: false, rows: 1, accepted: 0, rejected: 1,
  rejections: [{ row: 2, reasons: ['opened_on: not a date (YYYY-MM-DD)'] }], ignoredColumns: [],
  addressesMatched: 0, addressesPossible: 0, addressesUnmatched: 0, addressesDecided: 0, casesClosed: 0,
  closingWithheld: 'No row of the snapshot was accepted, so no open case was closed and nothing was applied.',
  deleted: 0, people: { linked: 0, created: 0, forReview: 0 },
};
const usual: UploadReport = { ...report, rows: 3, accepted: 2, rejected: 1, casesClosed: 2, closingWithheld: null, ignoredColumns: ['notes', 'officer'] };
const text = (r: UploadReport) => uploadReportText(r.fileName, { report: r });

describe('the report a partner reads (outbox) and an operator reads (ingest)', () => {
  it('says the file was applied, with its counts and each rejected row by number and reason', () => {
    const lines = text(usual).trimEnd().split('\n');
    expect(lines[0]).toBe('children-open-cases.csv: APPLIED as upload 7.');
    expect(lines).toContain('Rows: 3 read, 2 accepted, 1 rejected.');
    expect(lines).toContain('Columns not in the contract, ignored and never stored: notes, officer.');
    expect(lines).toContain('Cases closed: 2.');
    expect(lines.slice(-2)).toEqual(['Rejected rows (row number: reasons):', '  row 2: opened_on: not a date (YYYY-MM-DD)']);
  });

  it('says why no open case was closed when a snapshot closed nothing, and nothing of it otherwise', () => {
    expect(text(report)).toContain('Cases closed: none. No row of the snapshot was accepted');
    expect(text(usual)).not.toContain('none.');
    expect(text(usual)).not.toContain('No row of the snapshot');
  });

  it('says a file sent again changed nothing, and whether it confirmed the latest snapshot', () => {
    const again = { ...usual, duplicate: true, uploadId: 5 };
    expect(text(again)).toMatch(/^children-open-cases\.csv: DUPLICATE of upload 5: this file was applied before, so nothing changed\.\n/);
    expect(text(again)).not.toContain('Cases closed');
    expect(text(again)).not.toContain('latest snapshot');
    expect(text({ ...again, confirmedLatest: true })).toContain('It is your latest snapshot, sent again');
  });

  it('says a refused file and a file that failed on our side applied nothing', () => {
    expect(uploadReportText('x.csv', { refused: { code: 'bad_header', message: 'The header lacks incident_id.' } })).toBe(
      'x.csv: REFUSED (bad_header). The header lacks incident_id. Nothing in the file was applied.\n',
    );
    expect(uploadReportText('x.csv', { failed: { code: 'interrupted' } })).toBe(`x.csv: NOT APPLIED (interrupted). ${NOT_APPLIED}\n`);
  });

  it('lists at most the rejected rows asked for, and says how many more', () => {
    const many = { ...usual, rejected: 5, rejections: [2, 3, 4, 5, 6].map((row) => ({ row, reasons: ['sex: not one of f, m, u'] })) };
    const shown = uploadReportText(many.fileName, { report: many }, { maxRejections: 2 });
    expect(shown.match(/^ {2}row \d+:/gm)).toHaveLength(2);
    expect(shown).toContain('... and 3 more rejected rows');
    expect(text(many).match(/^ {2}row \d+:/gm)).toHaveLength(5);
  });

  it('is written from a report the schema accepts, and the schema refuses one missing a count', () => {
    expect(UploadReportSchema.parse(usual)).toEqual(usual);
    const { rejected: _, ...missing } = usual;
    expect(UploadReportSchema.safeParse(missing).success).toBe(false);
  });
});
