import { describe, it, expect } from 'vitest';
import { PlaceIndex, trigrams } from './place-index.ts';

const place = (id: number, nameText: string, locality: string) => ({
  id,
  kind: 'street',
  street: nameText,
  locality,
  town: 'Mastbury',
  buildingName: '',
  nameText,
  searchText: `${nameText} ${locality.toUpperCase()} MASTBURY`,
});

const index = new PlaceIndex(1, [
  place(1, 'ALDER LANE', 'Millbrook'),
  place(2, 'MILL LANE', 'Northfield'),
  place(3, 'ACACIA AVENUE', 'Castlegate'),
  place(4, 'ASH AVENUE', 'Castlegate'),
  place(5, 'BEECH COURT STATION ROAD', 'Kingsmead'),
]);

describe('PlaceIndex', () => {
  it('makes the trigrams pg_trgm makes', () => {
    expect([...trigrams('Mil')].sort()).toEqual(['  m', ' mi', 'il ', 'mil'].sort());
  });
  it('ranks the street the query names above one in a locality that shares its letters', () => {
    expect(index.search('MIL LANE').map((h) => h.id)).toEqual([2, 1]);
  });
  it('tolerates a dropped letter and a partial word', () => {
    expect(index.search('ACAIA AVENUE')[0]!.id).toBe(3);
    expect(index.search('ACAC')[0]!.id).toBe(3);
    expect(index.search('BEECH')[0]!.id).toBe(5);
  });
  it('finds nothing for words that are not there', () => {
    expect(index.search('ZEBRA CROSSING')).toEqual([]);
  });
});
