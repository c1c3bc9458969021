import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api.ts';
import { describeSignInProblem, minutesToWait, timeToWait } from './sign-in-problem.ts';

const refused = (status: number, code: 'unauthorized' | 'rate_limited', details = {}) => new ApiRequestError(status, code, 'server text', details);

describe('describeSignInProblem', () => {
  it('says how long the wait is, from what the server says, not a fixed time', () => {
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 12 * 60 }))).toBe('Too many attempts. Try again in 12 minutes');
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 661 }))).toBe('Too many attempts. Try again in 12 minutes');
    expect(describeSignInProblem(refused(429, 'rate_limited', { retryAfterSeconds: 20 }))).toBe('Too many attempts. Try again in 20 seconds');
  });

  it('warns before waits begin, and says so when they have', () => {
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 1 }))).toBe(
      'Wrong username or password. One attempt left before each further try has to wait',
    );
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 0 }))).toBe(
      'Wrong username or password. Each further try now has to wait a little longer',
    );
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 2 }))).toBe('Wrong username or password');
    expect(describeSignInProblem(refused(401, 'unauthorized'))).toBe('Wrong username or password');
  });

  it('speaks of the code, not the password, at the second step', () => {
    expect(describeSignInProblem(refused(401, 'unauthorized', { attemptsLeft: 3 }), 'code')).toBe('That code is wrong or has been used');
  });

  it('says when mast cannot be reached', () => {
    expect(describeSignInProblem(new ApiRequestError(0, 'network', 'x'))).toBe('Cannot reach mast. Check your signal and try again.');
  });
});

describe('minutesToWait and timeToWait', () => {
  it('round up, so nobody comes back too early', () => {
    expect(minutesToWait(1)).toBe('1 minute');
    expect(minutesToWait(60)).toBe('1 minute');
    expect(minutesToWait(61)).toBe('2 minutes');
    expect(minutesToWait(900)).toBe('15 minutes');
    expect(timeToWait(5)).toBe('5 seconds');
    expect(timeToWait(1)).toBe('1 second');
    expect(timeToWait(90)).toBe('2 minutes');
  });
});
