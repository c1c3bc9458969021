import { describe, expect, it } from 'vitest';
import { reviewReason, type ReasonInput } from './review-reason.ts';

/** Evidence as the matcher stores it with a review pair: field levels and weights. */
function ev(levels: Record<string, string>, extra: ReasonInput['evidence'] = []): ReasonInput['evidence'] {
  return [...Object.entries(levels).map(([field, level]) => ({ field, level, weight: level === 'null' ? 0 : 1 })), ...extra];
}

const household = { familyName: 'exact', sex: 'equal', address: 'same-address', nhsNumber: 'null' };

describe('reviewReason', () => {
  it('says twins when one home, one family name and one birthday hold two given names', () => {
    const r = reviewReason({ evidence: ev({ ...household, givenName: 'else', dateOfBirth: 'exact' }), probability: 0.99 });
    expect(r).toMatch(/^Held for you: same family name and address, born on the same day, different given names: these may be twins\./);
    expect(r).toContain('the given name differs');
  });

  it('says parent and child when one name at one home was born a generation apart', () => {
    const r = reviewReason({ evidence: ev({ ...household, givenName: 'exact', dateOfBirth: 'years-apart' }), probability: 0.9 });
    expect(r).toMatch(/^Same name and address, born ten or more years apart: a parent and child with one name\?/);
  });

  it('says a common name when name and birthday agree in different areas, from the name-frequency evidence', () => {
    const evidence = ev({ givenName: 'exact', familyName: 'exact', dateOfBirth: 'exact', sex: 'equal', address: 'else', nhsNumber: 'null' }, [
      { field: 'familyName', level: 'how common the name is', weight: -2.5 },
    ]);
    expect(reviewReason({ evidence, probability: 0.97 })).toMatch(/^Same name and date of birth, but living in different areas: a common name, so not linked without more\./);
    // The same levels under a rare name read as a move.
    const rare = ev({ givenName: 'exact', familyName: 'exact', dateOfBirth: 'exact', sex: 'equal', address: 'else', nhsNumber: 'null' });
    expect(reviewReason({ evidence: rare, probability: 0.6 })).toMatch(/^Same name and date of birth, living in different areas: a move of house\?/);
  });

  it('says two people of one name when births are a generation apart in different areas', () => {
    const r = reviewReason({ evidence: ev({ givenName: 'exact', familyName: 'exact', dateOfBirth: 'years-apart', sex: 'equal', address: 'same-district' }), probability: 0.9 });
    expect(r).toMatch(/^Same name, but born ten or more years apart and living in different areas: two people with one name\?/);
  });

  it('takes the reason the server gives over the levels', () => {
    const evidence = ev({ givenName: 'exact', familyName: 'exact', dateOfBirth: 'exact', address: 'else' });
    expect(reviewReason({ evidence, probability: 0.97, hold: 'common-name-apart' })).toMatch(/a common name, so not linked without more/);
    expect(reviewReason({ evidence, probability: 0.97, hold: 'nhs-differs' })).toMatch(/different NHS numbers/);
  });

  it('says a married name when given name and birthday agree and the family name does not', () => {
    const r = reviewReason({ evidence: ev({ givenName: 'exact', familyName: 'else', dateOfBirth: 'exact', sex: 'equal', address: 'same-address' }), probability: 0.7 });
    expect(r).toMatch(/^Same given name, date of birth and address, different family name: a married or changed name\?/);
  });

  it('says what a missing date of birth leaves open', () => {
    const r = reviewReason({ evidence: ev({ givenName: 'exact', familyName: 'exact', dateOfBirth: 'null', sex: 'equal', address: 'same-address' }), probability: 0.8 });
    expect(r).toMatch(/no date of birth on one record/);
    expect(r).toContain('the date of birth is missing from one record');
  });

  it('falls back to the odds and a tally of what agrees, differs and is missing', () => {
    const r = reviewReason({ evidence: ev({ givenName: 'variant', familyName: 'phonetic', dateOfBirth: 'year-near', sex: 'null', address: 'same-postcode', nhsNumber: 'null' }), probability: 0.42 });
    expect(r).toBe('Not sure: about 42 in 100 that these are one person. The given name, family name and date of birth agree; the address differs; the sex and NHS number are missing from one record.');
  });

  it('never repeats a value: only the levels go in', () => {
    const r = reviewReason({ evidence: ev({ ...household, givenName: 'else', dateOfBirth: 'exact' }), probability: 0.99 });
    expect(r).not.toMatch(/\d{4}|exact|else|same-address/);
  });
});
