// Building a Report from counts: the grid is suppressed (shared/src/analytics/suppress.ts) before
// anything else reads it, so a caption or a share can only be made from what the table shows.
import { AGENCIES, FEED_IDS, SUPPRESSED_SECONDARY, type FeedId, percentOf, suppressGrid, type Cell, type ChartSpec, type Report, type ReportColumn } from '@mast/shared';

export interface GridInput {
  id: string;
  title: string;
  /** The row labels' column, e.g. { key: 'month', label: 'Month' }. */
  rowHeader: { key: string; label: string };
  rowLabels: readonly string[];
  /** The count columns, with the grid's values rows by columns. */
  columns: readonly { key: string; label: string }[];
  counts: readonly (readonly number[])[];
  /** A total column at the end of each row, and a totals row. */
  rowTotals?: boolean;
  columnTotals?: boolean;
  /** Rows whose counts add up to a total another report shows (shared/src/analytics/suppress.ts). */
  groups?: readonly string[];
  /** The column totals are another report's too (an agency's total over the same months). */
  columnTotalsPublished?: boolean;
  /** A percent column after each count column: its share of the column's total. */
  sharesOfColumn?: boolean;
  chart: ChartSpec | null;
  caption: (shown: SuppressedView) => string;
  notes?: string[];
}

/** What the table shows, for captions: a count or null where withheld. */
export interface SuppressedView {
  cell(row: number, column: number): number | null;
  rowTotal(row: number): number | null;
  columnTotal(column: number): number | null;
  grandTotal: number | null;
}

const shownNumber = (c: Cell | undefined): number | null => (typeof c === 'number' ? c : null);

export function gridReport(input: GridInput): Report {
  // With no rows the grid cannot tell how many columns it has: its totals are zeros, one per column.
  const grid =
    input.counts.length > 0
      ? suppressGrid(input.counts, { rowTotals: input.rowTotals, columnTotals: input.columnTotals, groups: input.groups, columnTotalsPublished: input.columnTotalsPublished })
      : { cells: [], rowTotals: [], columnTotals: input.columnTotals ? input.columns.map(() => 0) : null, grandTotal: input.rowTotals && input.columnTotals ? 0 : null, suppressed: false };
  const trueColumnTotals = input.columns.map((_, c) => input.counts.reduce((s, row) => s + row[c]!, 0));
  const columns: ReportColumn[] = [{ ...input.rowHeader, kind: 'label' }];
  for (const col of input.columns) {
    columns.push({ key: col.key, label: col.label, kind: 'count' });
    if (input.sharesOfColumn) columns.push({ key: `${col.key}-share`, label: `${col.label} (%)`, kind: 'percent' });
  }
  if (input.rowTotals) columns.push({ key: 'total', label: 'Total', kind: 'count' });
  const rowOf = (label: string, cells: Cell[], total: Cell | null, isTotalRow: boolean): Cell[] => {
    const out: Cell[] = [label];
    cells.forEach((cell, c) => {
      out.push(cell);
      if (input.sharesOfColumn) out.push(isTotalRow ? (typeof cell === 'number' ? (cell > 0 ? 100 : null) : SUPPRESSED_SECONDARY) : percentOf(cell, trueColumnTotals[c]!));
    });
    if (input.rowTotals) out.push(total);
    return out;
  };
  const rows = grid.cells.map((cells, r) => rowOf(input.rowLabels[r]!, cells, grid.rowTotals?.[r] ?? null, false));
  const total = grid.columnTotals ? rowOf('Total', grid.columnTotals, grid.grandTotal, true) : null;
  const view: SuppressedView = {
    cell: (r, c) => shownNumber(grid.cells[r]?.[c]),
    rowTotal: (r) => shownNumber(grid.rowTotals?.[r]),
    columnTotal: (c) => shownNumber(grid.columnTotals?.[c]),
    grandTotal: shownNumber(grid.grandTotal ?? undefined),
  };
  return {
    id: input.id,
    title: input.title,
    caption: input.caption(view),
    notes: input.notes ?? [],
    chart: input.chart,
    columns,
    rows,
    total,
    suppressed: grid.suppressed,
  };
}

/** A table of figures that are not counts (means, shares, hours): shown as they are, rounded. */
export function figuresReport(input: {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  chart: ChartSpec | null;
  caption: string;
  notes?: string[];
}): Report {
  const suppressed = input.rows.some((r) => r.some((c) => c === '<5' || c === SUPPRESSED_SECONDARY));
  return { id: input.id, title: input.title, caption: input.caption, notes: input.notes ?? [], chart: input.chart, columns: input.columns, rows: input.rows, total: null, suppressed };
}

/** "12,345". */
export const whole = (n: number) => n.toLocaleString('en-GB');
/** "41%" of a share, or of a count over a total. */
export const percent = (part: number, of: number) => (of > 0 ? `${Math.round((100 * part) / of)}%` : '0%');

/** Counts by month (rows, the window's months) and feed (columns, FEED_IDS order), from rows that carry both. */
export function monthByFeed<T extends { month: string; feed: string }>(
  window: { months: readonly string[] },
  feeds: readonly string[],
  items: readonly T[],
  count: (item: T) => number,
): number[][] {
  const at = new Map(window.months.map((m, i) => [m, i]));
  const counts = window.months.map(() => feeds.map(() => 0));
  for (const item of items) {
    const r = at.get(item.month);
    const c = feeds.indexOf(item.feed);
    if (r !== undefined && c >= 0) counts[r]![c]! += count(item);
  }
  return counts;
}

/** The five feeds in their usual order, and as count columns named for a reader. */
export const FEEDS = FEED_IDS as readonly FeedId[];
export const feedColumns = FEEDS.map((f) => ({ key: f, label: AGENCIES[f].name }));
