// Partner credentials: per-feed API tokens (HTTPS) and public keys (SFTP).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { feedTokens, sftpKeys } from '../schema/feed-access.ts';

export async function createFeedToken(db: Db, t: { feed: string; label: string; tokenHash: string }): Promise<number> {
  const [r] = await db.insert(feedTokens).values(t).returning({ id: feedTokens.id });
  return r!.id;
}

/** The feed a live token (by its hash) may push to, or undefined; notes when it was used. */
export async function useFeedToken(db: Db, tokenHash: string): Promise<{ id: number; feed: string } | undefined> {
  const [r] = await db
    .update(feedTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(feedTokens.tokenHash, tokenHash), isNull(feedTokens.revokedAt)))
    .returning({ id: feedTokens.id, feed: feedTokens.feed });
  return r;
}

export async function revokeFeedToken(db: Db, id: number): Promise<boolean> {
  const r = await db.update(feedTokens).set({ revokedAt: sql`now()` }).where(and(eq(feedTokens.id, id), isNull(feedTokens.revokedAt))).returning({ id: feedTokens.id });
  return r.length === 1;
}

export async function listFeedTokens(db: Db) {
  return db
    .select({ id: feedTokens.id, feed: feedTokens.feed, label: feedTokens.label, createdAt: feedTokens.createdAt, lastUsedAt: feedTokens.lastUsedAt, revokedAt: feedTokens.revokedAt })
    .from(feedTokens)
    .orderBy(feedTokens.id);
}

export async function addSftpKey(db: Db, k: { feed: string; label: string; algorithm: string; publicKey: string; fingerprint: string }): Promise<number> {
  const [r] = await db.insert(sftpKeys).values(k).returning({ id: sftpKeys.id });
  return r!.id;
}

/** The live keys a feed's SFTP account accepts. */
export async function liveSftpKeys(db: Db, feed: string) {
  return db
    .select({ id: sftpKeys.id, algorithm: sftpKeys.algorithm, publicKey: sftpKeys.publicKey, fingerprint: sftpKeys.fingerprint })
    .from(sftpKeys)
    .where(and(eq(sftpKeys.feed, feed), isNull(sftpKeys.revokedAt)));
}

export async function revokeSftpKey(db: Db, id: number): Promise<boolean> {
  const r = await db.update(sftpKeys).set({ revokedAt: sql`now()` }).where(and(eq(sftpKeys.id, id), isNull(sftpKeys.revokedAt))).returning({ id: sftpKeys.id });
  return r.length === 1;
}

export async function listSftpKeys(db: Db) {
  return db
    .select({ id: sftpKeys.id, feed: sftpKeys.feed, label: sftpKeys.label, algorithm: sftpKeys.algorithm, fingerprint: sftpKeys.fingerprint, createdAt: sftpKeys.createdAt, revokedAt: sftpKeys.revokedAt })
    .from(sftpKeys)
    .orderBy(sftpKeys.id);
}
