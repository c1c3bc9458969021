import { describe, it, expect } from 'vitest';
import { addressLabel } from '../../gazetteer/address-text.ts';
import { SearchIndex, type SearchAddressRow } from './search-index.ts';
import { exhaustive, searchIndex } from './search.ts';

// A small borough holding the look-alikes that misled officers: two Mill Lanes, a Southfield Lane
// in Mill Lane's locality, a New Wheatley Road, a Churchill Tower whose flat 3 reads like
// 3 Churchill Street, a converted house and a block of flats.
let next = 1000;
const rows: SearchAddressRow[] = [];
function add(parts: Partial<SearchAddressRow> & { street: string; postcode: string }, uprn = next++): number {
  const p = { subBuilding: null, buildingName: null, buildingNumber: null, locality: null, town: 'Mastbury', parentUprn: null, ...parts };
  rows.push({ ...p, uprn, label: addressLabel(p) });
  return uprn;
}
const street = (name: string, locality: string, numbers: number[], postcode: (n: number) => string) =>
  Object.fromEntries(numbers.map((n) => [n, add({ buildingNumber: String(n), street: name, locality, postcode: postcode(n) })]));

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
const millLane = street('Mill Lane', 'Northfield', range(1, 30), (n) => (n < 15 ? 'MB3 4RS' : 'MB3 4RT'));
const otherMillLane = street('Mill Lane', 'Millbrook', range(1, 40), () => 'MB11 2AA');
const southfield = street('Southfield Lane', 'Northfield', range(1, 30), () => 'MB4 2YB');
street('Mill Road', 'Northfield', range(1, 30), () => 'MB3 5AL');
const wheatley = street('Wheatley Road', 'Northfield', range(1, 20), () => 'MB3 5TJ');
const newWheatley = street('New Wheatley Road', 'Brackenhurst', range(1, 20), () => 'MB10 0LX');
const churchill = street('Churchill Street', 'Castlegate', range(1, 10), () => 'MB1 5BE');
const tower = add({ buildingName: 'Churchill Tower', street: 'Quarry Street', locality: 'Whitcombe', postcode: 'MB9 4BL' });
const towerFlats = Object.fromEntries(
  range(1, 8).map((n) => [n, add({ parentUprn: tower, subBuilding: `Flat ${n}`, buildingName: 'Churchill Tower', street: 'Quarry Street', locality: 'Whitcombe', postcode: 'MB9 4BL' })]),
);
street('Acacia Avenue', 'Castlegate', [...range(1, 16), ...range(18, 24)], () => 'MB1 1AA');
const seventeen = add({ buildingNumber: '17', street: 'Acacia Avenue', locality: 'Castlegate', postcode: 'MB1 1AA' });
const flatA = add({ parentUprn: seventeen, subBuilding: 'Flat A', buildingNumber: '17', street: 'Acacia Avenue', locality: 'Castlegate', postcode: 'MB1 1AA' });
const flatB = add({ parentUprn: seventeen, subBuilding: 'Flat B', buildingNumber: '17', street: 'Acacia Avenue', locality: 'Castlegate', postcode: 'MB1 1AA' });
const beech = add({ buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', postcode: 'MB2 3PL' });
const beechFlats = Object.fromEntries(
  range(1, 12).map((n) => [n, add({ parentUprn: beech, subBuilding: `Flat ${n}`, buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', postcode: 'MB2 3PL' })]),
);
const station = street('Station Road', 'Kingsmead', [1, 2, 3, 4, 6, 7], () => 'MB2 3PL');
const saintMarys = street("St Mary's Road", 'Castlegate', range(1, 12), () => 'MB1 7QD');
// A tower with no number on Wheatley Road, whose flat 16 shares the house's number; a named house.
const norbury = add({ buildingName: 'Norbury Tower', street: 'Wheatley Road', locality: 'Northfield', postcode: 'MB3 5TL' });
const norbury16 = add({ parentUprn: norbury, subBuilding: 'Flat 16', buildingName: 'Norbury Tower', street: 'Wheatley Road', locality: 'Northfield', postcode: 'MB3 5TL' });
const forge = add({ buildingName: 'The Old Forge', street: 'Mill Road', locality: 'Northfield', postcode: 'MB3 5AL' });

const index = new SearchIndex(1, rows);
const search = (q: string, offset = 0, limit = 10) => {
  const page = searchIndex(index, q, offset, limit);
  return { ...page, uprns: page.hits.map((h) => index.addresses[h.address]!.row.uprn), labels: page.hits.map((h) => index.addresses[h.address]!.row.label) };
};
const first = (q: string) => search(q).uprns[0];

describe('address search: a whole typed address finds its house first', () => {
  it('as mast prints it, and opens it from the search key', () => {
    const r = search('27 Mill Lane, Northfield, Mastbury');
    expect(r.uprns[0]).toBe(millLane[27]);
    expect(r.clearFirst).toBe(true);
  });

  it('number, street and locality in lower case: not the Southfield Lane of that locality', () => {
    const r = search('27 mill lane northfield');
    expect(r.uprns[0]).toBe(millLane[27]);
    expect(r.uprns).not.toContain(southfield[27]);
    expect(r.clearFirst).toBe(true);
  });

  it('with its own postcode, over a street whose name holds the typed one', () => {
    expect(first('16 Wheatley Road, Mastbury MB3 5TJ')).toBe(wheatley[16]);
    // Without the postcode the whole street name still outranks New Wheatley Road.
    const r = search('16 Wheatley Road');
    expect(r.uprns.slice(0, 2)).toEqual([wheatley[16], newWheatley[16]]);
  });

  it('the house a number names, not the flat of that number in a tower of that name', () => {
    expect(first('3 Churchill Street, Mastbury MB1 5BE')).toBe(churchill[3]);
    expect(first('3 churchill st')).toBe(churchill[3]);
    expect(first('Flat 3, Churchill Tower')).toBe(towerFlats[3]);
  });

  it('street abbreviations, punctuation and Saint', () => {
    expect(first('27 MILL LN., NORTHFIELD')).toBe(millLane[27]);
    expect(first("4 St Marys Rd")).toBe(saintMarys[4]);
    expect(first("4 st. mary's road mb1 7qd")).toBe(saintMarys[4]);
  });

  it('flats written as "Flat B, 17", "B/17"-style "2/5", "17B" and "Flat 4, Beech Court"', () => {
    expect(first('Flat B, 17 Acacia Avenue')).toBe(flatB);
    expect(first('17B Acacia Avenue')).toBe(flatB);
    expect(first('17a acacia ave MB1 1AA')).toBe(flatA);
    expect(first('2/5 Station Road')).toBe(beechFlats[2]);
    expect(first('Flat 2, 5 Station Road')).toBe(beechFlats[2]);
    expect(first('flat 4 beech crt')).toBe(beechFlats[4]);
    expect(search('17B Acacia Avenue').clearFirst).toBe(true);
  });

  it('a number on a street is its house, before the flat of that number in a tower named nowhere in the query', () => {
    const r = search('16 Wheatley Road, Northfield');
    expect(r.uprns[0]).toBe(wheatley[16]);
    expect(r.clearFirst).toBe(true);
    expect(first('Flat 16, Norbury Tower, Wheatley Road')).toBe(norbury16);
    expect(first('16 Norbury Tower')).toBe(norbury16);
  });

  it('a named house by its whole name, opened by the search key', () => {
    const r = search('The Old Forge, Mill Road, Northfield');
    expect(r.uprns[0]).toBe(forge);
    expect(r.clearFirst).toBe(true);
  });

  it('a slip in the street or the postcode', () => {
    expect(first('27 Mill Lnae, Northfield')).toBe(millLane[27]);
    expect(first('16 Wheatly Road MB3 5TJ')).toBe(wheatley[16]);
    expect(first('16 Wheatley Road MB3 5JT')).toBe(wheatley[16]); // two letters swapped
    expect(first('27 Mill Lane MB3 4RY')).toBe(millLane[27]); // a postcode mast does not have
  });

  it('two words typed as one', () => {
    expect(first('27 millane northfield')).toBe(millLane[27]);
    expect(first('27 milllane, northfield')).toBe(millLane[27]);
    expect(first('2 stationroad')).toBe(station[2]);
  });

  it('partials as the user types', () => {
    expect(search('27 Mill La').uprns.slice(0, 2).sort()).toEqual([millLane[27], otherMillLane[27]].sort());
    expect(first('27 Mill Lane, North')).toBe(millLane[27]);
    expect(first('16 Wheatl')).toBe(wheatley[16]);
    expect(search('27 mil').uprns).toContain(millLane[27]);
  });
});

describe('address search: lists in order, and says how many', () => {
  it('a postcode lists all its addresses in house-number order', () => {
    const r = search('MB3 4RT', 0, 50);
    expect(r.total).toBe(16);
    expect(r.uprns).toEqual(range(15, 30).map((n) => millLane[n]));
    expect(search('mb34rt').total).toBe(16);
  });

  it('the start of a postcode lists what starts so', () => {
    const r = search('MB3 4', 0, 50);
    expect(r.total).toBe(30);
    expect(r.uprns).toEqual(range(1, 30).map((n) => millLane[n]));
  });

  it('a street lists its numbers in order, and more than ten a page at a time', () => {
    const r = search('mill lane northfield');
    expect(r.total).toBe(30);
    expect(r.uprns).toEqual(range(1, 10).map((n) => millLane[n]));
    expect(search('mill lane northfield', 10).uprns).toEqual(range(11, 20).map((n) => millLane[n]));
    expect(search('mill lane northfield', 28).uprns).toEqual([millLane[29], millLane[30]]);
  });

  it('two streets of one name: both listed, and the search key does not choose between them', () => {
    const r = search('27 mill lane');
    expect(r.uprns.slice(0, 2).sort()).toEqual([millLane[27], otherMillLane[27]].sort());
    expect(r.clearFirst).toBe(false);
  });

  it('a block lists itself, then its flats in order', () => {
    const r = search('beech court', 0, 20);
    expect(r.uprns).toEqual([beech, ...range(1, 12).map((n) => beechFlats[n])]);
    expect(r.clearFirst).toBe(false);
  });

  it('the house typed leads, with its own flats after it; the search key opens the house', () => {
    const r = search('17 Acacia Avenue');
    expect(r.uprns.slice(0, 3)).toEqual([seventeen, flatA, flatB]);
    expect(r.clearFirst).toBe(true);
  });
});

describe('address search: refuses to guess', () => {
  it('a number alone, or words that name nothing here, find nothing', () => {
    expect(search('27').total).toBe(0);
    expect(search('Flat 3').total).toBe(0);
    expect(search('zebra crossing').total).toBe(0);
  });

  it('a house number the street does not have: the street in order, none opened', () => {
    const r = search('99 Wheatley Road');
    expect(r.uprns[0]).toBe(wheatley[1]);
    expect(r.clearFirst).toBe(false);
  });

  it('a street alone is never opened by the search key', () => {
    expect(search('Wheatley Road, Northfield').clearFirst).toBe(false);
    expect(search('MB3 5TJ').clearFirst).toBe(false);
  });
});

describe('address search: pages far down the list', () => {
  it('agree with the first pages, however far the officer goes', () => {
    const all = search('mastbury', 0, 50).uprns.concat(search('mastbury', 50, 50).uprns, search('mastbury', 100, 50).uprns);
    const far = search('mastbury', 60, 30).uprns;
    expect(far).toEqual(all.slice(60, 90));
    expect(new Set(all).size).toBe(all.length);
    expect(search('mastbury', 0, 10).uprns).toEqual(all.slice(0, 10));
  });
});

describe('address search: the shortcuts answer as scoring every address does', () => {
  // A first page of words alone is picked place by place (place-page.ts), and with a number or flat
  // typed only the houses that might agree are scored (mightAgree); exhaustive turns both off.
  const hide = new Set([beechFlats[3]!, norbury16, station[2]!, millLane[3]!]);
  const queries = [
    'station road', 'station', 'beech court', 'churchill', 'mill', 'mil', 'wheatley road', 'northfield', 'mastbury', 'st',
    '3 mill', '3 m', '17 acacia', '17a acacia', 'flat 3, beech', 'flat 3, station road', 'flat 2, kingsmead', 'flat a, castlegate', 'flat b castlegate', 'flat 3, churchill', '16 wheatley', '5 beech', '4 beech court', '2-4 station', '3 c', 'flat b 17 acacia',
  ];
  const both = (q: string, hidden: ReadonlySet<number>, limit: number) => {
    const fast = searchIndex(index, q, 0, limit, hidden);
    exhaustive.on = true;
    try {
      return { fast, slow: searchIndex(index, q, 0, limit, hidden) };
    } finally {
      exhaustive.on = false;
    }
  };
  it.each(queries)('%s: the same page, count and hidden attempts', (q) => {
    for (const hidden of [new Set<number>(), hide]) {
      const { fast, slow } = both(q, hidden, 10);
      expect(fast.total).toBe(slow.total);
      expect(fast.hits.map((h) => [h.address, h.score])).toEqual(slow.hits.map((h) => [h.address, h.score]));
      expect(fast.clearFirst).toBe(slow.clearFirst);
      expect(fast.hiddenNamed).toEqual(slow.hiddenNamed);
    }
    expect(searchIndex(index, q).total).toBeGreaterThan(0);
  });

  it('a block on the street typed is counted once, with its flats, and a hidden flat not at all', () => {
    const all = searchIndex(index, 'station road', 0, 10);
    const hidden = searchIndex(index, 'station road', 0, 10, hide);
    // Station Road: six houses, Beech Court (on it, named as a building too) and its twelve flats.
    expect(all.total).toBe(6 + 1 + 12);
    expect(hidden.total).toBe(all.total - 2);
  });
});
