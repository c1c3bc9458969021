import { describe, expect, it } from 'vitest';
import { dateOfBirthSlip, dateOfBirthSlipNote, fieldLabel, levelLabel } from './review-evidence.ts';

describe('fieldLabel', () => {
  it('says the matcher’s field names in words, in either spelling', () => {
    expect(fieldLabel('dateOfBirth')).toBe('Date of birth');
    expect(fieldLabel('date_of_birth')).toBe('Date of birth');
    expect(fieldLabel('nhsNumber')).toBe('NHS number');
    expect(fieldLabel('givenName')).toBe('Given name');
    expect(fieldLabel('familyName')).toBe('Family name');
    expect(fieldLabel('middleName')).toBe('Middle name');
  });
});

describe('levelLabel', () => {
  it('says each level in words, never the key', () => {
    expect(levelLabel('dateOfBirth', 'years-apart')).toBe('Ten or more years apart');
    expect(levelLabel('nhsNumber', 'null')).toBe('Missing from one or both records');
    expect(levelLabel('givenName', 'jaro-winkler>=0.92')).toBe('Spelt almost the same');
    expect(levelLabel('familyName', 'one-part-equal')).toBe('One part of a double-barrelled or married name is the same');
    expect(levelLabel('address', 'same-street-address')).toBe('Same house number and street; the postcode differs or is missing');
    expect(levelLabel('givenName', 'exact')).toBe('The same name');
    expect(levelLabel('sex', 'different')).toBe('Different');
  });

  it('says which way a name’s commonness speaks', () => {
    expect(levelLabel('familyName', 'how common the name is', 1.2)).toBe('An uncommon name, so its agreement counts for more');
    expect(levelLabel('familyName', 'how common the name is', -0.8)).toBe('A common name, so its agreement counts for less');
  });

  it('spells out a level it does not know, and an empty one', () => {
    expect(levelLabel('dateOfBirth', 'day and month swapped')).toBe('Day and month swapped');
    expect(levelLabel('address', 'same-flat_block')).toBe('Same flat block');
    expect(levelLabel('address', '')).toBe('Not compared');
  });
});

describe('dateOfBirthSlip', () => {
  it('sees two neighbouring digits swapped in the year: a typing slip, not a generation', () => {
    expect(dateOfBirthSlip('1971-02-22', '1917-02-22')).toEqual({ kind: 'swapped', a: '1971', b: '1917' });
    expect(dateOfBirthSlipNote('1971-02-22', '1917-02-22')).toBe('Dates of birth differ by two swapped digits (1971 / 1917): likely a typing slip');
    expect(dateOfBirthSlip('1985-09-25', '1958-09-25')).toEqual({ kind: 'swapped', a: '1985', b: '1958' });
  });

  it('sees one digit different, and says the whole dates when it is not in the year', () => {
    expect(dateOfBirthSlipNote('1971-02-22', '1981-02-22')).toBe('Dates of birth differ by one digit (1971 / 1981): likely a typing slip');
    expect(dateOfBirthSlip('1971-02-12', '1971-02-21')).toEqual({ kind: 'swapped', a: '12 Feb 1971', b: '21 Feb 1971' });
    expect(dateOfBirthSlipNote('1971-02-22', '1971-02-23')).toBe('Dates of birth differ by one digit (22 Feb 1971 / 23 Feb 1971): likely a typing slip');
  });

  it('says nothing of dates that differ in other ways, are the same, or are not dates', () => {
    expect(dateOfBirthSlip('1971-02-22', '1971-02-22')).toBeNull();
    expect(dateOfBirthSlip('2001-12-12', '2022-11-04')).toBeNull();
    // Two digits different but not neighbours swapped: a parent and child, as likely as a slip.
    expect(dateOfBirthSlip('1971-02-22', '1991-02-21')).toBeNull();
    expect(dateOfBirthSlip('1971-02-22', '1972-01-22')).toBeNull();
    expect(dateOfBirthSlip('', '1971-02-22')).toBeNull();
    expect(dateOfBirthSlip('22/02/1971', '1971-02-22')).toBeNull();
  });
});
