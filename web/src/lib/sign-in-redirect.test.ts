import { describe, expect, it } from 'vitest';
import { safeNext, signInPath } from './sign-in-redirect.ts';

describe('signInPath', () => {
  it('remembers where the person was going', () => {
    expect(signInPath('/address/123')).toBe('/login?next=%2Faddress%2F123');
    expect(signInPath('/?q=27 mill')).toBe('/login?next=%2F%3Fq%3D27%20mill');
  });

  it('drops the trivial return to the search page', () => {
    expect(signInPath('/')).toBe('/login');
  });
});

describe('safeNext', () => {
  it('accepts our own paths', () => {
    expect(safeNext('/address/123')).toBe('/address/123');
    expect(safeNext('/?q=acacia')).toBe('/?q=acacia');
  });

  it('refuses other sites, API paths and loops back to sign-in', () => {
    for (const bad of [null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', '/login', '/login?next=/', '/api/auth/me']) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
