// A national sample (--scale above 1): the borough exactly as at scale 1, then other towns whose
// streets repeat the borough's names (as a country's gazetteer does), in postcode areas of their
// own, with every UPRN and postcode still unique to its address or run of addresses.
import { describe, expect, it } from 'vitest';
import { parsePostcode } from '../matching/address/postcode.ts';
import { buildGazetteer } from './addresses.ts';
import { nationalTowns } from './national.ts';
import { Rng } from './prng.ts';

describe('a national sample', () => {
  const borough = buildGazetteer(1, 1).properties;
  const sample = buildGazetteer(1, 1.6).properties;
  const others = sample.slice(borough.length);

  it('holds the scale-1 borough unchanged, then other towns up to the scale asked for', () => {
    expect(sample.slice(0, borough.length)).toEqual(borough);
    expect(sample.length / borough.length).toBeCloseTo(1.6, 1);
    expect(new Set(others.map((p) => p.town)).size).toBeGreaterThan(1);
    expect(others.some((p) => p.town === 'Mastbury')).toBe(false);
  });

  it('keeps every UPRN unique and every parent real', () => {
    const uprns = new Set(sample.map((p) => p.uprn));
    expect(uprns.size).toBe(sample.length);
    expect(others.filter((p) => p.parentUprn && !uprns.has(p.parentUprn))).toEqual([]);
  });

  it('gives other towns valid postcodes of their own areas, each postcode in one town', () => {
    const townOf = new Map<string, string>();
    const shared: string[] = [];
    for (const p of sample) {
      const seen = townOf.get(p.postcode);
      if (seen !== undefined && seen !== p.town) shared.push(p.postcode);
      townOf.set(p.postcode, p.town);
    }
    expect(shared).toEqual([]);
    expect(others.filter((p) => !parsePostcode(p.postcode)?.valid || p.postcode.startsWith('MB'))).toEqual([]);
  });

  it('repeats common street names across towns, as a country has many High Streets', () => {
    const townsWith = (street: string) => new Set(sample.filter((p) => p.street === street).map((p) => p.town)).size;
    const repeated = ['High Street', 'Station Road', 'Church Road', 'Mill Lane', 'Park Road'].filter((s) => townsWith(s) > 1);
    expect(repeated.length).toBeGreaterThan(0);
  });

  it('plans towns of many sizes in areas of a few towns each, never a real postcode area', () => {
    const towns = nationalTowns(new Rng(1, 'national'), 4_800_000);
    expect(towns.reduce((n, t) => n + t.addresses, 0)).toBe(4_800_000);
    expect(new Set(towns.map((t) => t.name)).size).toBe(towns.length);
    expect(Math.max(...towns.map((t) => t.addresses)) / Math.min(...towns.slice(0, -1).map((t) => t.addresses))).toBeGreaterThan(5);
    const areas = new Set(towns.map((t) => t.area));
    expect(areas.size).toBeGreaterThan(towns.length / 5);
    for (const real of ['B', 'M', 'NE', 'SW', 'BT', 'MB']) expect(areas.has(real)).toBe(false);
  });
});
