// The audit trail's hash chain: the head (the last entry's position and hash, one row, updated in
// the same statement that appends an entry, so concurrent writers take turns on its row lock) and
// the anchors (a position and hash worth copying out of mast: the chain cannot be rewritten back
// past a copied anchor without the copy disagreeing). The entries are audit_events (users.ts).
import { pgTable, integer, bigint, text, timestamp, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    /** Always 1: there is one chain. */
    id: integer('id').primaryKey().default(1),
    /** The last entry's seq (0 before the first) and hash, and the hash before it. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    prevHash: text('prev_hash').notNull(),
  },
  (t) => [check('audit_chain_head_one_row', sql`${t.id} = 1`)],
);

export const auditAnchors = pgTable('audit_anchors', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
