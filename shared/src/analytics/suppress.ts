// Small-number suppression, as official statistics do it. A count from 1 to 4 is shown as '<5'
// (primary): with names gone, a small count in a small area can still point at a household. A
// total shown beside its cells would give a lone withheld cell away (total minus the others), so
// in every line with a shown total (a row and its row total, a column and its column total), a
// line with exactly one withheld entry has its smallest other positive cell withheld as well, as
// '[c]' (secondary), or its total when no other cell is positive; repeated until no line has a
// lone withheld entry. Zero is shown: it is no one. Totals are the true totals, shown unless
// small themselves.
import { SUPPRESSED_SECONDARY, SUPPRESSED_SMALL, type Cell } from './report.ts';

export const SMALL_NUMBER = 5;

export interface SuppressedGrid {
  cells: Cell[][];
  /** The total of each row, when asked for. */
  rowTotals: Cell[] | null;
  /** The total of each column, and of everything, when asked for. */
  columnTotals: Cell[] | null;
  grandTotal: Cell | null;
  suppressed: boolean;
}

/** A count on its own, with no total beside it: '<5' if small. */
export function suppressCount(n: number): Cell {
  return n > 0 && n < SMALL_NUMBER ? SUPPRESSED_SMALL : n;
}

/**
 * Suppresses a grid of counts (rows by columns) that will be shown with the totals asked for.
 * `rowTotals`: each row's total is shown; `columnTotals`: each column's total (and, with
 * rowTotals, the grand total) is shown.
 */
export function suppressGrid(
  counts: readonly (readonly number[])[],
  opts: {
    rowTotals?: boolean;
    columnTotals?: boolean;
    /**
     * A group for each row, where rows of one group add up (column by column) to a total another
     * table publishes (a category's rows to its agency's total): each group is a line too, so a
     * lone withheld cell in it takes another of the group with it.
     */
    groups?: readonly (string | number)[];
    /** The column totals are published in another table as well: never withheld to cover a cell here (a zero cell is, instead). */
    columnTotalsPublished?: boolean;
  } = {},
): SuppressedGrid {
  const rowsN = counts.length;
  const colsN = rowsN === 0 ? 0 : counts[0]!.length;
  for (const row of counts) {
    if (row.length !== colsN) throw new Error('every row of a grid has the same number of cells');
    for (const n of row) if (!Number.isInteger(n) || n < 0) throw new Error('a grid holds whole counts of zero or more');
  }
  // The grid with its margins: row r < rowsN, column c < colsN are cells; column colsN the row
  // totals, row rowsN the column totals, [rowsN][colsN] the grand total.
  const rowSum = counts.map((row) => row.reduce((s, n) => s + n, 0));
  const colSum = Array.from({ length: colsN }, (_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const grand = rowSum.reduce((s, n) => s + n, 0);
  const value = (r: number, c: number): number =>
    r < rowsN ? (c < colsN ? counts[r]![c]! : rowSum[r]!) : c < colsN ? colSum[c]! : grand;
  const shown = (r: number, c: number): boolean =>
    (r < rowsN && c < colsN) || (r < rowsN && c === colsN && !!opts.rowTotals) || (r === rowsN && c < colsN && !!opts.columnTotals) ||
    (r === rowsN && c === colsN && !!opts.rowTotals && !!opts.columnTotals);
  const mark = new Map<string, string>();
  const key = (r: number, c: number) => `${r},${c}`;

  for (let r = 0; r <= rowsN; r++)
    for (let c = 0; c <= colsN; c++) if (shown(r, c) && value(r, c) > 0 && value(r, c) < SMALL_NUMBER) mark.set(key(r, c), SUPPRESSED_SMALL);

  // Each line: its cells and, last, its total; a line counts only if its total is shown.
  const lines: [number, number][][] = [];
  if (opts.rowTotals)
    for (let r = 0; r <= rowsN; r++) if (shown(r, colsN)) lines.push(Array.from({ length: colsN + 1 }, (_, c) => [r, c] as [number, number]).filter(([rr, cc]) => shown(rr, cc)));
  if (opts.columnTotals)
    for (let c = 0; c <= colsN; c++) if (shown(rowsN, c)) lines.push(Array.from({ length: rowsN + 1 }, (_, r) => [r, c] as [number, number]).filter(([rr, cc]) => shown(rr, cc)));

  // A group's line has no total cell here (its total is in another table, and stays shown there);
  // groups go first, so that what they withhold also covers the lines of this table.
  const grouped: [number, number][][] = [];
  if (opts.groups) {
    if (opts.groups.length !== rowsN) throw new Error('a group for every row');
    for (const g of new Set(opts.groups))
      for (let c = 0; c < colsN; c++) grouped.push(counts.flatMap((_, r) => (opts.groups![r] === g ? [[r, c] as [number, number]] : [])));
  }

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of [...grouped, ...lines]) {
      const withTotal = !grouped.includes(line);
      const withheld = line.filter(([r, c]) => mark.has(key(r, c)));
      if (withheld.length !== 1) continue;
      const cells = (withTotal ? line.slice(0, -1) : line).filter(([r, c]) => !mark.has(key(r, c)) && value(r, c) > 0);
      cells.sort((a, b) => value(a[0], a[1]) - value(b[0], b[1]));
      const total = line[line.length - 1]!;
      const totalFixed = !withTotal || mark.has(key(total[0], total[1])) || (opts.columnTotalsPublished && total[0] === rowsN);
      const zero = (withTotal ? line.slice(0, -1) : line).find(([r, c]) => !mark.has(key(r, c)) && value(r, c) === 0);
      const next = cells[0] ?? (totalFixed ? zero : total);
      if (!next) continue;
      mark.set(key(next[0], next[1]), SUPPRESSED_SECONDARY);
      changed = true;
    }
  }

  const cell = (r: number, c: number): Cell => mark.get(key(r, c)) ?? value(r, c);
  return {
    cells: counts.map((row, r) => row.map((_, c) => cell(r, c))),
    rowTotals: opts.rowTotals ? counts.map((_, r) => cell(r, colsN)) : null,
    columnTotals: opts.columnTotals ? Array.from({ length: colsN }, (_, c) => cell(rowsN, c)) : null,
    grandTotal: opts.rowTotals && opts.columnTotals ? cell(rowsN, colsN) : null,
    suppressed: mark.size > 0,
  };
}

/** A share of a total as a percentage to one decimal place, withheld when its count is. */
export function percentOf(count: Cell, total: number): Cell {
  if (typeof count !== 'number') return count === null ? null : SUPPRESSED_SECONDARY;
  if (total <= 0) return null;
  return Math.round((1000 * count) / total) / 10;
}
