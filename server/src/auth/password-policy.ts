// What a new password must be (OWASP ASVS 5.0, 6.2): long enough, and not one that guessing
// lists try first. Checked wherever a password is set: invitation, change, reset, the CLI.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Why this password may not be used, in words a person can act on; null when it may. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
