// The demo borough's past deliveries: one feed_uploads row for each day each partner's file was
// due over the months before today, as counts only, so that feed health in the trend reports
// (files on time, rows rejected, addresses matched, files received) reads like a partner that has
// been sending all along rather than one that sent its first file today. The live year arrives
// through one real file per partner at load time; these rows stand for the daily files that file
// sums up, and for the history months' files before it.
//
// Each is received before today (UK date), so the real uploads stay each feed's latest and feed
// freshness is as it was. No rejected_rows are written (their reasons would be invented; retention
// leaves an upload over a year old with none anyway) and no involvement points at them.
// Deterministic with the demo seed: the arrival times, the late files and the missed days come
// from a stream of their own.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AGENCIES, FEED_IDS, dueAtOrAfter, fromLondonTime, toLondonTime, type FeedId } from '@mast/shared';
import { insertUploadHistory, sql, type Database, type UploadHistoryRow } from '@mast/db';
import { Rng } from '../demo/prng.ts';
import type { UploadReport } from '../feeds/ingest.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** How each partner delivers: how long before the due time its file usually comes, how often it is
 * late or missed, and how it is sent. */
const HABITS: Record<FeedId, { leadMinutes: number; late: number; missedPerYear: number; via: 'sftp' | 'https' }> = {
  police: { leadMinutes: 55, late: 0.012, missedPerYear: 3, via: 'sftp' },
  'council-children': { leadMinutes: 40, late: 0.025, missedPerYear: 6, via: 'https' },
  'council-adults': { leadMinutes: 35, late: 0.03, missedPerYear: 5, via: 'https' },
  nhs: { leadMinutes: 150, late: 0.008, missedPerYear: 2, via: 'sftp' },
  fire: { leadMinutes: 65, late: 0.018, missedPerYear: 4, via: 'https' },
};

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const londonDay = (t: number) => {
  const l = toLondonTime(t);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
};
/** The calendar day before an ISO date. */
const dayBefore = (day: string) => isoDay(Date.parse(`${day}T00:00:00Z`) - DAY);
const nextDay = (day: string) => isoDay(Date.parse(`${day}T00:00:00Z`) + DAY);
const daysOfMonth = (month: string): string[] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

/** The history file's contacts and cases by feed and month (its first and fourth cells). */
async function historyMonths(path: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const cells = line.split(',', 4);
    const key = `${cells[0]}\t${cells[3]!.slice(0, 7)}`; // month: "2024-03-01"
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface DemoUploadsOptions {
  now: Date;
  seed: number;
  /** Months before the current one to cover (the demo's months: 36 by default). */
  months: number;
  /** The generator's history file of contacts and cases (feed, ..., month, ...). */
  historyInvolvements: string;
  /** The real uploads just made: their sizes per row, and the council snapshots' sizes. */
  reports: readonly UploadReport[];
}

/** The past deliveries, built but not written (loadDemoUploads writes them). */
export async function demoUploads(database: Database, opts: DemoUploadsOptions): Promise<UploadHistoryRow[]> {
  const today = toLondonTime(opts.now);
  const startMonth = new Date(Date.UTC(today.year, today.month - 1 - opts.months, 1));
  const from = fromLondonTime(startMonth.getUTCFullYear(), startMonth.getUTCMonth() + 1, 1, 0, 0);
  // Before today's first minute in the UK, and so before the real uploads (made at `now`).
  const until = Math.min(fromLondonTime(today.year, today.month, today.day, 0, 0), opts.now.getTime());

  const history = await historyMonths(opts.historyInvolvements);
  const live = new Map<string, number>();
  for (const r of await database.query<{ feed: string; day: string; n: number }>(
    sql`SELECT feed, contact_date::text AS day, count(*)::int AS n FROM involvements GROUP BY 1, 2`,
  )) {
    live.set(`${r.feed}\t${r.day}`, r.n);
  }

  const out: UploadHistoryRow[] = [];
  for (const feed of FEED_IDS as readonly FeedId[]) {
    const agency = AGENCIES[feed];
    const schedule = agency.schedule;
    const habit = HABITS[feed];
    const rng = new Rng(opts.seed, `demo-uploads:${feed}`);
    const report = opts.reports.find((r) => r.feed === feed);
    const bytesPerRow = report && report.rows > 0 ? Math.max(60, Math.round(report.sizeBytes / report.rows)) : 150;
    const header = 40 * (report?.ignoredColumns.length ?? 0) + 220;
    const snapshotSize = report?.rows ?? 0;
    const dueDaysPerYear = schedule.every === 'day' ? 365 : schedule.every === 'weekdays' ? 261 : 52;
    const missed = habit.missedPerYear / dueDaysPerYear;
    const grace = schedule.graceMinutes * MINUTE;

    // Contacts by calendar day: the history months' counts spread over their days (the history
    // file keeps months only), the live year's as loaded, by contact date.
    const spread = new Map<string, number>();
    const dayCount = (day: string): number => {
      const month = day.slice(0, 7);
      const inHistory = history.get(`${feed}\t${month}`);
      if (inHistory === undefined) return live.get(`${feed}\t${day}`) ?? 0;
      if (!spread.has(day)) {
        const days = daysOfMonth(month);
        const weights = days.map(() => Math.max(0.2, 1 + 0.3 * rng.normal()));
        const sum = weights.reduce((s, w) => s + w, 0);
        let before = 0;
        let acc = 0;
        days.forEach((d, i) => {
          acc += weights[i]!;
          const upTo = Math.round((inHistory * acc) / sum);
          spread.set(d, upTo - before);
          before = upTo;
        });
      }
      return spread.get(day)!;
    };

    // An incremental file carries the contacts since the last file sent: a missed day's come the
    // next day. The first carries the day before it.
    let carriedTo: string | null = null;
    for (let due = dueAtOrAfter(schedule, from); ; due = dueAtOrAfter(schedule, due + 1)) {
      // When the file came: mostly some while before the due time, now and then within the grace,
      // now and then after it (late, but before halfway to the next due time), a few days not at all.
      if (due >= until) break;
      let at: number;
      if (rng.chance(missed)) continue;
      if (rng.chance(habit.late)) at = due + grace + rng.between(5, 240) * MINUTE;
      else if (rng.chance(0.04)) at = due + rng.between(1, Math.max(1, schedule.graceMinutes - 1)) * MINUTE;
      else at = due - Math.max(2, Math.round(habit.leadMinutes * (1 + 0.35 * rng.normal()))) * MINUTE;
      at += rng.int(60_000);
      if (at >= until) break;
      const day = londonDay(due);

      let rows: number;
      let casesClosed = 0;
      if (agency.kind === 'snapshot') {
        // The open cases that day: about the size of today's snapshot.
        rows = Math.max(1, Math.round(snapshotSize * (1 + 0.03 * rng.normal())));
        casesClosed = rng.int(Math.max(2, Math.round(snapshotSize * 0.004)) + 1);
      } else {
        const last = dayBefore(day);
        rows = 0;
        let d = carriedTo === null ? last : nextDay(carriedTo);
        for (; d <= last; d = nextDay(d)) rows += dayCount(d);
        carriedTo = last;
      }
      // Rejected rows: 0.1 to 0.5%, rounded by chance so a small file often has none.
      const rejectedExact = rows * (0.001 + 0.004 * rng.next());
      const rejected = Math.floor(rejectedExact) + (rng.chance(rejectedExact % 1) ? 1 : 0);
      const accepted = agency.kind === 'snapshot' ? rows - rejected : rows;
      const total = agency.kind === 'snapshot' ? rows : rows + rejected;
      const unmatchedExact = accepted * (0.004 + 0.012 * rng.next());
      const unmatched = Math.floor(unmatchedExact) + (rng.chance(unmatchedExact % 1) ? 1 : 0);
      out.push({
        feed,
        fileName: `${feed}-${day}.csv`,
        // Unique to the feed and day, and no file's hash: a real upload of any file never collides.
        sha256: createHash('sha256').update(`mast demo borough: ${feed} delivery due ${day}`).digest('hex'),
        sizeBytes: header + total * Math.max(1, Math.round(bytesPerRow * (1 + 0.05 * rng.normal()))),
        receivedAt: new Date(at),
        rowsTotal: total,
        rowsAccepted: accepted,
        rowsRejected: rejected,
        casesClosed,
        addressesUnmatched: unmatched,
        via: habit.via,
      });
    }
  }
  return out;
}

/** Writes the past deliveries; returns how many. */
export async function loadDemoUploads(database: Database, opts: DemoUploadsOptions): Promise<number> {
  const rows = await demoUploads(database, opts);
  return insertUploadHistory(database.db, rows);
}
