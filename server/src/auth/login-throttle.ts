// Slows password guessing: after too many failed sign-ins for one username in a window, that
// username is refused until the window ends, whatever password is given. Counted in the
// database so that every server process shares the count. The count is kept for any username,
// whether or not it has an account, so what it tells the person reveals nothing about accounts.
import { hitRateLimit, peekRateLimit, type Db } from '@mast/db';
import { SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_MINUTES } from '@mast/shared';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

const WINDOW_MS = SIGN_IN_WINDOW_MINUTES * 60_000;

function windowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
}

/** Whole seconds from now until the window ends (and a lock in it with it). */
function secondsLeftInWindow(now: Date): number {
  return Math.ceil((windowStart(now).getTime() + WINDOW_MS - now.getTime()) / 1000);
}

/** The key holds a hash, not the username: the table is no list of who tried to sign in. */
function keyOf(username: string): string {
  return `login:${encodeHexLowerCase(sha256(new TextEncoder().encode(username.toLowerCase())))}`;
}

/** Seconds until this username may sign in again, or null when it may now. */
export async function loginLockedFor(db: Db, username: string, now: Date): Promise<number | null> {
  const failed = await peekRateLimit(db, keyOf(username), windowStart(now));
  return failed >= SIGN_IN_ATTEMPTS ? secondsLeftInWindow(now) : null;
}

export interface FailedLogin {
  /** Wrong attempts left in this window before sign-in is locked. */
  attemptsLeft: number;
  /** Set when this failure locked sign-in: seconds until it may be tried again. */
  lockedForSeconds?: number;
}

export async function recordFailedLogin(db: Db, username: string, now: Date): Promise<FailedLogin> {
  const failed = await hitRateLimit(db, keyOf(username), windowStart(now));
  const attemptsLeft = Math.max(0, SIGN_IN_ATTEMPTS - failed);
  return attemptsLeft === 0 ? { attemptsLeft, lockedForSeconds: secondsLeftInWindow(now) } : { attemptsLeft };
}
