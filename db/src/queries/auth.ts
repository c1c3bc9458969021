// Users, sessions and the audit trail. Session ids are SHA-256 hashes of the tokens users hold.
import { eq, sql, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { users, sessions, auditEvents } from '../schema/users.ts';
import { rows } from './rows.ts';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;

export async function getUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

export async function upsertUser(db: Db, user: UserInsert): Promise<void> {
  await db
    .insert(users)
    .values(user)
    .onConflictDoUpdate({
      target: users.username,
      set: { displayName: user.displayName, role: user.role, organisation: user.organisation, passwordHash: user.passwordHash },
    });
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
  organisation: string;
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
    organisation: string;
  }>(
    db,
    sql`SELECT s.id AS session_id, s.expires_at, u.id AS user_id, u.username, u.display_name, u.role, u.organisation
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ${sessionId} AND s.expires_at > ${now.toISOString()}`,
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
    organisation: row.organisation,
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

export async function recordAudit(db: Db, event: { userId: number | null; action: string; uprn?: number | null }): Promise<void> {
  await db.insert(auditEvents).values({ userId: event.userId, action: event.action, uprn: event.uprn ?? null });
}

export async function listAudit(db: Db, userId: number) {
  return db.select().from(auditEvents).where(eq(auditEvents.userId, userId)).orderBy(auditEvents.id);
}
