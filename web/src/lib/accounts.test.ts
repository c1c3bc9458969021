import { describe, it, expect } from 'vitest';
import { ROLES } from '@mast/shared';
import { ROLE_CHOICES, ROLE_LABELS, canManageAccounts, expiresIn } from './accounts.ts';

describe('canManageAccounts', () => {
  it('is for administrators only', () => {
    expect(canManageAccounts('admin')).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(canManageAccounts(role)).toBe(false);
  });
});

describe('ROLE_LABELS', () => {
  it('names every role, and offers each one to choose', () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toMatch(/^[A-Z]/);
    expect(ROLE_CHOICES).toEqual([...ROLES]);
  });
});

describe('expiresIn', () => {
  const now = new Date('2026-11-20T09:00:00Z');
  it('says days, hours, or within the hour', () => {
    expect(expiresIn('2026-11-23T09:00:00Z', now)).toBe('Expires in 3 days');
    expect(expiresIn('2026-11-20T14:00:00Z', now)).toBe('Expires in 5 hours');
    expect(expiresIn('2026-11-20T10:00:00Z', now)).toBe('Expires in 1 hour');
    expect(expiresIn('2026-11-20T09:10:00Z', now)).toBe('Expires within the hour');
  });
});
