import { describe, it, expect } from 'vitest';
import { isSaneModel, PersonLinker, streetKeyOf } from './person-linker.ts';
import { modelFromJson, newModel, PersonIndex } from './people/index.ts';
import DEFAULT_MODEL from './people/default-model.json' with { type: 'json' };

describe('isSaneModel', () => {
  it('accepts the starting model shipped with mast', () => {
    expect(isSaneModel(modelFromJson(JSON.stringify(DEFAULT_MODEL)))).toBe(true);
  });
  it('refuses an untrained model, which cannot tell a match from a stranger', () => {
    expect(isSaneModel(newModel())).toBe(false);
  });
});

describe('the street key a linked record keeps', () => {
  it('is what streetKeyOf reads from the address, for every way partners write one', () => {
    const linker = new PersonLinker(new PersonIndex(modelFromJson(JSON.stringify(DEFAULT_MODEL))), [], []);
    const addresses = ['10 High St.', 'Flat 2, 10 High Street', '2/10 High St', 'St Mary\'s Road 4', '27 MILL LN, Mastbury', 'Rose Cottage', '', undefined, '12a Station Rd', 'Flat B 5 Beech Court'];
    let id = 1;
    addresses.forEach((street, k) => {
      const o = linker.link({ feed: 'police', sourceId: `P-${k}`, givenName: 'Ann', familyName: `Lee${k}`, dateOfBirth: '1980-01-01', street }, () => id++);
      expect(o.streetKey, String(street)).toBe(streetKeyOf(street));
    });
    expect(addresses.map((a) => streetKeyOf(a)).filter((k) => k !== null).length).toBeGreaterThan(5);
  });
});
