import { describe, expect, it } from 'vitest';
import { isExpired, msUntilExpiry } from './alert-list-expiry.ts';

describe('alert list expiry', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it('is expired at and after its time, and when the time cannot be read', () => {
    expect(isExpired('2026-11-20T12:00:01Z', now)).toBe(false);
    expect(isExpired('2026-11-20T12:00:00Z', now)).toBe(true);
    expect(isExpired('2026-11-19T12:00:00Z', now)).toBe(true);
    expect(isExpired('not a time', now)).toBe(true);
  });
  it('waits until expiry, and no longer than a timer can', () => {
    expect(msUntilExpiry('2026-11-20T18:00:00Z', now)).toBe(6 * 3600_000);
    expect(msUntilExpiry('2026-11-20T11:00:00Z', now)).toBe(0);
    expect(msUntilExpiry('2027-11-20T11:00:00Z', now)).toBe(2 ** 31 - 1);
  });
});
