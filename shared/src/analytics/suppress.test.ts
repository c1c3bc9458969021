import { describe, expect, it } from 'vitest';
import { percentOf, suppressCount, suppressGrid } from './suppress.ts';

// Whether a withheld cell can be worked out from what is shown: for each line with a total shown,
// a lone withheld entry is the total (or a cell) less the rest.
function derivable(grid: ReturnType<typeof suppressGrid>): boolean {
  const lines: (string | number | null)[][] = [];
  if (grid.rowTotals) grid.cells.forEach((row, r) => lines.push([...row, grid.rowTotals![r]!]));
  if (grid.columnTotals) grid.columnTotals.forEach((t, c) => lines.push([...grid.cells.map((row) => row[c]!), t]));
  if (grid.rowTotals && grid.columnTotals) lines.push([...grid.columnTotals, grid.grandTotal]);
  return lines.some((line) => line.filter((x) => typeof x === 'string').length === 1);
}

describe('small-number suppression', () => {
  it('shows counts of 1 to 4 as "<5", and zero and 5 as they are', () => {
    expect([0, 1, 4, 5, 120].map(suppressCount)).toEqual([0, '<5', '<5', 5, 120]);
  });

  it('withholds the next smallest cell of a row whose total would give a small one away', () => {
    const grid = suppressGrid([[3, 40, 12, 0]], { rowTotals: true });
    expect(grid.cells[0]).toEqual(['<5', 40, '[c]', 0]);
    expect(grid.rowTotals).toEqual([55]);
    expect(grid.suppressed).toBe(true);
    expect(derivable(grid)).toBe(false);
  });

  it('never picks a zero to hide a small number (a zero hides nothing): the total goes instead', () => {
    const grid = suppressGrid([[2, 0, 0]], { rowTotals: true });
    expect(grid.cells[0]).toEqual(['<5', 0, 0]);
    expect(grid.rowTotals).toEqual(['<5']);
  });

  it('withholds down columns as well as across rows, until no line has a lone withheld entry', () => {
    const counts = [
      [2, 30, 50],
      [60, 70, 80],
      [90, 100, 3],
    ];
    const grid = suppressGrid(counts, { rowTotals: true, columnTotals: true });
    expect(grid.cells[0]![0]).toBe('<5');
    expect(grid.cells[2]![2]).toBe('<5');
    expect(derivable(grid)).toBe(false);
    // The true totals are shown where they are not themselves small.
    expect(grid.grandTotal).toBe(485);
    expect(grid.rowTotals).toEqual([82, 210, 193]);
  });

  it('holds on larger random grids: nothing withheld can be worked out from one line', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const rows = 1 + Math.floor(next() * 6);
      const cols = 1 + Math.floor(next() * 6);
      const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() < 0.3 ? Math.floor(next() * 5) : Math.floor(next() * 200))));
      const grid = suppressGrid(counts, { rowTotals: next() < 0.7, columnTotals: next() < 0.7 });
      expect(derivable(grid)).toBe(false);
      grid.cells.forEach((row, r) => row.forEach((cell, c) => (typeof cell === 'number' ? expect(cell).toBe(counts[r]![c]) : expect(counts[r]![c]).toBeGreaterThan(0))));
    }
  });

  it('leaves a grid with nothing small alone', () => {
    const grid = suppressGrid([[10, 20], [30, 0]], { rowTotals: true, columnTotals: true });
    expect(grid.suppressed).toBe(false);
    expect(grid.cells).toEqual([[10, 20], [30, 0]]);
    expect(grid.columnTotals).toEqual([40, 20]);
    expect(grid.grandTotal).toBe(60);
  });

  it('refuses what is not a count', () => {
    expect(() => suppressGrid([[1.5]])).toThrow(/whole counts/);
    expect(() => suppressGrid([[-1]])).toThrow(/whole counts/);
    expect(() => suppressGrid([[1, 2], [3]])).toThrow(/same number/);
  });

  it('withholds a share whose count is withheld', () => {
    expect(percentOf('<5', 100)).toBe('[c]');
    expect(percentOf(25, 200)).toBe(12.5);
    expect(percentOf(0, 0)).toBe(null);
  });
});

describe('suppression across a table and the totals another publishes', () => {
  it('withholds a second category of the same agency, so the agency total elsewhere gives neither away', () => {
    // Police: 40, 20, 3; NHS: 12; fire: 6. The agency table publishes police 63.
    const grid = suppressGrid([[40], [20], [3], [12], [6]], { columnTotals: true, groups: ['police', 'police', 'police', 'nhs', 'fire'] });
    expect(grid.cells.map((r) => r[0])).toEqual([40, '[c]', '<5', 12, 6]);
    expect(grid.columnTotals).toEqual([81]);
  });

  it('leaves an agency alone when a withheld category is its only one (its total is withheld where it is published)', () => {
    const grid = suppressGrid([[40], [3]], { columnTotals: true, groups: ['police', 'fire'] });
    expect(grid.cells.map((r) => r[0])).toEqual(['[c]', '<5']);
  });
});

describe('column totals another table publishes', () => {
  it('are never withheld to cover a cell; a zero of the line is withheld instead', () => {
    // Districts by agency: MB1 fire 6, police 3; MB3 police 40, NHS 12. The agency totals (6, 12, 43) are published elsewhere.
    const counts = [
      [6, 0, 3],
      [0, 12, 40],
    ];
    const grid = suppressGrid(counts, { rowTotals: true, columnTotals: true, columnTotalsPublished: true });
    expect(grid.columnTotals).toEqual([6, 12, 43]);
    expect(grid.cells[0]![2]).toBe('<5');
    // With the totals fixed, every column and row holds two withheld cells or none.
    for (let c = 0; c < 3; c++) expect(grid.cells.filter((row) => typeof row[c] === 'string').length).not.toBe(1);
    for (const row of grid.cells) expect(row.filter((x) => typeof x === 'string').length).not.toBe(1);
  });
});
