// Runs durable jobs from PostgreSQL in this process. Every server process runs one; they share
// the queue, and SKIP LOCKED keeps them from taking the same job. A job holds a lease that the
// worker renews while it runs; a process killed mid-job stops renewing, and once the lease runs
// out another process (or this one, restarted) takes the job again. A job whose last attempt
// fails, or whose last attempt's process died, is given up: its handler cleans up and says so,
// then it is marked failed; never left "running" for ever.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { claimJob, failJob, renewJobLease, type Database, type Job } from '@mast/db';

export interface JobHandler<P = unknown> {
  /** Does the job's work. It must mark the job done itself (finishJob inside its own
   * transaction), so that the work and "done" commit together; a throw is a failed attempt. */
  run(job: Job<P>): Promise<void>;
  /** The job has failed for good (`code` says why; never a value from a file): delete what it
   * held, tell whoever waits. Called before the job is marked failed, so a process stopped here
   * leaves it to be given up again: keep it short and safe to repeat. */
  giveUp?(job: Job<P>, code: string): Promise<void>;
}

export interface WorkerOptions {
  /** How often to look for work when idle. */
  pollMs?: number;
  /** How long a job stays this worker's without a renewal (the server passes MAST_JOB_LEASE_MS, checked in config.ts). */
  leaseMs?: number;
  maxAttempts?: number;
  retryAfterMs?: number;
}

export interface JobWorker {
  /** Looks for work now (after queuing a job), instead of at the next poll. */
  wake(): void;
  /** Finishes the job in hand, then stops. */
  stop(): Promise<void>;
  readonly id: string;
}

const errorCode = (e: unknown) => (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'job_failed');

export function startJobWorker(database: Database, handlers: Record<string, JobHandler<any>>, opts: WorkerOptions = {}): JobWorker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 3;
  const retryAfterMs = opts.retryAfterMs ?? 30_000;
  const kinds = Object.keys(handlers);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let current: Promise<void> = Promise.resolve();

  /** Ends a job as failed, if it is still this worker's (not done, not taken by another). */
  const giveUp = async (job: Job, code: string): Promise<void> => {
    if (!(await renewJobLease(database.db, job.id, id, leaseMs))) return;
    try {
      await handlers[job.kind]!.giveUp?.(job, code);
    } catch (e) {
      // Marked failed all the same: a clean-up that keeps failing must not keep the job running.
      console.error(`job ${job.id} (${job.kind}) could not be given up cleanly: ${errorCode(e)}`);
    }
    await failJob(database.db, job.id, id, { code }, { afterMs: retryAfterMs, maxAttempts });
  };

  const runOne = async (): Promise<boolean> => {
    const job = await claimJob(database.db, { kinds, worker: id, leaseMs, maxAttempts });
    if (!job) return false;
    const renew = setInterval(() => void renewJobLease(database.db, job.id, id, leaseMs).catch(() => {}), Math.max(1000, leaseMs / 3));
    try {
      if (job.exhausted) {
        console.error(`job ${job.id} (${job.kind}) given up: its last attempt's process stopped`);
        await giveUp(job, 'interrupted');
        return true;
      }
      try {
        await handlers[job.kind]!.run(job);
      } catch (e) {
        // Only the error's code is kept: a message could quote a value from a partner's file.
        console.error(`job ${job.id} (${job.kind}) attempt ${job.attempts} failed: ${errorCode(e)}`);
        if (job.attempts >= maxAttempts) await giveUp(job, errorCode(e)).catch(() => {});
        else await failJob(database.db, job.id, id, { code: errorCode(e) }, { afterMs: retryAfterMs, maxAttempts }).catch(() => {});
      }
    } finally {
      clearInterval(renew);
    }
    return true;
  };

  const loop = async () => {
    while (!stopping) {
      let worked = false;
      try {
        current = runOne().then((w) => void (worked = w));
        await current;
      } catch {
        // The database was unreachable: try again at the next poll.
      }
      if (worked || stopping) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
    }
  };
  const done = loop();

  return {
    id,
    wake() {
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      this.wake();
      await done;
    },
  };
}
