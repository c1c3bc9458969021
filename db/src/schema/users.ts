// Users, their sessions, and the audit trail of what they looked at. Session tokens are never
// stored: only their SHA-256, so a copy of the table cannot be used to sign in.
import { pgTable, serial, integer, text, timestamp, bigserial, index } from 'drizzle-orm/pg-core';
import { createdAt, uprnColumn } from './columns.ts';
import { organisations } from './organisations.ts';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  passwordHash: text('password_hash').notNull(),
  /** Set when an administrator disables the account: it signs in no more, and its sessions end at once. */
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** hex SHA-256 of the session token */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    uprn: uprnColumn('uprn'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_user_at_idx').on(t.userId, t.at)],
);
