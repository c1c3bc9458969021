// The borough's history (--months): the seasons a board member would recognise, a slow growth in
// demand, nothing dated after the live year begins or in the future, months only, a live year
// that does not depend on how much history was asked for, and alerts with outcomes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_CLOSE_REASONS, FEED_CONTRACTS, FEED_IDS } from '@mast/shared';
import { generateBorough, type GenerateResult } from './generate.ts';
import { parseGenerateArgs } from './generate-cli.ts';
import { historyWindow } from './history.ts';
import { isoOf } from './dates.ts';

const AS_OF = '2026-06-30';
const dirs: string[] = [];

async function generate(months: number, scale = 0.25): Promise<GenerateResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mast-history-'));
  dirs.push(dir);
  return generateBorough({ outDir: dir, seed: 1, scale, asOf: AS_OF, months });
}

const readCsv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const monthNumber = (iso: string) => Number(iso.slice(5, 7));
const WINTER = new Set([12, 1, 2]);
const SUMMER = new Set([6, 7, 8]);

let b: GenerateResult;
let history: Record<string, string>[];
let alerts: Record<string, string>[];

beforeAll(async () => {
  b = await generate(36);
  history = readCsv(b.files.history.involvements);
  alerts = readCsv(b.files.history.alerts);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Rows of `feed` in `categories` whose month is in `months`. */
function count(rows: Record<string, string>[], feed: string, categories: string[], months: Set<number>, dateOf: (r: Record<string, string>) => string) {
  return rows.filter((r) => (r.feed ?? feed) === feed && categories.includes(r.category!) && months.has(monthNumber(dateOf(r)))).length;
}

describe('the history before the live year (--months 36)', () => {
  it('covers the whole months retention would keep, up to the live year, by month only', () => {
    const { from, to } = historyWindow(AS_OF, 36);
    expect([isoOf(from), isoOf(to)]).toEqual(['2023-07-01', '2025-06-29']);
    const months = new Set(history.map((r) => r.month));
    expect(months.size).toBe(24);
    for (const r of history) {
      expect(r.month).toMatch(/^\d{4}-\d{2}-01$/);
      expect(r.last_month).toMatch(/^\d{4}-\d{2}-01$/);
      expect(r.month! >= '2023-07-01' && r.last_month! <= '2025-06-01' && r.month! <= r.last_month!).toBe(true);
      expect(r.postcode_district).toMatch(/^MB\d{1,2}$/);
    }
    expect(Object.keys(history[0]!)).not.toContain('day');
  });

  it('has the seasons: falls in winter, violence and antisocial behaviour in summer, dwelling fires around December, fewer child referrals in August', () => {
    const m = (r: Record<string, string>) => r.month!;
    expect(count(history, 'nhs', ['fall'], WINTER, m)).toBeGreaterThan(1.2 * count(history, 'nhs', ['fall'], SUMMER, m));
    expect(count(history, 'police', ['violence', 'antisocial-behaviour'], SUMMER, m)).toBeGreaterThan(1.3 * count(history, 'police', ['violence', 'antisocial-behaviour'], WINTER, m));
    const fires = ['accidental-dwelling-fire', 'false-alarm'];
    expect(count(history, 'fire', fires, new Set([11, 12, 1]), m)).toBeGreaterThan(count(history, 'fire', fires, new Set([5, 6, 7]), m));
    const referrals = (month: number) => history.filter((r) => r.feed === 'council-children' && monthNumber(r.month!) === month).length;
    expect(referrals(8)).toBeLessThan(0.8 * referrals(10));
  });

  it('is quieter than the live year, as demand grows year on year', () => {
    const { from, to } = historyWindow(AS_OF, 36);
    for (const feed of ['police', 'nhs', 'fire'] as const) {
      const perYear = (history.filter((r) => r.feed === feed).length * 365) / (to - from + 1);
      const live = b.counts[feed]!;
      expect(perYear / live, feed).toBeGreaterThan(0.9);
      expect(perYear / live, feed).toBeLessThan(0.98);
    }
  });

  it('keeps the seasons in the live year too', () => {
    const nhs = readCsv(b.files.feeds.nhs).filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.attendance_date!));
    const d = (r: Record<string, string>) => r.attendance_date!;
    expect(count(nhs, 'nhs', ['fall'], WINTER, d)).toBeGreaterThan(1.15 * count(nhs, 'nhs', ['fall'], SUMMER, d));
  });

  it('raises alerts on it under the shipped rules, with what came of each', () => {
    expect(new Set(alerts.map((a) => a.rule))).toEqual(new Set(['many-contacts-address', 'many-contacts-person', 'repeat-police-incidents', 'child-not-brought']));
    const hours = alerts.filter((a) => a.hours_to_acknowledge !== '').map((a) => Number(a.hours_to_acknowledge));
    expect(hours.length).toBeGreaterThan(0.9 * alerts.length);
    expect(hours.length).toBeLessThan(alerts.length);
    expect(hours.filter((h) => h <= 48).length / hours.length).toBeGreaterThan(0.7);
    const closed = alerts.filter((a) => a.closed_month !== '');
    expect(closed.length / alerts.length).toBeGreaterThan(0.8);
    for (const a of closed) {
      expect(Object.keys(ALERT_CLOSE_REASONS)).toContain(a.closed_reason);
      expect(a.closed_month! >= a.raised_month!).toBe(true);
    }
    for (const a of alerts) {
      expect(a.raised_month! >= '2023-07-01' && a.raised_month! <= '2025-06-01' && a.last_month! >= a.raised_month!).toBe(true);
      if (a.subject_kind === 'person') {
        expect(['0-17', '18-24', '25-44', '45-64', '65+']).toContain(a.age_band);
        expect(['female', 'male']).toContain(a.sex);
      } else expect([a.age_band, a.sex, a.true_person_id]).toEqual(['', '', '']);
    }
  });

  it('leaves the live year as it is whatever the months asked for, and makes no history for 12', async () => {
    const twelve = await generate(12);
    for (const f of FEED_IDS) expect(sha(twelve.files.feeds[f])).toBe(sha(b.files.feeds[f]));
    expect(sha(twelve.files.truth)).toBe(sha(b.files.truth));
    expect(readCsv(twelve.files.history.involvements)).toEqual([]);
    expect(readCsv(twelve.files.history.alerts)).toEqual([]);
  });

  it('refuses months outside 12 to 36', async () => {
    expect(parseGenerateArgs(['--months', '36'])).toEqual({ outDir: './demo', months: 36 });
    for (const bad of ['11', '37', '18.5']) expect(() => parseGenerateArgs(['--months', bad])).toThrow(/months must be a whole number from 12 to 36/);
    await expect(generateBorough({ outDir: join(tmpdir(), 'never'), months: 48 })).rejects.toThrow(/from 12 to 36/);
  });
});
