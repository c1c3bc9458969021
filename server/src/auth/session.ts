// Session tokens: 160 random bits handed to the browser in an HttpOnly cookie; the database
// keeps only their SHA-256, so a leaked table cannot be replayed. A session ends at its absolute
// limit (a shift) or after the idle timeout, whichever comes first.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { createSession, deleteSession, getSession, touchSession, type Db, type SessionStage, type SessionWithUser } from '@mast/db';
import { sessionLimits, type SessionLimits } from '../config.ts';

/** Without HTTPS; behind HTTPS the cookie is `__Host-mast_session` (cookies.ts). */
export const SESSION_COOKIE = 'mast_session';

/** The last-seen time is written at most this often: not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function startSession(
  db: Db,
  userId: number,
  now: Date,
  limits: SessionLimits = sessionLimits(),
  stage: SessionStage = 'full',
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  // A session waiting for its second factor lasts minutes, not a shift.
  const hours = stage === 'full' ? limits.hours : Math.min(limits.hours, 0.25);
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  await createSession(db, { id: sessionIdOf(token), userId, expiresAt, stage, now });
  return { token, expiresAt };
}

/** The live session for a token, with its last-seen time moved on (written at most once a minute). */
export async function validateSessionToken(db: Db, token: string, now: Date, limits: SessionLimits): Promise<SessionWithUser | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const session = await getSession(db, sessionIdOf(token), now, limits.idleMinutes * 60);
  if (session && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(db, session.sessionId, now);
    session.lastSeenAt = now;
  }
  return session;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, sessionIdOf(token));
}
