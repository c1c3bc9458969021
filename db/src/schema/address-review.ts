// The review queue of uncertain address matches, and the stewards' decisions. An item is one
// address as partners sent it (in its normalised form, the address key) with the gazetteer
// address the matcher proposed; every feed row with that key and candidate belongs to it. A
// decision is kept per key and candidate and wins over the matcher at every later ingest.
import { pgTable, bigserial, integer, text, real, timestamp, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { createdAt, uprnColumn } from './columns.ts';

export const addressReviews = pgTable(
  'address_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The normalised address text and postcode (see server/src/matching/address-key.ts). */
    addressKey: text('address_key').notNull(),
    candidateUprn: uprnColumn('candidate_uprn').notNull(),
    /** The matcher's score and the parts that agreed or disagreed (words, never values). */
    score: real('score').notNull(),
    reasons: text('reasons').array().notNull(),
    /** open, same or different */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('address_reviews_key_candidate_key').on(t.addressKey, t.candidateUprn),
    index('address_reviews_status_idx').on(t.status, t.id),
  ],
);

export const addressDecisions = pgTable(
  'address_decisions',
  {
    addressKey: text('address_key').notNull(),
    candidateUprn: uprnColumn('candidate_uprn').notNull(),
    /** same (the rows are at the candidate) or different (they are not) */
    decision: text('decision').notNull(),
    decidedBy: integer('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.addressKey, t.candidateUprn] })],
);
