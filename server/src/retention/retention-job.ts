// The daily retention run as a durable job. Every server process schedules the day's job and
// the queue keeps one per UTC date (dedupe key), so N processes make one run a day; any process
// may take it, and the work and "done" commit together (see runRetention in @mast/db).
import { enqueueJob, finishJob, runRetention, type Database, type RetentionCounts } from '@mast/db';
import type { JobHandler } from '../jobs/worker.ts';
import { refreshCounts } from '../analytics/refresh-counts.ts';
import { loadPseudonymSecret } from './pseudonym-secret.ts';

export const RETENTION = 'retention';

export interface RetentionJobPayload {
  /** The UTC date the job was scheduled for (also its dedupe key). */
  date: string;
}

const utcDate = (now: Date) => now.toISOString().slice(0, 10);

/** Queues the retention run of `now`'s UTC date, once: a second call that day returns the same job. */
export async function scheduleRetention(database: Pick<Database, 'db'>, now: Date): Promise<number> {
  const date = utcDate(now);
  return enqueueJob(database.db, { kind: RETENTION, payload: { date } satisfies RetentionJobPayload, dedupeKey: date, runAfter: now });
}

export function formatRetentionCounts(c: RetentionCounts): string {
  return [
    `retention as of ${c.asOf}: ${c.moved} involvements dated before ${c.liveBefore} left the live data (${c.copied} copied to the trend data)`,
    `  people deleted ${c.personsDeleted}, person records deleted ${c.personRecordsDeleted}, people now shown by a remaining record ${c.personsRenamed}`,
    `  address review items deleted ${c.addressReviewsDeleted}, address decisions deleted ${c.addressDecisionsDeleted}`,
    `  rejected-row reasons deleted ${c.rejectedRowsDeleted}, finished jobs deleted ${c.jobsDeleted}`,
    `  lead-team notifications deleted ${c.notificationsDeleted}, reviewed break-glass uses deleted ${c.breakGlassDeleted}, alerts whose evidence left deleted ${c.alertsDeleted} (${c.alertsCopied} copied to the trend data)`,
    `  trend rows whose last month is before ${c.trendBefore} deleted ${c.trendRowsDeleted}, alert copies ${c.trendAlertsDeleted}`,
  ].join('\n');
}

export interface RetentionHandlerOptions {
  /** Where the pseudonym key file lives when MAST_PSEUDONYM_KEY is not set. */
  dataDir: string;
  /** The clock, injectable for tests: the run counts back from the time it runs. */
  clock?: () => Date;
  log?: (line: string) => void;
}

/** Runs retention as of the time the job runs (a job run late still removes all that is due). */
export function retentionHandler(database: Database, opts: RetentionHandlerOptions): JobHandler<RetentionJobPayload> {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`mast: ${line}`));
  return {
    async run(job) {
      const secret = await loadPseudonymSecret(opts.dataDir);
      const counts = await runRetention(database, { now: clock(), secret, onCommit: (tx, c) => finishJob(tx, job.id, c) });
      log(formatRetentionCounts(counts));
      // Rows moved from the live data to the copy: the reports count them again.
      await refreshCounts(database, clock(), log);
    },
  };
}

export interface RetentionSchedule {
  stop(): void;
}

/**
 * Schedules the day's run now and then every `everyMs` (an hour by default), so the job of a new
 * UTC date exists within the hour after midnight. `onScheduled` can wake this process's worker.
 * A database that does not answer is tried again at the next tick.
 */
export function startRetentionSchedule(
  database: Pick<Database, 'db'>,
  opts: { clock?: () => Date; everyMs?: number; onScheduled?: (jobId: number) => void } = {},
): RetentionSchedule {
  const clock = opts.clock ?? (() => new Date());
  const tick = () =>
    void scheduleRetention(database, clock())
      .then((id) => opts.onScheduled?.(id))
      .catch(() => {});
  tick();
  const timer = setInterval(tick, opts.everyMs ?? 3600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
