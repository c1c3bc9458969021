// Why an account action was refused, as a code the API maps to a status and a message a person
// can act on. Messages never quote a value (no username, no name).
export type AccountProblemCode =
  | 'not-found'
  | 'self'
  | 'username-taken'
  | 'invite-invalid'
  | 'invite-used'
  | 'invite-expired'
  | 'weak-password'
  | 'username-needed'
  | 'sso-only'
  | 'organisation-unknown';

export class AccountProblem extends Error {
  readonly code: AccountProblemCode;
  constructor(code: AccountProblemCode, message: string) {
    super(message);
    this.name = 'AccountProblem';
    this.code = code;
  }
}
