// Slows password guessing: after too many failed sign-ins for one username within the window,
// that username is refused for a whole window from the failure that locked it, whatever password
// is given. Counted in the database so that every server process shares the count. The count is
// kept for any username, whether or not it has an account, so what it tells the person reveals
// nothing about accounts.
import { peekFailures, recordFailure, type Db } from '@mast/db';
import { SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_MINUTES } from '@mast/shared';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

const WINDOW_SECONDS = SIGN_IN_WINDOW_MINUTES * 60;

/** The key holds a hash, not the username: the table is no list of who tried to sign in. */
function keyOf(username: string): string {
  return `login:${encodeHexLowerCase(sha256(new TextEncoder().encode(username.toLowerCase())))}`;
}

/** Seconds until this username may sign in again, or null when it may now. */
export async function loginLockedFor(db: Db, username: string, now: Date): Promise<number | null> {
  const run = await peekFailures(db, keyOf(username), now, WINDOW_SECONDS);
  if (!run || run.count < SIGN_IN_ATTEMPTS) return null;
  return Math.max(1, Math.ceil((run.since.getTime() + WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
}

export interface FailedLogin {
  /** Wrong attempts left before sign-in is locked. */
  attemptsLeft: number;
  /** Set when this failure locked sign-in: seconds until it may be tried again. */
  lockedForSeconds?: number;
}

export async function recordFailedLogin(db: Db, username: string, now: Date): Promise<FailedLogin> {
  const { count } = await recordFailure(db, keyOf(username), now, WINDOW_SECONDS, SIGN_IN_ATTEMPTS);
  const attemptsLeft = Math.max(0, SIGN_IN_ATTEMPTS - count);
  return attemptsLeft === 0 ? { attemptsLeft, lockedForSeconds: WINDOW_SECONDS } : { attemptsLeft };
}
