// Users, sessions and the audit trail. Session ids are SHA-256 hashes of the tokens users hold.
import { and, eq, isNull, ne, or, sql, lt } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { users, sessions, recoveryCodes } from '../schema/users.ts';
import { organisations } from '../schema/organisations.ts';
import { rows } from './rows.ts';
import { appendAuditEntry, viewsThisMinute } from './audit.ts';

export type UserRow = typeof users.$inferSelect;

export async function getUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

/** The organisation's id, creating it (with its kind) if it is new; a known organisation keeps its kind. */
export async function ensureOrganisation(db: Db, name: string, kind: string): Promise<number> {
  await db.insert(organisations).values({ name, kind }).onConflictDoNothing();
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  return o!.id;
}

export interface UserInput {
  username: string;
  displayName: string;
  role: string;
  /** The organisation by name, created with `organisationKind` if mast does not know it yet. */
  organisation: string;
  organisationKind: string;
  passwordHash: string;
}

export async function upsertUser(db: Db, user: UserInput): Promise<number> {
  const organisationId = await ensureOrganisation(db, user.organisation, user.organisationKind);
  const values = { username: user.username, displayName: user.displayName, role: user.role, organisationId, passwordHash: user.passwordHash };
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoUpdate({
      target: users.username,
      set: { displayName: values.displayName, role: values.role, organisationId, passwordHash: values.passwordHash },
    })
    .returning({ id: users.id });
  return row!.id;
}

/** A session's stage: 'full' opens the API; the others open only the routes that finish signing in. */
export type SessionStage = 'full' | 'second-factor' | 'enrol';

export async function createSession(db: Db, session: { id: string; userId: number; expiresAt: Date; stage?: SessionStage; now?: Date }): Promise<void> {
  await db.insert(sessions).values({
    id: session.id,
    userId: session.userId,
    expiresAt: session.expiresAt,
    stage: session.stage ?? 'full',
    ...(session.now && { lastSeenAt: session.now }),
  });
}

export interface SessionWithUser {
  sessionId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  stage: SessionStage;
  userId: number;
  username: string;
  displayName: string;
  role: string;
  organisationId: number;
  /** The organisation's name. */
  organisation: string;
  organisationKind: string;
  /** The user has a confirmed second factor. */
  hasSecondFactor: boolean;
  /** The partner team the user works in, if any (its lead-team notifications are theirs). */
  teamId: number | null;
  /**
   * The user's views of records (addresses, people, review items) so far in this minute, by the
   * database's clock, counted as each view's audit entry is written and read with the session:
   * the bulk-reading guard's count, at no round trip of its own.
   */
  viewsThisMinute: number;
}

/**
 * The live session for this token hash, with its user: not past its absolute limit, not idle
 * for `idleSeconds` or more, and its user not disabled (so disabling locks out at once).
 */
export async function getSession(db: Db, sessionId: string, now: Date, idleSeconds = 30 * 60): Promise<SessionWithUser | undefined> {
  const at = now.toISOString();
  const [row] = await rows<{
    session_id: string;
    expires_at: Date | string;
    last_seen_at: Date | string;
    stage: string;
    user_id: number;
    username: string;
    display_name: string;
    role: string;
    organisation_id: number;
    organisation: string;
    organisation_kind: string;
    has_second_factor: boolean;
    team_id: number | null;
    views_this_minute: number;
  }>(
    db,
    sql`SELECT s.id AS session_id, s.expires_at, s.last_seen_at, s.stage, u.id AS user_id, u.username, u.display_name, u.role,
               o.id AS organisation_id, o.name AS organisation, o.kind AS organisation_kind, u.team_id,
               (u.totp_enabled_at IS NOT NULL) AS has_second_factor,
               ${viewsThisMinute(sql`u.id`)} AS views_this_minute
        FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = ${sessionId} AND s.expires_at > ${at}
          AND s.last_seen_at > ${at}::timestamptz - ${idleSeconds} * interval '1 second'
          AND u.disabled_at IS NULL`,
    'session-by-id',
  );
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    expiresAt: new Date(row.expires_at),
    lastSeenAt: new Date(row.last_seen_at),
    stage: row.stage as SessionStage,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisation: row.organisation,
    organisationKind: row.organisation_kind,
    hasSecondFactor: row.has_second_factor,
    teamId: row.team_id,
    viewsThisMinute: row.views_this_minute,
  };
}

/** Notes that the session was used now (the idle timeout counts from here). */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

/** Moves a session on once its second factor is given or set up. */
export async function setSessionStage(db: Db, sessionId: string, stage: SessionStage): Promise<void> {
  await db.update(sessions).set({ stage }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Ends every session of one user at once: on disabling, a password change or a second factor
 * reset. `exceptSessionId` keeps the one the user is acting from (a password change).
 */
export async function endUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<number> {
  const which = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
  const ended = await db.delete(sessions).where(which).returning({ id: sessions.id });
  return ended.length;
}

/** Removes sessions past their absolute limit or idle for `idleSeconds`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date = new Date(), idleSeconds = 30 * 60): Promise<number> {
  const idleBefore = new Date(now.getTime() - idleSeconds * 1000);
  const gone = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
    .returning({ id: sessions.id });
  return gone.length;
}

export async function getUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Stores a new (encrypted) TOTP secret awaiting confirmation; any confirmed one stays live until then. */
export async function setPendingTotpSecret(db: Db, userId: number, encryptedSecret: string): Promise<void> {
  await db.update(users).set({ totpSecret: encryptedSecret, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
}

/**
 * Accepts a TOTP time step for the user only if it is later than the last one accepted, in one
 * statement: a code seen once (or its replay racing it) is refused the second time.
 */
export async function acceptTotpStep(db: Db, userId: number, step: number, enableAt?: Date): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ totpLastStep: step, ...(enableAt && { totpEnabledAt: enableAt }) })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

/** Replaces the user's recovery codes (hashes only). */
export async function replaceRecoveryCodes(db: Db, userId: number, codeHashes: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    if (codeHashes.length > 0) await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  });
}

/** Uses up one recovery code, in one statement so that it works once however many ask at once. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, now: Date): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return r?.n ?? 0;
}

/** Forgets the user's second factor and recovery codes. */
export async function clearSecondFactor(db: Db, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

export interface AuditEntry {
  userId: number | null;
  action: string;
  organisationId?: number | null;
  role?: string | null;
  uprn?: number | null;
  subjectKind?: string | null;
  subjectId?: string | null;
  purpose?: string | null;
  reference?: string | null;
  /** Codes and counts only: what was shown or done, never a value from a record. */
  detail?: Record<string, unknown> | null;
  matrixVersion?: string | null;
  client?: string | null;
  sessionRef?: string | null;
}

/** Appends the entry to the audit trail's hash chain (queries/audit.ts). */
export async function recordAudit(db: Db, event: AuditEntry): Promise<void> {
  await appendAuditEntry(db, event);
}

