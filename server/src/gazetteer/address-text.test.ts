import { describe, it, expect } from 'vitest';
import { addressLabel } from './address-text.ts';

describe('addressLabel', () => {
  it('reads as one line, flat first', () => {
    expect(
      addressLabel({ subBuilding: 'Flat 4', buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', town: 'Mastbury' }),
    ).toBe('Flat 4, Beech Court, 5 Station Road, Kingsmead, Mastbury');
  });
});
