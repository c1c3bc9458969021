import { describe, it, expect } from 'vitest';
import { feedbackOf, isSaneModel, PersonLinker, streetKeyOf } from './person-linker.ts';
import { modelFromJson, newModel, PersonIndex, type LinkageModel, type PersonRecord } from './people/index.ts';
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

describe('stewards’ decisions fed back to the model', () => {
  const model = () => ({ ...modelFromJson(JSON.stringify(DEFAULT_MODEL)), termFrequency: false });
  const twin = (id: string, givenName: string, familyName = 'Davies'): PersonRecord => ({ id, givenName, familyName, dateOfBirth: '2012-09-30', sex: 'F', postcode: 'MB3 4RT', uprn: '7' });

  it('counts the decided pairs whose records are still known, by pattern', () => {
    const people = [twin('a', 'Olivia'), twin('b', 'Poppy'), twin('c', 'Isla', 'Hughes'), twin('d', 'Emma', 'Hughes')];
    const patterns = feedbackOf(model(), people, [
      { a: 'a', b: 'b', decision: 'different' },
      { a: 'c', b: 'd', decision: 'different' },
      { a: 'a', b: 'gone', decision: 'same' },
    ]);
    expect(patterns).toHaveLength(1);
    expect(patterns![0]).toMatchObject({ same: 0, different: 2 });
    expect(feedbackOf(model(), people, [])).toBeUndefined();
  });

  it('takes twins off the queue once stewards have kept enough twins apart', () => {
    const before = model();
    const index = (m: LinkageModel) => {
      const ix = new PersonIndex(m);
      ix.add(twin('x1', 'Amelia', 'Shaw'));
      return ix;
    };
    const probe = twin('x2', 'Grace', 'Shaw');
    expect(index(before).match(probe, 1)[0]!.band).toBe('possible');
    const decided = Array.from({ length: 8 }, (_, k) => [twin(`p${k}`, 'Olivia', `F${k}`), twin(`q${k}`, 'Poppy', `F${k}`)] as const);
    const after = { ...before, feedback: feedbackOf(before, decided.flat(), decided.map(([a, b]) => ({ a: a.id, b: b.id, decision: 'different' }))) };
    expect(index(after).match(probe, 1)[0]!.band).toBe('not-linked');
  });
});
