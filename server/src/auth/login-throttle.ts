// Slows password guessing: after too many failed sign-ins for one username in a window, that
// username is refused until the window ends, whatever password is given. Counted in the
// database so that every server process shares the count.
import { hitRateLimit, peekRateLimit, type Db } from '@mast/db';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

export const MAX_FAILED_LOGINS = 10;
export const LOGIN_WINDOW_MINUTES = 15;

function windowStart(now: Date): Date {
  const ms = LOGIN_WINDOW_MINUTES * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** The key holds a hash, not the username: the table is no list of who tried to sign in. */
function keyOf(username: string): string {
  return `login:${encodeHexLowerCase(sha256(new TextEncoder().encode(username.toLowerCase())))}`;
}

export async function isLoginThrottled(db: Db, username: string, now: Date): Promise<boolean> {
  return (await peekRateLimit(db, keyOf(username), windowStart(now))) >= MAX_FAILED_LOGINS;
}

export async function recordFailedLogin(db: Db, username: string, now: Date): Promise<void> {
  await hitRateLimit(db, keyOf(username), windowStart(now));
}
