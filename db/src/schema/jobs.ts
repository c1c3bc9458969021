// Durable jobs: the work a server process must not lose (applying an uploaded feed file, the
// daily retention run). They live in PostgreSQL, not in a process's memory, so any server process
// may take one, and one killed mid-job leaves it to be taken again once its lease runs out.
import { pgTable, bigserial, integer, text, jsonb, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** apply-upload, retention */
    kind: text('kind').notNull(),
    /** What the job needs (a staged file's path and the feed, never a file's content). */
    payload: jsonb('payload').notNull(),
    /** queued, running, done, failed */
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Which process holds the job, and until when: after that, another may take it. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** The outcome (an upload report), or for a failure the error's code: never a value from a file. */
    result: jsonb('result'),
    /** Jobs that must run once per key (the retention run of one day). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('jobs_ready_idx').on(t.state, t.runAfter, t.id), uniqueIndex('jobs_dedupe_key').on(t.kind, t.dedupeKey)],
);
