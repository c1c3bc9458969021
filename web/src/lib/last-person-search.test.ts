import { beforeEach, describe, expect, it } from 'vitest';
import { KEEP_FOR_MS, forgetSearch, keepSearch, keptSearch } from './last-person-search.ts';

const form = { givenName: 'Bob', familyName: 'Whitfeild', dateOfBirth: { day: '3', month: '7', year: '1984' }, nhsNumber: '' };
const answer = { response: { results: [], more: false, searchedBy: 'name' as const, access: { purpose: 'home-visit', reference: null, agreementVersion: 'v', breakGlass: false, canBreakGlass: false } }, dateOfBirthGiven: true };

describe('the last search, kept in memory for going back to', () => {
  beforeEach(forgetSearch);

  it('is given back to the same user for a short while only', () => {
    keepSearch('socialworker', { form, answer }, 1_000);
    expect(keptSearch('socialworker', 2_000)).toEqual({ form, answer });
    expect(keptSearch('nurse', 2_000)).toBeNull();
    expect(keptSearch('socialworker', 1_000 + KEEP_FOR_MS + 1)).toBeNull();
  });

  it('is forgotten on signing out', () => {
    keepSearch('socialworker', { form, answer }, 1_000);
    forgetSearch();
    expect(keptSearch('socialworker', 2_000)).toBeNull();
  });

  it('is a copy: typing into the form afterwards does not change what was kept', () => {
    const typed = structuredClone(form);
    keepSearch('socialworker', { form: typed, answer: null }, 1_000);
    typed.familyName = 'Other';
    expect(keptSearch('socialworker', 2_000)?.form.familyName).toBe('Whitfeild');
  });
});
