// What a new password must be (OWASP ASVS 5.0, 6.2): long enough, and not one that guessing
// lists try first. Checked wherever a password is set: invitation, change, reset, the CLI.
// The list is the common-password dictionary of @zxcvbn-ts/language-common (MIT), about 49,000
// passwords seen most often in breaches, compared case-insensitively.
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Why this password may not be used, in words a person can act on; null when it may. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password)) return 'That password is on a list of common passwords that attackers try first: choose another.';
  return null;
}
