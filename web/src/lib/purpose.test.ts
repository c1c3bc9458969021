import { beforeEach, describe, expect, it } from 'vitest';
import type { Purpose } from '@mast/shared';
import { forgetPurpose, purposeText, referenceProblem, rememberPurpose, rememberedPurpose } from './purpose.ts';

const PURPOSES: Purpose[] = [
  { code: 'attending-incident', label: 'Attending an incident', reference: 'required', referenceLabel: 'Incident number' },
  { code: 'welfare-check', label: 'Welfare check', reference: 'optional', referenceLabel: 'Log number' },
  { code: 'checking-a-match', label: 'Checking a record match', reference: 'none', referenceLabel: null },
];
const values = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => values.set(k, v),
    removeItem: (k: string) => values.delete(k),
  },
});
const END = '2026-12-06T18:00:00Z';
const DURING = Date.parse('2026-12-06T12:00:00Z');

describe('the purpose remembered for the shift', () => {
  beforeEach(() => values.clear());

  it('is remembered for this user until the session ends, and then forgotten', () => {
    rememberPurpose('officer', { purpose: 'attending-incident', reference: 'INC-1' }, END);
    expect(rememberedPurpose('officer', PURPOSES, DURING)).toEqual({ purpose: 'attending-incident', reference: 'INC-1' });
    expect(rememberedPurpose('officer', PURPOSES, Date.parse(END) + 1)).toBeNull();
    expect(rememberedPurpose('firefighter', PURPOSES, DURING)).toBeNull();
  });

  it('is not used when the role may no longer give it, or it lacks the reference it needs', () => {
    rememberPurpose('officer', { purpose: 'home-visit', reference: null }, END);
    expect(rememberedPurpose('officer', PURPOSES, DURING)).toBeNull();
    rememberPurpose('officer', { purpose: 'attending-incident', reference: null }, END);
    expect(rememberedPurpose('officer', PURPOSES, DURING)).toBeNull();
  });

  it('is forgotten on request, and survives nothing unreadable', () => {
    rememberPurpose('officer', { purpose: 'welfare-check', reference: null }, END);
    forgetPurpose();
    expect(rememberedPurpose('officer', PURPOSES, DURING)).toBeNull();
    values.set('mast.purpose', '{not json');
    expect(rememberedPurpose('officer', PURPOSES, DURING)).toBeNull();
  });

  it('checks a reference as the server does', () => {
    expect(referenceProblem(PURPOSES[0]!, '')).toBe('Enter the incident number.');
    expect(referenceProblem(PURPOSES[1]!, '')).toBeNull();
    expect(referenceProblem(PURPOSES[0]!, 'INC-2211/B')).toBeNull();
    expect(referenceProblem(PURPOSES[0]!, '<b>')).toBe('Use letters, digits and - / . : only.');
    expect(referenceProblem(PURPOSES[0]!, 'x'.repeat(41))).toBe('Use at most 40 characters.');
  });

  it('reads as the label and the reference', () => {
    expect(purposeText({ purpose: 'attending-incident', reference: 'INC-1' }, PURPOSES)).toBe('Attending an incident · INC-1');
    expect(purposeText({ purpose: 'checking-a-match', reference: null }, PURPOSES)).toBe('Checking a record match');
  });
});
