// What the sign-in form says when sign-in fails: wrong details, no signal, or too many attempts
// (with how long the lock really lasts, and a warning before the last attempt). Never which of
// username or password was wrong: the server gives both the same answer.
import { SIGN_IN_WINDOW_MINUTES } from '@mast/shared/sign-in-lock';
import { ApiRequestError } from './api.ts';

/** "12 minutes", "1 minute": a wait rounded up, so the person never comes back too early. */
export function minutesToWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function describeSignInProblem(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return 'Sign-in failed. Please try again.';
  if (error.code === 'network') return 'Cannot reach mast. Check your signal and try again.';
  const wait =
    error.retryAfterSeconds === undefined ? `${SIGN_IN_WINDOW_MINUTES} minutes` : minutesToWait(error.retryAfterSeconds);
  if (error.status === 429) return `Too many attempts. Try again in ${wait}`;
  if (error.status === 401) {
    if (error.retryAfterSeconds !== undefined) return `Wrong username or password. Too many attempts: try again in ${wait}`;
    if (error.attemptsLeft === 1) {
      return `Wrong username or password. One attempt left: one more wrong and sign-in locks for ${SIGN_IN_WINDOW_MINUTES} minutes`;
    }
    return 'Wrong username or password';
  }
  if (error.status === 400) return 'Enter your username and password';
  return 'Sign-in failed. Please try again.';
}
