// Rule evaluation as a durable job: after every upload is applied (one job per upload) and once a
// night (one per UTC date, however many processes ask). Any process may take it; evaluating
// twice is harmless (an open alert is updated, never duplicated).
import { enqueueJob, evaluateAlertRules, finishJob, type AlertEvaluation, type Database, type Db } from '@mast/db';
import { refreshCounts } from '../analytics/refresh-counts.ts';
import type { AlertRules } from '@mast/shared';
import type { JobHandler } from '../jobs/worker.ts';

export const EVALUATE_ALERTS = 'evaluate-alerts';

export interface EvaluateAlertsPayload {
  /** What asked: an upload's id, or the night's date. */
  after: string;
}

const utcDate = (now: Date) => now.toISOString().slice(0, 10);

/** Queues an evaluation once for `after` (an upload, or a night); `db` may be the upload's own transaction. */
export function scheduleAlertEvaluation(db: Db, after: string, now = new Date()): Promise<number> {
  return enqueueJob(db, { kind: EVALUATE_ALERTS, payload: { after } satisfies EvaluateAlertsPayload, dedupeKey: after, runAfter: now });
}

export function formatAlertEvaluation(e: AlertEvaluation, seconds: number): string {
  const lines = Object.entries(e.byRule).map(([rule, c]) => `  ${rule}: ${c.matching} meeting it now, ${c.raised} raised, ${c.updated} updated`);
  return [`alert rules evaluated in ${seconds.toFixed(2)} s`, ...lines].join('\n');
}

/** Evaluates the rules as of the time the job runs, and marks the job done in the same transaction. */
export function alertEvaluationHandler(database: Database, rules: AlertRules, opts: { clock?: () => Date; log?: (line: string) => void } = {}): JobHandler<EvaluateAlertsPayload> {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`mast: ${line}`));
  return {
    async run(job) {
      const now = clock();
      const t0 = performance.now();
      const evaluation = await database.db.transaction(async (tx) => {
        const e = await evaluateAlertRules(tx, rules, utcDate(now), now);
        await finishJob(tx, job.id, e);
        return e;
      });
      log(formatAlertEvaluation(evaluation, (performance.now() - t0) / 1000));
      // The trend reports' counts are made once a night, with that night's alerts in them: they
      // read months, and a refresh after every upload would hold up lookups on an embedded database.
      if (job.payload.after.startsWith('night:')) await refreshCounts(database, now, log);
    },
  };
}

/** Queues the night's evaluation now and every hour, so a new UTC date's job exists within the hour after midnight. */
export function startNightlyAlertEvaluation(database: Pick<Database, 'db'>, opts: { clock?: () => Date; onScheduled?: () => void } = {}): { stop(): void } {
  const clock = opts.clock ?? (() => new Date());
  const tick = () =>
    void scheduleAlertEvaluation(database.db, `night:${utcDate(clock())}`, clock())
      .then(() => opts.onScheduled?.())
      .catch(() => {});
  tick();
  const timer = setInterval(tick, 3600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

