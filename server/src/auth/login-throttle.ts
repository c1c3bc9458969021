// Slows password and second-factor guessing without locking anyone out. Every attempt is taken
// from three counters before the password (or code) is checked, each in one statement in the
// database, so parallel guesses cannot all pass and every server process shares the count:
// - account + client: the tightest (a few free, then waits that double). It is what an attacker
//   at one address runs into; the officer's own phone has a count of its own and still gets in.
// - client: many usernames tried from one address are slowed (looser: a station may share one).
// - account: a loose cap over all clients, for guessing spread over many addresses.
// Counters are kept for any username, account or not, so the answers tell nothing about who has
// an account; keys hold hashes, so the table is no list of who tried to sign in.
import { clearAttempts, refundAttempt, takeAttempt, type Db, type SlowingPolicy } from '@mast/db';
import { SIGN_IN_ATTEMPTS, SIGN_IN_FIRST_WAIT_SECONDS, SIGN_IN_LONGEST_WAIT_MINUTES } from '@mast/shared';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

const slowing = (free: number): SlowingPolicy => ({
  free,
  baseSeconds: SIGN_IN_FIRST_WAIT_SECONDS,
  maxSeconds: SIGN_IN_LONGEST_WAIT_MINUTES * 60,
  forgetSeconds: 3600,
});

export const ACCOUNT_CLIENT_POLICY = slowing(SIGN_IN_ATTEMPTS);
/** Wrong sign-ins from one client, whatever the usernames, before it waits. */
export const CLIENT_POLICY = slowing(20);
/** Wrong sign-ins at one account from all clients together before every client waits. */
export const ACCOUNT_POLICY = slowing(50);

export const GATES = ['login', 'totp'] as const;
export type Gate = (typeof GATES)[number];

function hashOf(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text))).slice(0, 32);
}

export interface AttemptKeys {
  accountClient: string;
  account: string;
  client: string;
}

/** `account` is the username typed (sign-in) or the user's id (second factor). */
export function attemptKeys(gate: Gate, account: string, client: string): AttemptKeys {
  const a = hashOf(account.toLowerCase());
  const cl = hashOf(client);
  return { accountClient: `${gate}:ac:${a}:${cl}`, account: `${gate}:a:${a}`, client: `${gate}:c:${cl}` };
}

export type AttemptGrant =
  | { granted: true; keys: AttemptKeys; /** wrong attempts left from this client before waits begin, after this one */ attemptsLeft: number }
  | { granted: false; retryAfterSeconds: number };

/** Takes one attempt from every counter; refused as soon as one says wait. */
export async function beginAttempt(db: Db, keys: AttemptKeys, now: Date): Promise<AttemptGrant> {
  const mine = await takeAttempt(db, keys.accountClient, now, ACCOUNT_CLIENT_POLICY);
  if (!mine.granted) return { granted: false, retryAfterSeconds: mine.retryAfterSeconds };
  for (const [key, policy] of [
    [keys.client, CLIENT_POLICY],
    [keys.account, ACCOUNT_POLICY],
  ] as const) {
    const other = await takeAttempt(db, key, now, policy);
    if (!other.granted) {
      // Not tried: it must not count against this client's own allowance.
      await refundAttempt(db, keys.accountClient);
      return { granted: false, retryAfterSeconds: other.retryAfterSeconds };
    }
  }
  return { granted: true, keys, attemptsLeft: Math.max(0, ACCOUNT_CLIENT_POLICY.free - mine.count) };
}

/** The attempt was right: this client starts afresh, and it gives back what it took from the shared counts. */
export async function attemptSucceeded(db: Db, keys: AttemptKeys): Promise<void> {
  await clearAttempts(db, keys.accountClient);
  await refundAttempt(db, keys.client);
  await refundAttempt(db, keys.account);
}
