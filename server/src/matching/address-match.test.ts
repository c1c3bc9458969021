import { describe, it, expect } from 'vitest';
import { buildAddressMatcher, type GazetteerEntry } from './address-match.ts';

const N = { buildingName: null, subBuilding: null, locality: 'Northfield', town: 'Mastbury' };
const g = (uprn: number, buildingNumber: string | null, street: string, postcode: string, extra: Partial<GazetteerEntry> = {}): GazetteerEntry => ({
  ...N, uprn, buildingNumber, street, postcode, ...extra,
});
const gazetteer: GazetteerEntry[] = [
  // A house converted into two flats.
  g(1, '10', 'High Street', 'MB1 1AA'),
  g(2, '10', 'High Street', 'MB1 1AA', { subBuilding: 'Flat 1' }),
  g(3, '10', 'High Street', 'MB1 1AA', { subBuilding: 'Flat 2' }),
  g(4, '27', 'Mill Lane', 'MB3 4RT'),
  g(5, null, 'Mill Lane', 'MB3 4RT', { buildingName: 'Rose Cottage' }),
  g(6, '29', 'Mill Lane', 'MB3 4RT', { buildingName: 'The Laurels' }),
  // A block of flats, and a house whose number equals a flat's.
  g(7, '5', 'Station Road', 'MB2 3PL', { buildingName: 'Beech Court' }),
  g(8, '5', 'Station Road', 'MB2 3PL', { buildingName: 'Beech Court', subBuilding: 'Flat 4' }),
  g(9, '5', 'Station Road', 'MB2 3PL', { buildingName: 'Beech Court', subBuilding: 'Flat 5' }),
  g(10, '4', 'Station Road', 'MB2 3PJ'),
  // Lettered flats, a lettered house and its plain neighbour.
  g(11, '12', 'Park Road', 'MB4 2NS'),
  g(12, '12', 'Park Road', 'MB4 2NS', { subBuilding: 'Flat A' }),
  g(13, '12', 'Park Road', 'MB4 2NS', { subBuilding: 'Flat B' }),
  g(14, '14B', 'Park Road', 'MB4 2NS'),
  g(15, '14', 'Park Road', 'MB4 2NS'),
  // Flats by floor.
  g(16, '16', 'Park Road', 'MB4 2NT'),
  g(17, '16', 'Park Road', 'MB4 2NT', { subBuilding: 'Ground Floor Flat' }),
  g(18, '16', 'Park Road', 'MB4 2NT', { subBuilding: 'First Floor Flat' }),
  g(19, '16', 'Park Road', 'MB4 2NT', { subBuilding: 'Basement Flat' }),
  // The same street name in two localities: only the postcode (or locality) tells them apart.
  g(20, '1', 'Church Road', 'MB5 1AB'),
  g(21, '1', 'Church Road', 'MB7 2DE', { locality: 'Southgate' }),
  g(22, '10-12', 'Market Street', 'MB1 2AB'),
  g(23, '3', "St Mary's Road", 'MB1 3AD'),
  g(24, null, "Queen's Road", 'MB1 4AE', { buildingName: 'Victoria House' }),
  g(25, null, "Queen's Road", 'MB1 4AE', { buildingName: 'Victoria House', subBuilding: 'Flat 3' }),
  g(26, '7', 'Wellington Terrace', 'MB2 4TE'),
  g(27, '8', 'Canal Walk', 'MB2 4TF'),
  g(28, '2', 'Larch Grove', 'MB2 4TG'),
  // A street whose name ends another's.
  g(29, '68', 'Rosemary Road', 'MB7 3AA', { locality: 'Southgate' }),
  g(30, '2', 'New Rosemary Road', 'MB3 5AA'),
];
const matcher = buildAddressMatcher(gazetteer);
const m = (address: string, postcode?: string) => matcher.match({ address, ...(postcode === undefined ? {} : { postcode }) });

describe('matching a typed address to its UPRN', () => {
  it('uses a UPRN the partner sent when the gazetteer has it, else falls back to the address', () => {
    expect(matcher.match({ uprn: '4' })).toMatchObject({ uprn: 4, method: 'given' });
    expect(matcher.match({ uprn: '999', address: '27 Mill Lane' })).toMatchObject({ uprn: 4, method: 'matched' });
  });

  it.each([
    ['27 Mill Lane', undefined, 4],
    ['27 MILL LN', 'MB3 4RT', 4],
    ['27, Mill Lane, , Northfield, Mastbury,', undefined, 4],
    ['27 mill la', 'mb34rt', 4],
    ['27 Mill Lane Northfield MB3 4RT', undefined, 4],
    ['Rose Cottage, Mill Lane', undefined, 5],
    ['Rose Cottage, Mill Ln, Northfield', 'MB3 4RT', 5],
    ['The Laurels, Mill Lane', undefined, 6],
    ['29 Mill Lane', undefined, 6],
    ['Flat 2, 10 High Street', 'MB1 1AA', 3],
    ['2/10 High St', undefined, 3],
    ['Flat 1 10 High St', undefined, 2],
    ['Flat 4, Beech Court, 5 Station Rd', undefined, 8],
    ['Flat 4 Beech Court', undefined, 8],
    ['Flat 4 Beech Ct, Station Road', 'MB2 3PL', 8],
    ['4 Beech Court, 5 Station Road, MB2 3PL', undefined, 8],
    ['Apartment 5, Beech Court, 5 Station Road', undefined, 9],
    ['Beech Court, 5 Station Road', undefined, 7],
    ['Apartment 3, Victoria House, Queens Rd', undefined, 25],
    ['Flat A, 12 Park Road', 'MB4 2NS', 12],
    ['flat b 12 park rd', undefined, 13],
    ['Ground Floor Flat, 16 Park Road', 'MB4 2NT', 17],
    ['GFF 16 Park Rd', 'MB4 2NT', 17],
    ['Ground Floor, 16 Park Rd', undefined, 17],
    ['FFF, 16 Park Road', undefined, 18],
    ['First Floor Flat, 16 Park Road', undefined, 18],
    ['Basement Flat, 16 Park Rd', undefined, 19],
    ['10-12 Market St', undefined, 22],
    ["3 St Mary's Rd", undefined, 23],
    ['3 Saint Marys Road', 'MB1 3AD', 23],
    ['7 Wellington Tce', undefined, 26],
    ['8 Canal Wk', undefined, 27],
    ['2 Larch Gro', undefined, 28],
  ])('matches %s (postcode %s)', (address, postcode, uprn) => {
    expect(m(address, postcode)).toMatchObject({ uprn, method: 'matched' });
  });

  it('never gives a flat its building, or the flat next door', () => {
    expect(m('Flat 3, 10 High Street', 'MB1 1AA')).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(m('Flat 6, Beech Court, 5 Station Road', 'MB2 3PL').uprn).toBeNull();
    expect(m('Flat C, 12 Park Road', 'MB4 2NS').uprn).toBeNull();
    expect(m('Second Floor Flat, 16 Park Road', 'MB4 2NT').uprn).toBeNull();
    // The building itself when no flat is written; never one of its flats.
    expect(m('10 High Street', 'MB1 1AA')).toMatchObject({ uprn: 1, method: 'matched' });
    expect(m('5 Station Road', 'MB2 3PL')).toMatchObject({ uprn: 7, method: 'matched' });
    // "4 Beech Court" is flat 4, not the house at 4 Station Road.
    expect(m('4 Beech Court, 5 Station Road')).toMatchObject({ uprn: 8 });
    expect(m('4 Station Road')).toMatchObject({ uprn: 10, method: 'matched' });
  });

  it('tells "10B", "Flat B, 10" and "10 B" apart from the plain house and from each other', () => {
    // A lettered house.
    expect(m('14B Park Road')).toMatchObject({ uprn: 14, method: 'matched' });
    expect(m('14 B Park Road')).toMatchObject({ uprn: 14, method: 'matched' });
    expect(m('Flat B, 14 Park Road')).toMatchObject({ uprn: 14, method: 'matched' });
    expect(m('14 Park Road')).toMatchObject({ uprn: 15, method: 'matched' });
    // Lettered flats in a converted house.
    expect(m('12B Park Road')).toMatchObject({ uprn: 13, method: 'matched' });
    expect(m('12 B Park Road')).toMatchObject({ uprn: 13, method: 'matched' });
    expect(m('Flat B, 12 Park Road')).toMatchObject({ uprn: 13, method: 'matched' });
    expect(m('12 Park Road')).toMatchObject({ uprn: 11, method: 'matched' });
    expect(m('12C Park Road').uprn).toBeNull();
    expect(m('15B Park Road').uprn).toBeNull();
  });

  it('resolves the same street in two localities by postcode or locality, and leaves it possible without', () => {
    expect(m('1 Church Road', 'MB7 2DE')).toMatchObject({ uprn: 21, method: 'matched' });
    expect(m('1 Church Road', 'MB5 1AB')).toMatchObject({ uprn: 20, method: 'matched' });
    expect(m('1 Church Road, Southgate')).toMatchObject({ uprn: 21, method: 'matched' });
    const none = m('1 Church Road');
    expect(none).toMatchObject({ uprn: null, method: 'possible' });
    expect(none.method === 'possible' && [20, 21].includes(none.candidateUprn)).toBe(true);
    expect(none.reasons).toContain('another address scores as well');
  });

  it('still matches with a mistyped postcode when the rest is strong', () => {
    expect(m('1 Church Road', 'MB7 2DF')).toMatchObject({ uprn: 21, method: 'matched' }); // one letter wrong
    expect(m('1 Church Road', 'mb72de')).toMatchObject({ uprn: 21, method: 'matched' }); // no space
    expect(m('27 Mill Lane', 'MB8 4RT')).toMatchObject({ uprn: 4, method: 'matched' }); // district digit wrong
    expect(m('27 Mill Lane', 'MB8 4RT').reasons).toContain('postcode (one character off)');
  });

  it('does not let a postcode alone carry a match', () => {
    // Number and postcode agree, the street is not written: for review, not assigned.
    expect(m('27, Northfield', 'MB3 4RT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 4 });
  });

  it('leaves an address not in the gazetteer unmatched', () => {
    expect(m('28 Mill Lane')).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(m('12 Nowhere Road', 'MB3 4RT')).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(m('Mill Lane')).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(matcher.match({})).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(m('27 Mill Road')).toMatchObject({ uprn: null, method: 'unmatched' }); // another street type
    // "New Rosemary Road" is not "Rosemary Road", though it ends with it.
    expect(m('68 New Rosemary Road')).toMatchObject({ uprn: null, method: 'unmatched' });
    expect(m('68 Rosemary Road')).toMatchObject({ uprn: 29, method: 'matched' });
  });

  it('says which parts agreed', () => {
    const r = m('Flat 4, Beech Court, 5 Station Rd, Northfield, Mastbury', 'MB2 3PL');
    expect(r).toMatchObject({ uprn: 8, method: 'matched' });
    expect(r.reasons).toEqual(expect.arrayContaining(['flat', 'house number', 'street', 'building name', 'locality', 'town', 'postcode (full)']));
    expect(r.score).toBeGreaterThan(60);
    expect(m('27 Mill Lane').reasons).toEqual(['house number', 'street', 'postcode (none)']);
    expect(m('27 Mill Lane', 'MB3 4AB').reasons).toContain('postcode (sector)');
  });

  it('keeps near misses as possible, not matched (precision first)', () => {
    // A slip in the street name with no postcode: likely, but not certain.
    expect(m('27 Mil Lane')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 4 });
    expect(m('27 Mil Lane').reasons).toContain('street (fuzzy)');
    // ...and confident once the postcode agrees.
    expect(m('27 Mil Lane', 'MB3 4RT')).toMatchObject({ uprn: 4, method: 'matched' });
    // A street type left off.
    expect(m('27 Mill, Mastbury')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 4 });
    // "Flat 1" may be the ground floor flat, but a reviewer decides.
    expect(m('Flat 1, 16 Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 17 });
    expect(m('16a Park Road', 'MB4 2NT')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 17 });
    // Part of a range.
    expect(m('10 Market Street', 'MB1 2AB')).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 22 });
    // The postcode points to another district entirely: the text agrees, so a reviewer sees it.
    const elsewhere = m('27 Mill Lane', 'LS1 9ZZ');
    expect(elsewhere).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 4 });
    expect(elsewhere.reasons).toContain('postcode disagrees');
  });
});
