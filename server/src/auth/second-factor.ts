// The second factor: TOTP (RFC 6238: SHA-1, 30-second steps, 6 digits, what every authenticator
// app speaks) and ten single-use recovery codes. The TOTP key is kept sealed (secret-box.ts); the
// recovery codes only as SHA-256 hashes. A code is accepted once: the time step it belongs to is
// remembered, and a code from that step or an earlier one is a replay.
import { timingSafeEqual } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import {
  acceptTotpStep,
  clearSecondFactor,
  endUserSessions,
  replaceRecoveryCodes,
  setPendingTotpSecret,
  useRecoveryCode,
  type Db,
  type UserRow,
} from '@mast/db';
import { openSecret, sealSecret } from './secret-box.ts';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'mast';

export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows at `now` (the demo's `pnpm mast totp-code`, and tests). */
export function totpCodeAt(key: Uint8Array, now: Date): string {
  return generateHOTP(key, BigInt(stepAt(now)), TOTP_DIGITS);
}

/** The time step whose code this is: now, or one step either side for a phone's clock; null when none. */
export function matchingStep(key: Uint8Array, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const given = Buffer.from(code);
  const current = stepAt(now);
  for (const step of [current, current - 1, current + 1]) {
    if (timingSafeEqual(Buffer.from(generateHOTP(key, BigInt(step), TOTP_DIGITS)), given)) return step;
  }
  return null;
}

/** Recovery codes as people type them: any case, with or without the dash or spaces. */
function recoveryCodeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[\s-]/g, '');
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`recovery:${normal}`)));
}

function newRecoveryCode(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

export interface Enrolment {
  /** For the QR code. */
  uri: string;
  /** The same key, for typing into an authenticator by hand. */
  secret: string;
}

/** Starts enrolment: a new key, kept sealed until a code from it confirms it. */
export async function startEnrolment(db: Db, user: Pick<UserRow, 'id' | 'username'>, key?: Uint8Array): Promise<Enrolment> {
  const secret = key ?? crypto.getRandomValues(new Uint8Array(20));
  await setPendingTotpSecret(db, user.id, sealSecret(secret));
  return { uri: createTOTPKeyURI(ISSUER, user.username, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS), secret: encodeBase32UpperCaseNoPadding(secret) };
}

/** Confirms enrolment with a code from the new key; returns the recovery codes (shown once), or null for a wrong code. */
export async function confirmEnrolment(db: Db, user: Pick<UserRow, 'id' | 'totpSecret'>, code: string, now: Date): Promise<string[] | null> {
  const key = user.totpSecret ? openSecret(user.totpSecret) : undefined;
  const step = key ? matchingStep(key, code.trim(), now) : null;
  if (step === null || !(await acceptTotpStep(db, user.id, step, now))) return null;
  return issueRecoveryCodes(db, user.id);
}

export async function issueRecoveryCodes(db: Db, userId: number, codes?: string[]): Promise<string[]> {
  const fresh = codes ?? Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(db, userId, fresh.map(recoveryCodeHash));
  return fresh;
}

export type SecondFactorResult = 'totp' | 'recovery-code' | null;

/** Checks a TOTP code (six digits) or a recovery code; each works once. */
export async function verifySecondFactor(db: Db, user: Pick<UserRow, 'id' | 'totpSecret'>, input: string, now: Date): Promise<SecondFactorResult> {
  const code = input.trim();
  if (/^\d{6}$/.test(code)) {
    const key = user.totpSecret ? openSecret(user.totpSecret) : undefined;
    const step = key ? matchingStep(key, code, now) : null;
    return step !== null && (await acceptTotpStep(db, user.id, step)) ? 'totp' : null;
  }
  return (await useRecoveryCode(db, user.id, recoveryCodeHash(code), now)) ? 'recovery-code' : null;
}

/**
 * Forgets a user's second factor (a lost phone): their recovery codes go too, and every session
 * ends, so the next sign-in must enrol again. For administrators (accounts) to call.
 */
export async function resetSecondFactor(db: Db, userId: number): Promise<void> {
  await clearSecondFactor(db, userId);
  await endUserSessions(db, userId);
}
