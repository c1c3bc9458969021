// The months a report covers: whole months only, ending with the last complete month before the
// as-of date (the current month is still filling up and would read as a fall in demand).
export interface ReportWindow {
  /** YYYY-MM, inclusive. */
  from: string;
  to: string;
  /** Every month from..to, oldest first. */
  months: string[];
  /** The as-of date, YYYY-MM-DD (UTC). */
  asOf: string;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** `count` months ending with the month before `to` (default: the month before asOf's). */
export function reportWindow(now: Date, count: number, to?: string): ReportWindow {
  const asOf = now.toISOString().slice(0, 10);
  const last = to ?? addMonths(asOf.slice(0, 7), -1);
  const months = Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
  return { from: months[0]!, to: last, months, asOf };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March 2026". */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}
