import { describe, expect, it } from 'vitest';
import { makeList } from './alert-list-fixture.ts';
import { addressMatches, searchAlertList } from './offline-alert-search.ts';

const mill = { label: '27 Mill Lane, Northfield, Mastbury', postcode: 'MB3 4RT' };

describe('addressMatches', () => {
  it('finds an address by the start of its words, as people type them', () => {
    expect(addressMatches('27 Mill Lane', mill)).toBe(true);
    expect(addressMatches('27 mil lane', mill)).toBe(true);
    expect(addressMatches('mill northfield', mill)).toBe(true);
    expect(addressMatches('27, Mill Ln', mill)).toBe(false);
  });
  it('holds a house number to the whole number', () => {
    expect(addressMatches('2 mill lane', mill)).toBe(false);
    expect(addressMatches('27', mill)).toBe(true);
  });
  it('finds by postcode, with or without its space', () => {
    expect(addressMatches('MB3 4RT', mill)).toBe(true);
    expect(addressMatches('mb34rt', mill)).toBe(true);
    expect(addressMatches('mb3', mill)).toBe(true);
    expect(addressMatches('MB3 4RX', mill)).toBe(false);
  });
  it('finds nothing for an empty query', () => {
    expect(addressMatches('  ', mill)).toBe(false);
  });
});

describe('searchAlertList', () => {
  const { alerts } = makeList();
  it('gives one entry per alerted address, with all its alerts', () => {
    const found = searchAlertList(alerts, '27 mil lane');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ uprn: '100000000027', label: mill.label, postcode: 'MB3 4RT' });
    expect(found[0]!.alerts.map((a) => a.id)).toEqual(['a1', 'a2']);
  });
  it('finds nothing for an address without an alert, and skips alerts with no address', () => {
    expect(searchAlertList(alerts, '1 Acacia Avenue')).toEqual([]);
    expect(searchAlertList(alerts, 'mastbury').map((a) => a.uprn)).toEqual(['100000000027', '100000000005']);
  });
});
