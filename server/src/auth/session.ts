// Session tokens: 160 random bits handed to the browser in an HttpOnly cookie; the database
// keeps only their SHA-256, so a leaked table cannot be replayed.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { createSession, deleteSession, getSession, type Db, type SessionWithUser } from '@mast/db';

export const SESSION_COOKIE = 'mast_session';
/** A shift's length: an officer signs in once per shift. */
export const SESSION_HOURS = 12;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function startSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await createSession(db, { id: sessionIdOf(token), userId, expiresAt });
  return { token, expiresAt };
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionWithUser | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  return getSession(db, sessionIdOf(token), now);
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, sessionIdOf(token));
}
