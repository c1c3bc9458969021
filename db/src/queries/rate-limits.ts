import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
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

/** How attempts at one key are slowed: `free` go through at once, then each waits twice as long as the one before. */
export interface SlowingPolicy {
  /** Attempts let through without a wait. */
  free: number;
  /** The first wait, in seconds; it doubles with each attempt after. */
  baseSeconds: number;
  /** The longest wait, in seconds. */
  maxSeconds: number;
  /** A key quiet for this long starts again from nothing. */
  forgetSeconds: number;
}

export interface Attempt {
  /** Whether this attempt may go ahead. */
  granted: boolean;
  /** Attempts counted against the key, this one included when granted. */
  count: number;
  /** When not granted: seconds until the key lets an attempt through. */
  retryAfterSeconds: number;
}

/**
 * Takes one attempt at `key` before the thing it guards is tried, in one statement, so that
 * parallel attempts cannot all read the same count and all go through: the row is locked by the
 * upsert, and each sees the count the one before left. An attempt is let through when the key is
 * new or quiet for `forgetSeconds` (the count starts again), or when the wait its count calls for
 * has passed since the last attempt let through; a refused attempt changes nothing but `granted`.
 * The caller gives the attempt back (refundAttempt) when it succeeds.
 */
export async function takeAttempt(db: Db, key: string, now: Date, policy: SlowingPolicy): Promise<Attempt> {
  const at = now.toISOString();
  const { free, baseSeconds, maxSeconds, forgetSeconds } = policy;
  // The wait after n attempts: none while n < free, then base, 2 x base, 4 x base, ... up to max.
  const waitAfter = (n: unknown) =>
    sql`(CASE WHEN ${n} < ${free} THEN 0 ELSE LEAST(${maxSeconds}::float8, ${baseSeconds}::float8 * power(2::float8, (${n} - ${free})::float8)) END * interval '1 second')`;
  const lapsed = sql`r.window_start <= ${at}::timestamptz - ${forgetSeconds} * interval '1 second'`;
  // A last attempt "in the future" is another process's clock running a little ahead, or this
  // clock set back: it must not shut everyone out until the clock catches up.
  const due = sql`(${at}::timestamptz >= r.window_start + ${waitAfter(sql`r.count`)} OR r.window_start > ${at}::timestamptz)`;
  const [r] = await rows<{ count: number; granted: boolean; next_at: string }>(
    db,
    sql`INSERT INTO rate_limits AS r (key, window_start, count, granted) VALUES (${key}, ${at}, 1, true)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN ${lapsed} THEN 1 WHEN ${due} THEN r.count + 1 ELSE r.count END,
          granted = (${lapsed}) OR (${due}),
          window_start = CASE WHEN (${lapsed}) OR (${due}) THEN excluded.window_start ELSE r.window_start END
        RETURNING count, granted, (window_start + ${waitAfter(sql`count`)})::text AS next_at`,
  );
  const retryAfterSeconds = r!.granted ? 0 : Math.max(1, Math.ceil((new Date(r!.next_at).getTime() - now.getTime()) / 1000));
  return { granted: r!.granted, count: r!.count, retryAfterSeconds };
}

/** Gives back an attempt that succeeded: it was not a guess, and must not slow the next. */
export async function refundAttempt(db: Db, key: string): Promise<void> {
  await db.execute(sql`UPDATE rate_limits SET count = GREATEST(count - 1, 0) WHERE key = ${key}`);
}

/** Forgets a key altogether (a client that proved itself). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

/** Removes attempt counters under `prefixes` quiet since `before` (they would start afresh anyway); returns how many. */
export async function deleteQuietAttempts(db: Db, prefixes: readonly string[], before: Date): Promise<number> {
  let removed = 0;
  for (const prefix of prefixes) {
    const gone = await rows<{ key: string }>(
      db,
      sql`DELETE FROM rate_limits WHERE starts_with(key, ${prefix}) AND window_start < ${before.toISOString()} RETURNING key`,
    );
    removed += gone.length;
  }
  return removed;
}
