// The durable job queue's statements. A job is taken with FOR UPDATE SKIP LOCKED, so two server
// processes never take the same one, and a job whose holder stopped renewing its lease (killed,
// crashed, unplugged) is taken again: nothing is lost and nothing runs twice at once. A job whose
// attempts are used up is taken once more, to be given up (see ClaimedJob), so that even a job
// that kills every process that runs it ends.
import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job<P = unknown, R = unknown> {
  id: number;
  kind: string;
  payload: P;
  state: JobState;
  attempts: number;
  result: R | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface JobRow {
  id: string | number;
  kind: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  result: unknown;
  created_at: string | Date;
  finished_at: string | Date | null;
}

function toJob<P, R>(r: JobRow): Job<P, R> {
  return {
    id: Number(r.id),
    kind: r.kind,
    payload: r.payload as P,
    state: r.state,
    attempts: r.attempts,
    result: (r.result ?? null) as R | null,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  };
}

const JOB_COLUMNS = sql`id, kind, payload, state, attempts, result, created_at, finished_at`;

/**
 * Queues a job; with a dedupe key, a job of that kind and key is queued only once (the existing
 * one is returned), so two processes scheduling the same daily run make one job.
 */
export async function enqueueJob(db: Db, job: { kind: string; payload: unknown; dedupeKey?: string; runAfter?: Date }): Promise<number> {
  const runAfter = (job.runAfter ?? new Date()).toISOString();
  const [r] = await rows<{ id: string | number }>(
    db,
    sql`INSERT INTO jobs (kind, payload, dedupe_key, run_after) VALUES (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${job.dedupeKey ?? null}, ${runAfter})
        ON CONFLICT (kind, dedupe_key) DO UPDATE SET kind = excluded.kind
        RETURNING id`,
  );
  return Number(r!.id);
}

/** A taken job. `exhausted`: its attempts were used up (the last one's process stopped without
 * ending it), so it must be given up, not run: ended as failed by the one process that took it. */
export type ClaimedJob<P = unknown> = Job<P> & { exhausted: boolean };

/** Takes the oldest ready job of the given kinds (or one whose lease ran out), or none. */
export async function claimJob<P = unknown>(db: Db, opts: { kinds: readonly string[]; worker: string; leaseMs: number; maxAttempts: number }): Promise<ClaimedJob<P> | undefined> {
  // Taking an exhausted job leaves its attempts as they are: it is not run again.
  const [r] = await rows<JobRow & { exhausted: boolean }>(
    db,
    sql`UPDATE jobs SET state = 'running', attempts = CASE WHEN ready.exhausted THEN attempts ELSE attempts + 1 END, locked_by = ${opts.worker},
               locked_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
        FROM (
          SELECT id AS ready_id, attempts >= ${opts.maxAttempts} AS exhausted FROM jobs
          WHERE kind IN (${sql.join(opts.kinds.map((k) => sql`${k}`), sql`, `)})
            AND ((state = 'queued' AND run_after <= now()) OR (state = 'running' AND locked_until < now()))
          ORDER BY id
          LIMIT 1
          FOR UPDATE SKIP LOCKED) ready
        WHERE id = ready.ready_id
        RETURNING ${JOB_COLUMNS}, ready.exhausted`,
  );
  return r ? { ...toJob<P, unknown>(r), exhausted: r.exhausted } : undefined;
}

/** Keeps a running job's lease; false when the job is no longer this worker's. */
export async function renewJobLease(db: Db, id: number, worker: string, leaseMs: number): Promise<boolean> {
  const r = await rows<{ id: string | number }>(
    db,
    sql`UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
        WHERE id = ${id} AND locked_by = ${worker} AND state = 'running' RETURNING id`,
  );
  return r.length === 1;
}

/** Marks a job done with its result. Run inside the transaction that did the job's work, so the
 * work and "done" commit together. */
export async function finishJob(db: Db, id: number, result: unknown): Promise<void> {
  await db.execute(
    sql`UPDATE jobs SET state = 'done', result = ${JSON.stringify(result)}::jsonb, finished_at = now(), locked_by = NULL, locked_until = NULL
        WHERE id = ${id}`,
  );
}

/** A failed attempt: queued again after `retryAfterMs`, or failed for good when attempts are used up. */
export async function failJob(db: Db, id: number, worker: string, error: { code: string }, retry: { afterMs: number; maxAttempts: number }): Promise<void> {
  await db.execute(
    sql`UPDATE jobs SET
          state = CASE WHEN attempts >= ${retry.maxAttempts} THEN 'failed' ELSE 'queued' END,
          run_after = now() + make_interval(secs => ${retry.afterMs / 1000}),
          result = ${JSON.stringify({ error: error.code })}::jsonb,
          finished_at = CASE WHEN attempts >= ${retry.maxAttempts} THEN now() ELSE NULL END,
          locked_by = NULL, locked_until = NULL
        WHERE id = ${id} AND locked_by = ${worker}`,
  );
}

export async function getJob<P = unknown, R = unknown>(db: Db, id: number): Promise<Job<P, R> | undefined> {
  const [r] = await rows<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ${id}`);
  return r ? toJob<P, R>(r) : undefined;
}

/**
 * Takes a done job of `kind` whose result still has `followUp: true`: work due after its commit
 * (a partner's report) that a stopped process left undone. Only jobs finished `minAgeMs` ago or
 * more, so the process that finished one has had time to do it itself. Leased like a running
 * job: two processes never do the same follow-up, and one stopped midway leaves it to another.
 */
export async function claimJobFollowUp<P = unknown, R = unknown>(db: Db, opts: { kind: string; worker: string; leaseMs: number; minAgeMs: number }): Promise<Job<P, R> | undefined> {
  const [r] = await rows<JobRow>(
    db,
    sql`UPDATE jobs SET locked_by = ${opts.worker}, locked_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
        WHERE id = (
          SELECT id FROM jobs
          WHERE kind = ${opts.kind} AND state = 'done' AND result -> 'followUp' = 'true'::jsonb
            AND finished_at < now() - make_interval(secs => ${opts.minAgeMs / 1000}) AND (locked_until IS NULL OR locked_until < now())
          ORDER BY id
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        RETURNING ${JOB_COLUMNS}`,
  );
  return r ? toJob<P, R>(r) : undefined;
}

/** A done job's follow-up is done: its result drops `followUp` (and any lease on it ends). */
export async function endJobFollowUp(db: Db, id: number): Promise<void> {
  await db.execute(sql`UPDATE jobs SET result = result - 'followUp', locked_by = NULL, locked_until = NULL WHERE id = ${id} AND state = 'done'`);
}

/** Jobs of a kind in a state (oldest first): what a restart or an admin view needs. */
export async function listJobs<P = unknown, R = unknown>(db: Db, kind: string, states: readonly JobState[], limit = 100): Promise<Job<P, R>[]> {
  const found = await rows<JobRow>(
    db,
    sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = ${kind} AND state IN (${sql.join(states.map((s) => sql`${s}`), sql`, `)}) ORDER BY id LIMIT ${limit}`,
  );
  return found.map((r) => toJob<P, R>(r));
}
