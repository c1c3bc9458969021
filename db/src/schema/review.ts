// The review queue of uncertain person matches, and the stewards' decisions. A decision is
// kept per pair of source records (lower id first) and wins over the model on every relink.
import { pgTable, bigserial, bigint, integer, text, doublePrecision, jsonb, timestamp, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { personRecords } from './people.ts';
import { users } from './users.ts';
import { createdAt } from './columns.ts';

export const matchReviews = pgTable(
  'match_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordA: bigint('record_a', { mode: 'number' })
      .notNull()
      .references(() => personRecords.id, { onDelete: 'cascade' }),
    recordB: bigint('record_b', { mode: 'number' })
      .notNull()
      .references(() => personRecords.id, { onDelete: 'cascade' }),
    weight: doublePrecision('weight').notNull(),
    probability: doublePrecision('probability').notNull(),
    /** [{ field, level, weight }]: comparison levels only, never a record's values. */
    evidence: jsonb('evidence').notNull(),
    /** open, same or different */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  // record_b has its own index so that deleting a person record cascades without a scan.
  (t) => [
    uniqueIndex('match_reviews_pair_key').on(t.recordA, t.recordB),
    index('match_reviews_status_idx').on(t.status, t.id),
    index('match_reviews_record_b_idx').on(t.recordB),
  ],
);

export const matchDecisions = pgTable(
  'match_decisions',
  {
    recordA: bigint('record_a', { mode: 'number' })
      .notNull()
      .references(() => personRecords.id, { onDelete: 'cascade' }),
    recordB: bigint('record_b', { mode: 'number' })
      .notNull()
      .references(() => personRecords.id, { onDelete: 'cascade' }),
    /** same or different */
    decision: text('decision').notNull(),
    decidedBy: integer('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recordA, t.recordB] }), index('match_decisions_record_b_idx').on(t.recordB)],
);
