import { describe, it, expect } from 'vitest';
import { buildAddressMatcher, type GazetteerEntry } from './address-match.ts';

const base = { buildingName: null, locality: 'Northfield', town: 'Mastbury' };
const gazetteer: GazetteerEntry[] = [
  { ...base, uprn: 1, subBuilding: null, buildingNumber: '10', street: 'High Street', postcode: 'MB1 1AA' },
  { ...base, uprn: 2, subBuilding: 'Flat 2', buildingNumber: '10', street: 'High Street', postcode: 'MB1 1AA' },
  { ...base, uprn: 3, subBuilding: null, buildingNumber: '27', street: 'Mill Lane', postcode: 'MB3 4RT' },
  { ...base, uprn: 4, subBuilding: 'Flat 4', buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', postcode: 'MB2 3PL' },
  // The same street name in two localities: only the postcode can tell them apart.
  { ...base, uprn: 5, subBuilding: null, buildingNumber: '1', street: 'Church Road', postcode: 'MB5 1AB' },
  { ...base, uprn: 6, subBuilding: null, buildingNumber: '1', street: 'Church Road', postcode: 'MB7 2CD', locality: 'Southgate' },
];
const matcher = buildAddressMatcher(gazetteer);

describe('matchAddress (normalised exact comparison)', () => {
  it('uses a UPRN the partner sent when the gazetteer has it', () => {
    expect(matcher.match({ uprn: '3' })).toEqual({ uprn: 3, method: 'given' });
  });

  it.each([
    ['27 Mill Lane', 3],
    ['27 MILL LN', 3],
    ['27, Mill Lane, Northfield, Mastbury', 3],
    ['Flat 2, 10 High Street', 2],
    ['2/10 High St', 2],
    ['Flat 4, Beech Court, 5 Station Rd', 4],
    ['Flat 4 Beech Court', 4],
    ['4 Beech Court, 5 Station Road, MB2 3PL', 4],
  ])('matches %s', (address, uprn) => {
    expect(matcher.match({ address })).toEqual({ uprn, method: 'matched' });
  });

  it('falls back to the address when a sent UPRN is not in the gazetteer', () => {
    expect(matcher.match({ uprn: '999', address: '27 Mill Lane' })).toEqual({ uprn: 3, method: 'matched' });
  });

  it('narrows a shared street address by postcode, and refuses to guess without one', () => {
    expect(matcher.match({ address: '1 Church Road', postcode: 'mb71cd' })).toEqual({ uprn: null, method: 'unmatched' });
    expect(matcher.match({ address: '1 Church Road', postcode: 'MB7 2CD' })).toEqual({ uprn: 6, method: 'matched' });
    expect(matcher.match({ address: '1 Church Road' })).toEqual({ uprn: null, method: 'unmatched' });
  });

  it('leaves an unknown address unmatched rather than guessing', () => {
    expect(matcher.match({ address: '28 Mill Lane' })).toEqual({ uprn: null, method: 'unmatched' });
    expect(matcher.match({})).toEqual({ uprn: null, method: 'unmatched' });
  });
});
