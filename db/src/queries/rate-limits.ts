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
