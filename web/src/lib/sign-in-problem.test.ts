import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api.ts';
import { describeSignInProblem, minutesToWait } from './sign-in-problem.ts';

const refused = (status: number, code: 'unauthorized' | 'rate_limited', details = {}) => new ApiRequestError(status, code, 'server text', details);

describe('describeSignInProblem', () => {
  it('says how long a lock lasts, from what the server says, not a fixed minute', () => {
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 12 * 60 }))).toBe('Too many attempts. Try again in 12 minutes');
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 661 }))).toBe('Too many attempts. Try again in 12 minutes');
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 20 }))).toBe('Too many attempts. Try again in 1 minute');
  });

  it('says so on the wrong attempt that locks sign-in', () => {
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 0, retryAfterSeconds: 300 }))).toBe(
      'Wrong username or password. Too many attempts: try again in 5 minutes',
    );
  });

  it('warns before the last attempt, and only then', () => {
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 1 }))).toBe(
      'Wrong username or password. One attempt left: one more wrong and sign-in locks for 15 minutes',
    );
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 2 }))).toBe('Wrong username or password');
    expect(describeSignInProblem(refused(401, 'unauthorized'))).toBe('Wrong username or password');
  });

  it('says when mast cannot be reached', () => {
    expect(describeSignInProblem(new ApiRequestError(0, 'network', 'x'))).toBe('Cannot reach mast. Check your signal and try again.');
  });
});

describe('minutesToWait', () => {
  it('rounds up, so nobody comes back too early', () => {
    expect(minutesToWait(1)).toBe('1 minute');
    expect(minutesToWait(60)).toBe('1 minute');
    expect(minutesToWait(61)).toBe('2 minutes');
    expect(minutesToWait(900)).toBe('15 minutes');
  });
});
