import { describe, expect, it } from 'vitest';
import { reportCsv } from './csv.ts';

describe('a report as CSV', () => {
  it('is the table as shown: header, rows, withheld cells as "<5" and "[c]", and the totals row', () => {
    const csv = reportCsv({
      columns: [
        { key: 'month', label: 'Month', kind: 'label' },
        { key: 'police', label: 'Police', kind: 'count' },
        { key: 'share', label: 'Share (%)', kind: 'percent' },
      ],
      rows: [
        ['2026-10', '<5', '[c]'],
        ['2026-11', 1234, 12.5],
      ],
      total: ['Total', 1237, 100],
    });
    expect(csv).toBe('Month,Police,Share (%)\r\n2026-10,<5,[c]\r\n2026-11,1234,12.5\r\nTotal,1237,100\r\n');
  });

  it('quotes commas and quotes, and keeps a spreadsheet from reading text as a formula', () => {
    const csv = reportCsv({
      columns: [{ key: 'a', label: 'Agency, "and" category', kind: 'label' }],
      rows: [['=HYPERLINK("x")'], ['@SUM(A1)'], [-3]],
      total: null,
    });
    expect(csv.split('\r\n')).toEqual(['"Agency, ""and"" category"', `"'=HYPERLINK(""x"")"`, "'@SUM(A1)", '-3', '']);
  });
});
