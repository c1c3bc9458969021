// Users, their sessions, and the audit trail of what they looked at. Session tokens are never
// stored: only their SHA-256, so a copy of the table cannot be used to sign in.
import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, timestamp, bigserial, bigint, index, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, uprnColumn } from './columns.ts';
import { organisations, teams } from './organisations.ts';

export const users = pgTable(
  'users',
  {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  passwordHash: text('password_hash').notNull(),
  /** The team the user works in, when they are in one: a partner team's notifications are for its members. */
  teamId: integer('team_id').references(() => teams.id),
  /** Set when an administrator disables the account: it signs in no more, and its sessions end at once. */
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  /** For an organisation that signs in by OpenID Connect: the provider's subject, bound when the invitation was accepted. */
  oidcSubject: text('oidc_subject'),
  /** Optional: a lookup at an address in this postcode is shown to the information governance officer (a user looking up their own street). */
  homePostcode: text('home_postcode'),
  /** The TOTP secret, AES-256-GCM encrypted (server/src/auth/secret-box.ts); set at enrolment, live once confirmed. */
  totpSecret: text('totp_secret'),
  /** When the user confirmed their authenticator with a code: from then on sign-in asks for one. */
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true, mode: 'date' }),
  /** The last TOTP time step accepted: a code from it or before it is a replay. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_organisation_oidc_subject_key').on(t.organisationId, t.oidcSubject)],
);

/** Single-use recovery codes for a lost authenticator, stored as SHA-256 hashes only. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** hex SHA-256 of the session token */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The absolute limit (a shift): the session ends then however busy it is. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Last request seen, to the minute: the session ends after the idle timeout without one. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * 'full' opens the API; 'second-factor' (password given, code awaited) and 'enrol' (password
     * given, a second factor must be set up first) open only the routes that finish signing in.
     */
    stage: text('stage').notNull().default('full'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One entry per sign-in, lookup, denial, break-glass, export and administrative action. Never
 * values: a lookup records which agencies were shown at which level of detail, not what they said.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The hash chain (db/src/queries/audit.ts): position, the previous entry's hash, this entry's
     * hash. Null from the entry's commit until the chainer links it in, well under a second later.
     */
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    userId: integer('user_id').references(() => users.id),
    /** The user's organisation and role when it happened (a role can change later). */
    organisationId: integer('organisation_id').references(() => organisations.id),
    role: text('role'),
    action: text('action').notNull(),
    /** The address looked at, if any (also the subject of an address lookup). */
    uprn: uprnColumn('uprn'),
    /** What was looked at: 'address', 'person', 'review-pair', 'user', 'organisation', ... and its id. */
    subjectKind: text('subject_kind'),
    subjectId: text('subject_id'),
    /** The purpose given (a code of shared/src/access/purposes.ts) and its reference, such as an incident number. */
    purpose: text('purpose'),
    reference: text('reference'),
    /** What was shown or done, as codes and counts, never values. */
    detail: jsonb('detail'),
    /** The visibility matrix's version the answer was shaped by. */
    matrixVersion: text('matrix_version'),
    /** The client's address, and a reference to the session (not the session's id, which is a secret's hash). */
    client: text('client'),
    sessionRef: text('session_ref'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_user_at_idx').on(t.userId, t.at),
    // The information governance officer's flags read the last days of the whole trail.
    index('audit_events_at_idx').on(t.at),
    index('audit_events_uprn_at_idx').on(t.uprn, t.at),
    index('audit_events_subject_idx').on(t.subjectKind, t.subjectId),
    // The chainer's queue: the entries written and not yet linked in, oldest first.
    index('audit_events_unchained_idx').on(t.id).where(sql`${t.seq} IS NULL`),
  ],
);
