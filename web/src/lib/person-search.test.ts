import { describe, expect, it } from 'vitest';
import { PersonSearchRequestSchema, type Purpose } from '@mast/shared';
import { dateOfBirthFrom, noOneFoundText, personPath, personSearchBody, purposeFromQuery, strengthWords, type PersonSearchForm } from './person-search.ts';

const TODAY = new Date('2026-12-06T12:00:00Z');
const HOME_VISIT = { purpose: 'home-visit', reference: null };
const blank: PersonSearchForm = { givenName: '', familyName: '', dateOfBirth: { day: '', month: '', year: '' }, nhsNumber: '' };
const form = (over: Partial<PersonSearchForm>): PersonSearchForm => ({ ...blank, ...over });
const dob = (day: string, month: string, year: string) => ({ day, month, year });

describe('a date of birth typed as day, month and year', () => {
  it('is an ISO date, with single digits padded', () => {
    expect(dateOfBirthFrom(dob('7', '3', '1984'), TODAY)).toEqual({ ok: true, value: '1984-03-07' });
    expect(dateOfBirthFrom(dob(' 07 ', '03', '1984'), TODAY)).toEqual({ ok: true, value: '1984-03-07' });
  });

  it('may be left blank: the search then leans on the names', () => {
    expect(dateOfBirthFrom(dob('', ' ', ''), TODAY)).toEqual({ ok: true, value: '' });
  });

  it('is refused when part-filled, not a real day, in the future, or with a short year', () => {
    expect(dateOfBirthFrom(dob('7', '', '1984'), TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('leave all three blank') });
    expect(dateOfBirthFrom(dob('31', '2', '1984'), TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('not a real date') });
    expect(dateOfBirthFrom(dob('7', '13', '1984'), TODAY)).toMatchObject({ ok: false });
    expect(dateOfBirthFrom(dob('7', '3', '84'), TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('four digits') });
    expect(dateOfBirthFrom(dob('1', '1', '2027'), TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('in the past') });
    expect(dateOfBirthFrom(dob('x', '3', '1984'), TODAY)).toMatchObject({ ok: false });
  });
});

describe('the search body', () => {
  it('is what the API accepts, names trimmed and the purpose given', () => {
    const checked = personSearchBody(form({ givenName: ' Bob ', familyName: 'Whitfeild', dateOfBirth: dob('3', '7', '1984') }), { purpose: 'mash-enquiry', reference: 'REF-1' }, 'name', TODAY);
    expect(checked).toEqual({
      ok: true,
      value: { givenName: 'Bob', familyName: 'Whitfeild', dateOfBirth: '1984-07-03', nhsNumber: '', purpose: 'mash-enquiry', reference: 'REF-1' },
    });
    expect(PersonSearchRequestSchema.safeParse(checked.ok && checked.value).success).toBe(true);
  });

  it('needs a family name with a given name or a date of birth, or an NHS number', () => {
    expect(personSearchBody(form({ familyName: 'Kelly', dateOfBirth: dob('2', '8', '1996') }), HOME_VISIT, 'name', TODAY).ok).toBe(true);
    expect(personSearchBody(form({ givenName: 'Leanne', familyName: 'Kelly' }), HOME_VISIT, 'name', TODAY).ok).toBe(true);
    expect(personSearchBody(form({ givenName: 'Leanne' }), HOME_VISIT, 'name', TODAY)).toEqual({ ok: false, problems: [{ field: 'familyName', message: 'Enter a family name.' }] });
    expect(personSearchBody(form({ familyName: 'Kelly' }), HOME_VISIT, 'name', TODAY)).toEqual({
      ok: false,
      problems: [{ field: 'givenName', message: 'Enter a given name or a date of birth as well.' }],
    });
    expect(personSearchBody(blank, HOME_VISIT, 'name-or-nhs-number', TODAY)).toMatchObject({ ok: false, problems: [{ message: 'Enter a family name, or an NHS number.' }] });
    expect(personSearchBody(form({ nhsNumber: '485 777 3465' }), HOME_VISIT, 'name-or-nhs-number', TODAY)).toMatchObject({ ok: true, value: { nhsNumber: '4857773465' } });
  });

  it('never sends an NHS number for a role that may not search by one', () => {
    const checked = personSearchBody(form({ givenName: 'Leanne', familyName: 'Kelly', nhsNumber: '4857773465' }), HOME_VISIT, 'name', TODAY);
    expect(checked).toMatchObject({ ok: true, value: { nhsNumber: '' } });
  });

  it('says what to fix in each field the API would refuse', () => {
    const checked = personSearchBody(form({ givenName: 'R0bert', familyName: 'Kelly', dateOfBirth: dob('31', '2', '1984'), nhsNumber: '12345' }), HOME_VISIT, 'name-or-nhs-number', TODAY);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems.map((p) => p.field)).toEqual(['givenName', 'dateOfBirth', 'nhsNumber']);
    expect(personSearchBody(form({ givenName: "Mary-Jo O'Neil", familyName: 'Ní Bhriain' }), HOME_VISIT, 'name', TODAY).ok).toBe(true);
  });
});

describe('the answer in words', () => {
  it('gives each strength in words', () => {
    expect([strengthWords('strong'), strengthWords('likely'), strengthWords('possible')]).toEqual(['Strong match', 'Likely match', 'Possible match']);
  });

  it('never reads "no one found" as "not known to any agency", and says what to try', () => {
    const text = noOneFoundText({ dateOfBirthGiven: true, byNhsNumber: false }).join(' ');
    expect(text).not.toMatch(/not known/i);
    expect(text).toContain('This does not mean no agency knows this person');
    expect(text).toContain('Check the spelling');
    expect(text).toContain('without the date of birth');
    expect(text).toContain('search by their address');
    expect(noOneFoundText({ dateOfBirthGiven: false, byNhsNumber: false }).join(' ')).not.toContain('without the date of birth');
    expect(noOneFoundText({ dateOfBirthGiven: false, byNhsNumber: true }).join(' ')).toContain('Check the NHS number');
  });
});

describe("a person's page link", () => {
  const PURPOSES: Purpose[] = [
    { code: 'home-visit', label: 'Home visit', reference: 'optional', referenceLabel: 'Case or referral number' },
    { code: 'mash-enquiry', label: 'MASH enquiry', reference: 'required', referenceLabel: 'Referral number' },
    { code: 'checking-a-match', label: 'Checking a record match', reference: 'none', referenceLabel: null },
  ];

  it('carries the purpose and reference, and nothing else', () => {
    expect(personPath('60981', { purpose: 'mash-enquiry', reference: 'REF 1' })).toBe('/person/60981?purpose=mash-enquiry&reference=REF+1');
    expect(personPath('60981', HOME_VISIT)).toBe('/person/60981?purpose=home-visit');
    expect(personPath('60981', null)).toBe('/person/60981');
  });

  it('gives back a purpose from the link only when this user may give it, with a reference where one is needed', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(purposeFromQuery(q('purpose=mash-enquiry&reference=REF-1'), PURPOSES)).toEqual({ purpose: 'mash-enquiry', reference: 'REF-1' });
    expect(purposeFromQuery(q('purpose=mash-enquiry'), PURPOSES)).toBeNull();
    expect(purposeFromQuery(q('purpose=attending-incident&reference=INC-1'), PURPOSES)).toBeNull();
    expect(purposeFromQuery(q('purpose=checking-a-match&reference=X'), PURPOSES)).toEqual({ purpose: 'checking-a-match', reference: null });
    expect(purposeFromQuery(q(''), PURPOSES)).toBeNull();
  });
});
