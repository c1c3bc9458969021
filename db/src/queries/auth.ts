// Users, sessions and the audit trail. Session ids are SHA-256 hashes of the tokens users hold.
import { eq, sql, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { users, sessions, auditEvents } from '../schema/users.ts';
import { organisations } from '../schema/organisations.ts';
import { rows } from './rows.ts';
import { appendAuditEntry } from './audit.ts';

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

export async function countUsers(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return r?.n ?? 0;
}

export async function createSession(db: Db, session: { id: string; userId: number; expiresAt: Date }): Promise<void> {
  await db.insert(sessions).values(session);
}

export interface SessionWithUser {
  sessionId: string;
  expiresAt: Date;
  userId: number;
  username: string;
  displayName: string;
  role: string;
  organisationId: number;
  /** The organisation's name. */
  organisation: string;
  organisationKind: string;
  /** The partner team the user works in, if any (its lead-team notifications are theirs). */
  teamId: number | null;
}

/** The live session for this token hash, with its user; expired sessions do not count. */
export async function getSession(db: Db, sessionId: string, now: Date): Promise<SessionWithUser | undefined> {
  const [row] = await rows<{
    session_id: string;
    expires_at: Date | string;
    user_id: number;
    username: string;
    display_name: string;
    role: string;
    organisation_id: number;
    organisation: string;
    organisation_kind: string;
    team_id: number | null;
  }>(
    db,
    sql`SELECT s.id AS session_id, s.expires_at, u.id AS user_id, u.username, u.display_name, u.role,
               o.id AS organisation_id, o.name AS organisation, o.kind AS organisation_kind, u.team_id
        FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = ${sessionId} AND s.expires_at > ${now.toISOString()} AND u.disabled_at IS NULL`,
    'session-by-id',
  );
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    expiresAt: new Date(row.expires_at),
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisation: row.organisation,
    organisationKind: row.organisation_kind,
    teamId: row.team_id,
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of one user at once: on disabling, a password change or a second factor reset. */
export async function endUserSessions(db: Db, userId: number): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
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

export async function listAudit(db: Db, userId: number) {
  return db.select().from(auditEvents).where(eq(auditEvents.userId, userId)).orderBy(auditEvents.id);
}
