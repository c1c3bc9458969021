// A report's table as CSV, exactly as the page shows it (withheld cells as '<5' and '[c]'): the
// download and the printed table must never disagree. Text that a spreadsheet would read as a
// formula is prefixed with an apostrophe.
import type { Report } from './report.ts';

const FORMULA = /^[=+\-@\t\r]/;

function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function reportCsv(report: Pick<Report, 'columns' | 'rows' | 'total'>): string {
  const lines = [report.columns.map((c) => field(c.label)), ...report.rows.map((row) => row.map(field))];
  if (report.total) lines.push(report.total.map(field));
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}
