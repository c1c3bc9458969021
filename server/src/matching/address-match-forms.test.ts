// How the matcher reads flats written "3/17", flats and houses written "17B", and a street typed
// one letter out, and the near misses it must leave to a data steward: each `confident` case is
// the address a careful officer would accept without looking; each refusal could be another home.
import { describe, it, expect } from 'vitest';
import { buildAddressMatcher, type GazetteerEntry } from './address-match.ts';

const N = { buildingName: null, subBuilding: null, locality: 'Northfield', town: 'Mastbury' };
const g = (uprn: number, buildingNumber: string | null, street: string, postcode: string, extra: Partial<GazetteerEntry> = {}): GazetteerEntry => ({
  ...N, uprn, buildingNumber, street, postcode, ...extra,
});
const flat = (uprn: number, buildingNumber: string, street: string, postcode: string, subBuilding: string) =>
  g(uprn, buildingNumber, street, postcode, { subBuilding });

const gazetteer: GazetteerEntry[] = [
  // Mill Lane, and Mile Lane in the same postcode: they share number 31 only.
  g(1, '27', 'Mill Lane', 'MB3 4RT'),
  g(2, '3', 'Mill Lane', 'MB3 4RT'),
  g(3, '17', 'Mill Lane', 'MB3 4RT'),
  flat(4, '17', 'Mill Lane', 'MB3 4RT', 'Flat 1'),
  flat(5, '17', 'Mill Lane', 'MB3 4RT', 'Flat 2'),
  flat(6, '17', 'Mill Lane', 'MB3 4RT', 'Flat 3'),
  g(7, '31', 'Mill Lane', 'MB3 4RT'),
  g(8, '31', 'Mile Lane', 'MB3 4RT'),
  g(9, '41', 'Mill Lane', 'MB3 4RU'),
  // Hill Lane: a real street one letter from Mill Lane, elsewhere, with its own 27.
  g(10, '27', 'Hill Lane', 'MB7 1AB', { locality: 'Southgate' }),
  g(11, '45', 'Hill Lane', 'MB3 4RX', { locality: 'Southgate' }),
  // Park Road: lettered flats; lettered flats beside a house numbered like one; a plain house;
  // a house numbered 18A beside 18; flats one per floor from the ground up; floor flats with a
  // basement flat; floor flats above a shop (no ground floor flat).
  g(20, '12', 'Park Road', 'MB4 2NS'),
  flat(21, '12', 'Park Road', 'MB4 2NS', 'Flat A'),
  flat(22, '12', 'Park Road', 'MB4 2NS', 'Flat B'),
  g(23, '14', 'Park Road', 'MB4 2NS'),
  flat(24, '14', 'Park Road', 'MB4 2NS', 'Flat A'),
  flat(25, '14', 'Park Road', 'MB4 2NS', 'Flat B'),
  g(26, '14B', 'Park Road', 'MB4 2NU'),
  g(27, '16', 'Park Road', 'MB4 2NS'),
  g(28, '18', 'Park Road', 'MB4 2NS'),
  g(29, '18A', 'Park Road', 'MB4 2NS'),
  g(30, '20', 'Park Road', 'MB4 2NT'),
  flat(31, '20', 'Park Road', 'MB4 2NT', 'Ground Floor Flat'),
  flat(32, '20', 'Park Road', 'MB4 2NT', 'First Floor Flat'),
  g(33, '22', 'Park Road', 'MB4 2NT'),
  flat(34, '22', 'Park Road', 'MB4 2NT', 'Basement Flat'),
  flat(35, '22', 'Park Road', 'MB4 2NT', 'Ground Floor Flat'),
  flat(36, '22', 'Park Road', 'MB4 2NT', 'First Floor Flat'),
  g(37, '24', 'Park Road', 'MB4 2NT'),
  flat(38, '24', 'Park Road', 'MB4 2NT', 'First Floor Flat'),
  flat(39, '24', 'Park Road', 'MB4 2NT', 'Second Floor Flat'),
  // Streets ending "Street"; a street whose name ends another's; a house named like a street.
  g(40, '5', 'High Street', 'MB1 1AA'),
  g(41, '8', 'New Colliery Road', 'MB5 1AA', { locality: 'Ashby Green' }),
  g(42, '8', 'Colliery Road', 'MB6 2BB', { locality: 'Ashby Green' }),
  g(43, '26', 'Woodside Street', 'MB8 1QZ', { locality: 'Whitcombe' }),
  g(44, '26', 'Kent Street', 'MB8 1WZ', { locality: 'Whitcombe', buildingName: 'Woodside' }),
];
const matcher = buildAddressMatcher(gazetteer);
const m = (address: string, postcode?: string) => matcher.match({ address, ...(postcode === undefined ? {} : { postcode }) });
const confident = (address: string, postcode: string | undefined, uprn: number) =>
  expect(m(address, postcode), `${address} ${postcode ?? ''}`).toMatchObject({ uprn, method: 'matched' });
const noUprn = (address: string, postcode?: string) => expect(m(address, postcode).uprn, `${address} ${postcode ?? ''}`).toBeNull();

describe('"3/17 Mill Lane": flat 3 at number 17', () => {
  it('is the flat when number 17 has a flat 3', () => {
    confident('3/17 Mill Lane', 'MB3 4RT', 6);
    confident('3/17 Mill Lane, MB3 4RT', undefined, 6);
    confident('Flat 3/17 Mill Ln', 'MB3 4RT', 6);
  });

  it('is never the house at 3, nor number 17 itself, nor another of its flats', () => {
    expect(m('4/17 Mill Lane', 'MB3 4RT')).toMatchObject({ uprn: null, method: 'unmatched' });
    noUprn('3/27 Mill Lane', 'MB3 4RT'); // 27 is a house: no flat 3 there
  });
});

describe('"17B": a lettered flat, a lettered house, or a flat by floor', () => {
  it('is Flat B at 12 when 12 has lettered flats, and the house 18A when the gazetteer numbers it so', () => {
    confident('12B Park Road', 'MB4 2NS', 22);
    confident('12b Park Rd', undefined, 22);
    confident('18A Park Road', 'MB4 2NS', 29);
    confident('18 Park Road', 'MB4 2NS', 28);
  });

  it('leaves "14B" to a steward when 14 has a Flat B and there is also a house numbered 14B', () => {
    // Whichever postcode is written: a postcode slip is likelier than a typist knowing which.
    for (const postcode of ['MB4 2NS', 'MB4 2NU', undefined]) {
      const r = m('14B Park Road', postcode);
      expect(r, postcode).toMatchObject({ uprn: null, method: 'possible' });
      expect(r.method === 'possible' && [25, 26].includes(r.candidateUprn)).toBe(true);
      expect(r.reasons).toContain('the letter may be a flat or a house');
    }
  });

  it('gives no UPRN for "16B" when 16 is a plain house, nor for a flat letter 12 does not have', () => {
    expect(m('16B Park Road', 'MB4 2NS')).toMatchObject({ uprn: null, method: 'unmatched' });
    noUprn('12C Park Road', 'MB4 2NS');
  });

  it('leaves a letter for a flat listed by floor to a steward, with the flat on that floor as the candidate', () => {
    // "20A" for the ground floor flat is a convention, not always kept: never a UPRN on its own.
    expect(m('20A Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 31 });
    expect(m('20B Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 32 });
    expect(m('Flat B, 20 Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 32 });
    noUprn('20C Park Road', 'MB4 2NT');
  });

  it('leaves a floor flat to a steward where a letter or number could mean another floor', () => {
    // "Flat 1" may be the first flat (ground floor) or the first floor flat.
    expect(m('Flat 1, 20 Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible' });
    // With a basement flat, A may be the basement or the ground floor.
    expect(m('22A Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible' });
    // Above a shop, the first flat is on the first floor: A is not the ground floor here.
    noUprn('24A Park Road', 'MB4 2NT');
    noUprn('24B Park Road', 'MB4 2NT');
  });
});

describe('a street one letter out, where the postcode and house number agree', () => {
  it('is that street, whether the slip is in the name or the type', () => {
    confident('27 Mil Lane', 'MB3 4RT', 1);
    confident('27 Mill Lnae, MB3 4RT', undefined, 1);
    confident('27 Mill Lanee', 'MB3 4RT', 1);
    confident('5 Hgh Street', 'MB1 1AA', 40);
    confident('5 High Steet', 'MB1 1AA', 40);
    confident('8 Neew Colliery Road', 'MB5 1AA', 41);
    confident('26 Woodside Srteet', 'MB8 1QZ', 43);
  });

  it('stays with a steward without the postcode', () => {
    expect(m('27 Mill Lnae')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 1 });
    expect(m('5 High Steet')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 40 });
  });

  it('is not confident when another street in the postcode is as near and has the number', () => {
    expect(m('31 Mil Lane', 'MB3 4RT')).toMatchObject({ uprn: null, method: 'possible' });
  });

  it('is not confident when the number is not in that postcode', () => {
    expect(m('41 Mil Lane', 'MB3 4RT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 9 });
  });

  it('never changes one street type into another, nor reads a slipped type as a type left off', () => {
    noUprn('27 Mill Road', 'MB3 4RT');
    noUprn('27 Mill Row', 'MB3 4RT');
    // "Raod" is Road slipped: this is a Mill Road, not Mill Lane written without its type.
    noUprn('27 Mill Raod', 'MB3 4RT');
  });

  it('is not confident when the text names another real street exactly', () => {
    // 27 Hill Lane with Mill Lane's postcode: a slip in the street or in the postcode.
    const r = m('27 Hill Lane', 'MB3 4RT');
    expect(r.uprn).toBeNull();
    expect(r.method).toBe('possible');
    // A word before "Colliery Road" that makes it New Colliery Road with one slip: either.
    expect(m('8 Neew Colliery Road').uprn).toBeNull();
    // A slipped street is still a street: not a house named "Woodside" on Kent Street.
    expect(m('26 Woodside Srteet', 'MB8 1WZ').uprn).toBeNull();
  });

  it('is not confident when the postcode written is on a street one letter from the one typed', () => {
    // 45 Hill Lane is real, but MB3 4RT is Mill Lane's: perhaps a 45 Mill Lane the gazetteer lacks.
    const r = m('45 Hill Lane', 'MB3 4RT');
    expect(r).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 11 });
    expect(r.reasons).toContain('the postcode is on a street one letter away');
    confident('45 Hill Lane', 'MB3 4RX', 11);
  });
});
