// Counters for rate limits: per fixed window (uploads an hour), or per run from a first failure
// (wrong sign-ins). They live in the database, not in a server's memory,
// so every server process counts against the same limit.
import { pgTable, text, integer, timestamp, boolean } from 'drizzle-orm/pg-core';

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  count: integer('count').notNull(),
  /** Whether the last attempt counted against this key was let through (sign-in slowing, rate-limits.ts). */
  granted: boolean('granted').notNull().default(true),
});
