// Invitations and single sign-on round trips. Neither table holds a secret a person could use:
// an invitation keeps only the SHA-256 of its token, and a sign-on round trip lives minutes.
import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, timestamp, check, index } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

/** A one-time link to join an organisation with one role; used once, or never after expires_at. */
export const invites = pgTable(
  'invites',
  {
    id: serial('id').primaryKey(),
    /** hex SHA-256 of the token carried in the link's fragment */
    tokenHash: text('token_hash').notNull().unique(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
    displayName: text('display_name').notNull(),
    /** The username the account will have; null lets the invitee choose it (or, by SSO, the email is used). */
    username: text('username'),
    /** For single sign-on: a verified email claim equal to this matches the invitee at first sign-in. */
    email: text('email'),
    /** Who invited; null when it came from `pnpm mast users invite`. */
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    usedBy: integer('used_by').references(() => users.id),
  },
  (t) => [
    index('invites_organisation_idx').on(t.organisationId),
    check('invites_username_or_email', sql`${t.username} IS NOT NULL OR ${t.email} IS NOT NULL`),
  ],
);

/**
 * One sign-in through an organisation's identity provider, between the redirect out and the
 * callback: the state, nonce and PKCE verifier the callback must match. The browser holds only
 * the random id (in a short-lived cookie); the row is deleted when the callback reads it.
 */
export const oidcLogins = pgTable('oidc_logins', {
  /** hex SHA-256 of the id in the browser's cookie */
  id: text('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  /** Set when the round trip accepts an invitation (binds the new account to the provider's subject). */
  inviteId: integer('invite_id').references(() => invites.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
