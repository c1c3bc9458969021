// The partnership's trend reports as the analytics pages show them: a table cell in words and
// figures, the chart's series from a report's table, the period in the URL. Pure functions, so
// they are testable; the server decides who may read what and has already withheld small numbers.
// Imports only types from @mast/shared: the contract's zod schemas stay out of the pages' bundle.
import type { Cell, ColumnKind, Report, ReportTopic } from '@mast/shared';
import { formatDate, formatDateTime } from './format.ts';

/** The periods offered on the pages, in months back from the last complete month. */
export const MONTH_CHOICES = [12, 24, 36] as const;
export const DEFAULT_MONTHS = 36;

/** What '<5' and '[c]' mean, said under every table that has either. */
export const SUPPRESSION_LEGEND =
  "'<5' means fewer than five. '[c]' means withheld so that a total does not give a small number away. Small numbers are withheld so that no one can be picked out.";

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const figure = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * A cell as the table shows it: a count with thousands separators ("1,234"), a percentage to one
 * place with its sign ("12.5%"), any other figure to two places at most; withheld cells ('<5',
 * '[c]') and labels as they came; an empty cell (no figure) as nothing.
 */
export function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (kind === 'label') return String(cell);
  if (kind === 'count') return whole.format(cell);
  if (kind === 'percent') return `${cell.toFixed(1)}%`;
  return figure.format(cell);
}

/** Figures sit right-aligned in their column, so their places line up. */
export function isFigure(kind: ColumnKind): boolean {
  return kind !== 'label';
}

export interface ChartSeries {
  key: string;
  label: string;
  kind: ColumnKind;
  /** One value per row; a withheld or empty cell is a gap (null), never a zero. */
  values: (number | null)[];
}

export interface ChartData {
  type: NonNullable<Report['chart']>['type'];
  yLabel: string;
  labels: string[];
  series: ChartSeries[];
}

/** What the chart draws, from the report's own table (so the chart and table never disagree); null if it has no chart. */
export function chartData(report: Pick<Report, 'chart' | 'columns' | 'rows'>): ChartData | null {
  const spec = report.chart;
  if (!spec) return null;
  const index = (key: string) => {
    const i = report.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`the chart names a column the table lacks: ${key}`);
    return i;
  };
  const x = index(spec.x);
  const labels = report.rows.map((row) => {
    const cell = row[x] ?? null;
    return cell === null ? '' : String(cell);
  });
  const series = spec.series.map((key) => {
    const i = index(key);
    const column = report.columns[i]!;
    return { key, label: column.label, kind: column.kind, values: report.rows.map((row) => (typeof row[i] === 'number' ? (row[i] as number) : null)) };
  });
  return { type: spec.type, yLabel: spec.yLabel, labels, series };
}

/** The name a report's CSV downloads as: "demand-contacts-by-agency.csv". */
export function csvFileName(topic: ReportTopic | 'monthly', reportId: string): string {
  const safe = (s: string) => s.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '');
  return `${safe(topic)}-${safe(reportId)}.csv`;
}

/** The period asked for in the URL (?months=), one the API accepts (1 to 36), else the default. */
export function monthsFrom(params: URLSearchParams): number {
  const raw = params.get('months');
  if (raw === null || !/^\d{1,2}$/.test(raw)) return DEFAULT_MONTHS;
  const n = Number(raw);
  return n >= 1 && n <= 36 ? n : DEFAULT_MONTHS;
}

/** The month asked for in the URL (?month=YYYY-MM), or null for the API's default (the last complete month). */
export function monthFrom(params: URLSearchParams): string | null {
  const raw = params.get('month');
  return raw !== null && MONTH.test(raw) ? raw : null;
}

/** "2026-11" as "November 2026"; anything else as it came. */
export function formatMonth(month: string): string {
  const m = MONTH.exec(month);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : month;
}

/** "November 2025 to October 2026": the period a topic's figures cover. */
export function formatPeriod(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)} to ${formatMonth(to)}`;
}

/** When the figures were read: a day ("6 Dec 2026") or a moment in UK time ("6 Dec 2026, 06:00"). */
export function formatAsOf(asOf: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? formatDate(asOf) : formatDateTime(asOf);
}

/** "2026-12" for a day in December 2026, read in UTC. */
export function monthOf(day: Date): string {
  return `${day.getUTCFullYear()}-${String(day.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `n` months after (or, negative, before) a month: addMonths('2026-01', -1) is '2025-12'. */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months the monthly report can be asked for on `today`: the last complete month and the 35 before it. */
export function monthlyReportRange(today: Date): { min: string; max: string } {
  const max = addMonths(monthOf(today), -1);
  return { min: addMonths(max, -35), max };
}
