// How partner systems are let in to push their files: per-feed API tokens for HTTPS and
// per-feed public keys for SFTP. A token is stored only as its SHA-256 (shown once, when made);
// both are revoked by date, never deleted, so the audit trail keeps what they were.
import { pgTable, serial, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, feedColumn } from './columns.ts';

export const feedTokens = pgTable(
  'feed_tokens',
  {
    id: serial('id').primaryKey(),
    feed: feedColumn(),
    /** Who or what holds it ("police nightly export"): for the admin list, not a secret. */
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('feed_tokens_hash_key').on(t.tokenHash), index('feed_tokens_feed_idx').on(t.feed)],
);

export const sftpKeys = pgTable(
  'sftp_keys',
  {
    id: serial('id').primaryKey(),
    feed: feedColumn(),
    label: text('label').notNull(),
    /** The key's algorithm ("ssh-ed25519") and its public blob, base64, as in authorized_keys. */
    algorithm: text('algorithm').notNull(),
    publicKey: text('public_key').notNull(),
    /** SHA256:... as ssh-keygen -lf prints it. */
    fingerprint: text('fingerprint').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('sftp_keys_fingerprint_key').on(t.fingerprint), index('sftp_keys_feed_idx').on(t.feed)],
);
