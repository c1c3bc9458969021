import { reportCsv, type Report } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { addMonths, chartData, formatAsOf, csvFileName, formatCell, formatMonth, formatPeriod, monthFrom, monthOf, monthlyReportRange, monthsFrom } from './analytics.ts';

const report: Report = {
  id: 'contacts-by-month',
  title: 'Contacts by month',
  caption: 'Contacts each month.',
  notes: [],
  chart: { type: 'line', x: 'month', series: ['police', 'share'], yLabel: 'Contacts' },
  columns: [
    { key: 'month', label: 'Month', kind: 'label' },
    { key: 'police', label: 'Police', kind: 'count' },
    { key: 'share', label: 'Share', kind: 'percent' },
  ],
  rows: [
    ['2026-09', 1234, 50],
    ['2026-10', '<5', '[c]'],
    ['2026-11', '[c]', null],
  ],
  total: ['Total', 1250, 100],
  suppressed: true,
};

describe('formatCell', () => {
  it('writes counts with thousands separators and percentages to one place with their sign', () => {
    expect(formatCell(1234567, 'count')).toBe('1,234,567');
    expect(formatCell(0, 'count')).toBe('0');
    expect(formatCell(12.5, 'percent')).toBe('12.5%');
    expect(formatCell(50, 'percent')).toBe('50.0%');
    expect(formatCell(2.345, 'number')).toBe('2.35');
    expect(formatCell(1500.5, 'number')).toBe('1,500.5');
  });

  it('shows withheld cells and labels as they came, and an empty cell as nothing', () => {
    expect(formatCell('<5', 'count')).toBe('<5');
    expect(formatCell('[c]', 'percent')).toBe('[c]');
    expect(formatCell('2026-11', 'label')).toBe('2026-11');
    expect(formatCell(2026, 'label')).toBe('2026');
    expect(formatCell(null, 'count')).toBe('');
  });

  it('reads back as the CSV writes it, once separators and the % sign are taken off', () => {
    const csvCells = reportCsv(report).trim().split('\r\n').slice(1).map((line) => line.split(','));
    const shown = [...report.rows, report.total!].map((row) => row.map((cell, i) => formatCell(cell, report.columns[i]!.kind).replace(/[,%]/g, '')));
    expect(shown.map((row) => row.map((c) => c.replace(/\.0$/, '')))).toEqual(csvCells);
  });
});

describe('chartData', () => {
  it('draws the table: withheld and empty cells are gaps, never zeros', () => {
    const data = chartData(report)!;
    expect(data.labels).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(data.series.map((s) => [s.label, s.values])).toEqual([
      ['Police', [1234, null, null]],
      ['Share', [50, null, null]],
    ]);
    expect(data.type).toBe('line');
  });

  it('is null for a report without a chart, and refuses a chart naming a column the table lacks', () => {
    expect(chartData({ ...report, chart: null })).toBeNull();
    expect(() => chartData({ ...report, chart: { ...report.chart!, series: ['fire'] } })).toThrow(/fire/);
  });
});

describe('the period in the URL', () => {
  it('takes 1 to 36 months, else 36', () => {
    expect(monthsFrom(new URLSearchParams('months=12'))).toBe(12);
    expect(monthsFrom(new URLSearchParams('months=1'))).toBe(1);
    for (const bad of ['months=0', 'months=37', 'months=12.5', 'months=abc', 'months=-3', '']) expect(monthsFrom(new URLSearchParams(bad)), bad).toBe(36);
  });

  it('takes a month as YYYY-MM, else none (the API then gives the last complete month)', () => {
    expect(monthFrom(new URLSearchParams('month=2026-11'))).toBe('2026-11');
    for (const bad of ['month=2026-13', 'month=2026-1', 'month=november', '']) expect(monthFrom(new URLSearchParams(bad)), bad).toBeNull();
  });

  it('names months in words', () => {
    expect(formatMonth('2026-11')).toBe('November 2026');
    expect(formatMonth('2026-01')).toBe('January 2026');
    expect(formatMonth('soon')).toBe('soon');
    expect(formatPeriod('2025-12', '2026-11')).toBe('December 2025 to November 2026');
    expect(formatPeriod('2026-11', '2026-11')).toBe('November 2026');
    expect(monthOf(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12');
  });

  it('says when the figures were read: a day as a day, a moment in UK time', () => {
    expect(formatAsOf('2026-12-06')).toBe('6 Dec 2026');
    expect(formatAsOf('2026-07-01T05:00:00Z')).toBe('1 Jul 2026, 06:00');
  });

  it('counts months across years, and offers the last complete month and the 35 before it', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-11', -35)).toBe('2023-12');
    expect(addMonths('2026-11', 0)).toBe('2026-11');
    expect(() => addMonths('2026-13', 1)).toThrow();
    expect(monthlyReportRange(new Date('2026-12-06T16:00:00Z'))).toEqual({ min: '2023-12', max: '2026-11' });
    expect(monthlyReportRange(new Date('2027-01-01T00:30:00Z'))).toEqual({ min: '2024-01', max: '2026-12' });
  });
});

describe('csvFileName', () => {
  it('names the download after the topic and the report', () => {
    expect(csvFileName('demand', 'contacts-by-agency')).toBe('demand-contacts-by-agency.csv');
    expect(csvFileName('monthly', '../odd name')).toBe('monthly-odd-name.csv');
  });
});
