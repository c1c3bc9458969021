import { describe, it, expect } from 'vitest';
import { addressLabel, parseAddressQuery, searchForm } from './address-text.ts';

describe('searchForm', () => {
  it('writes out abbreviations and drops punctuation', () => {
    expect(searchForm('27 Mill Ln.')).toBe('27 MILL LANE');
    expect(searchForm('Beech Crt, Station Rd')).toBe('BEECH COURT STATION ROAD');
  });
  it('reads ST as Saint at the start of a name and Street after a word', () => {
    expect(searchForm("12 St Mary's Rd")).toBe('12 SAINT MARYS ROAD');
    expect(searchForm('st marys')).toBe('SAINT MARYS');
    expect(searchForm('10 High St')).toBe('10 HIGH STREET');
  });
});

describe('parseAddressQuery', () => {
  it.each([
    ['27 mil lane', { words: 'MIL LANE', houseNumber: '27', postcodePrefix: null }],
    ['flat 4 beech crt', { words: 'BEECH COURT', houseNumber: '4', postcodePrefix: null }],
    ['2/10 High St', { words: 'HIGH STREET', houseNumber: '2', postcodePrefix: null }],
    ['acacia av', { words: 'ACACIA AVENUE', houseNumber: null, postcodePrefix: null }],
    ['mb3 4rt', { words: null, houseNumber: null, postcodePrefix: 'MB34RT' }],
    ['MB3 4', { words: null, houseNumber: null, postcodePrefix: 'MB34' }],
    ['27', { words: null, houseNumber: '27', postcodePrefix: null }],
  ])('%s', (query, parsed) => {
    expect(parseAddressQuery(query)).toEqual(parsed);
  });
});

describe('addressLabel', () => {
  it('reads as one line, flat first', () => {
    expect(
      addressLabel({ subBuilding: 'Flat 4', buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', town: 'Mastbury' }),
    ).toBe('Flat 4, Beech Court, 5 Station Road, Kingsmead, Mastbury');
  });
});
