import { describe, it, expect } from 'vitest';
import { addressLabel, searchForm } from './address-text.ts';

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

describe('addressLabel', () => {
  it('reads as one line, flat first', () => {
    expect(
      addressLabel({ subBuilding: 'Flat 4', buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', town: 'Mastbury' }),
    ).toBe('Flat 4, Beech Court, 5 Station Road, Kingsmead, Mastbury');
  });
});
