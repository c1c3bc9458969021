import { describe, expect, it } from 'vitest';
import type { AuditFlag } from '@mast/shared';
import { actionLabel, canReadAudit, flagSentence, formatUtc, hasSearch, searchFieldsOf, searchParams } from './audit.ts';

describe('canReadAudit', () => {
  it('lets information governance officers only', () => {
    expect(canReadAudit('ig-officer')).toBe(true);
    for (const role of ['admin', 'responder', 'practitioner', 'supervisor', 'data-steward', 'analyst'] as const) expect(canReadAudit(role)).toBe(false);
  });
});

describe('the search in the URL', () => {
  it('keeps ids, codes and dates, drops empty fields and anything else', () => {
    const fields = searchFieldsOf(new URLSearchParams('uprn=100000000001&userId=&purpose=home-visit&name=Sandra&from=2026-12-01'));
    expect(fields).toEqual({ uprn: '100000000001', purpose: 'home-visit', from: '2026-12-01' });
    expect(hasSearch(fields)).toBe(true);
    expect(hasSearch(searchFieldsOf(new URLSearchParams('')))).toBe(false);
    expect(searchParams(fields, 42).toString()).toBe('uprn=100000000001&purpose=home-visit&from=2026-12-01&before=42');
  });
});

describe('wording', () => {
  const flag: AuditFlag = {
    kind: 'many-lookups', seq: 9, at: '2026-12-06T05:00:00Z', userId: 3, userName: 'FF Sam Patel', organisation: 'Fire', role: 'responder',
    uprn: null, address: null, purpose: null, lookups: 13, peerMedian: 2.5,
  };
  it('says what each flag saw', () => {
    expect(flagSentence(flag)).toBe('FF Sam Patel looked up 13 addresses; the median for others in the same role is 2.5.');
    expect(flagSentence({ ...flag, kind: 'own-street', address: '1 Acacia Avenue' })).toMatch(/1 Acacia Avenue, in the postcode of their own home/);
    expect(flagSentence({ ...flag, kind: 'no-incident-reference', purpose: 'attending-incident' })).toMatch(/without an incident reference/);
  });
  it('names actions and UTC times plainly', () => {
    expect(actionLabel('view-address')).toBe('Looked up an address');
    expect(actionLabel('audit-export')).toBe('audit export');
    expect(formatUtc('2026-12-06T05:03:09.120Z')).toBe('05:03:09 UTC, 6 Dec 2026');
  });
});
