// What the sign-in form says when sign-in fails: wrong details, no signal, or too many attempts
// (with how long the wait really is, and a warning before waits begin). Never which of username
// or password was wrong: the server gives both the same answer. Nothing locks: after a few wrong
// attempts each further one waits, and the wait grows (shared/src/sign-in-lock.ts).
import { ApiRequestError } from './api.ts';

/** "12 minutes", "1 minute": a wait rounded up, so the person never comes back too early. */
export function minutesToWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Under a minute in seconds ("10 seconds"), else in minutes rounded up. */
export function timeToWait(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
  return minutesToWait(seconds);
}

export function describeSignInProblem(error: unknown, what: 'password' | 'code' = 'password'): string {
  if (!(error instanceof ApiRequestError)) return 'Sign-in failed. Please try again.';
  if (error.code === 'network') return 'Cannot reach mast. Check your signal and try again.';
  if (error.status === 429) {
    return error.retryAfterSeconds === undefined ? 'Too many attempts. Wait a little and try again' : `Too many attempts. Try again in ${timeToWait(error.retryAfterSeconds)}`;
  }
  const wrong = what === 'code' ? 'That code is wrong or has been used' : 'Wrong username or password';
  if (error.status === 401 || (what === 'code' && error.status === 422)) {
    if (error.attemptsLeft === 1) return `${wrong}. One attempt left before each further try has to wait`;
    if (error.attemptsLeft === 0) return `${wrong}. Each further try now has to wait a little longer`;
    return wrong;
  }
  if (error.status === 400) return what === 'code' ? 'Enter the six-digit code or a recovery code' : 'Enter your username and password';
  return 'Sign-in failed. Please try again.';
}
