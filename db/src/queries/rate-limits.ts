import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';

/** Adds one to the counter of `key` in the window starting at `windowStart`; returns the new count. */
export async function hitRateLimit(db: Db, key: string, windowStart: Date): Promise<number> {
  const [r] = await rows<{ count: number }>(
    db,
    sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart.toISOString()}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
          window_start = excluded.window_start
        RETURNING count`,
  );
  return r!.count;
}

/** The count of `key` in the window starting at `windowStart` (0 when none). */
export async function peekRateLimit(db: Db, key: string, windowStart: Date): Promise<number> {
  const [r] = await rows<{ count: number }>(
    db,
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${windowStart.toISOString()}`,
  );
  return r?.count ?? 0;
}

/**
 * Counts one failure of `key` in a run that started with its first failure (window_start) and
 * lasts `windowSeconds`; a failure after the run has lapsed starts a new one. The failure that
 * brings the count to `limit` starts the run again from itself, so a lock it sets lasts the whole
 * window from that moment. Returns the run's count and when it (or the lock) started.
 */
export async function recordFailure(db: Db, key: string, now: Date, windowSeconds: number, limit: number): Promise<{ count: number; since: Date }> {
  const at = now.toISOString();
  const [r] = await rows<{ count: number; since: string }>(
    db,
    sql`INSERT INTO rate_limits AS r (key, window_start, count) VALUES (${key}, ${at}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN r.window_start > ${at}::timestamptz - ${windowSeconds} * interval '1 second' THEN r.count + 1 ELSE 1 END,
          window_start = CASE WHEN r.window_start > ${at}::timestamptz - ${windowSeconds} * interval '1 second' AND r.count + 1 < ${limit}
                              THEN r.window_start ELSE excluded.window_start END
        RETURNING count, window_start::text AS since`,
  );
  return { count: r!.count, since: new Date(r!.since) };
}

/** The run of failures of `key` still within `windowSeconds` of its start, or null. */
export async function peekFailures(db: Db, key: string, now: Date, windowSeconds: number): Promise<{ count: number; since: Date } | null> {
  const [r] = await rows<{ count: number; since: string }>(
    db,
    sql`SELECT count, window_start::text AS since FROM rate_limits
        WHERE key = ${key} AND window_start > ${now.toISOString()}::timestamptz - ${windowSeconds} * interval '1 second'`,
  );
  return r ? { count: r.count, since: new Date(r.since) } : null;
}
