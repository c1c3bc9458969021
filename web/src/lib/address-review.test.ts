import type { AddressReviewItem } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import {
  addressDecisionEffect,
  addressDecisionLabel,
  addressReviewLinkLabel,
  formatAgencies,
  formatOpenAddressCount,
  formatRecords,
  nextOpenItemId,
  reasonLabel,
  summariseReasons,
} from './address-review.ts';

describe('reasons in words', () => {
  it('spells out the matcher’s shorthand, and starts anything else with a capital', () => {
    expect(reasonLabel('street (fuzzy)')).toBe('Street (spelt slightly differently)');
    expect(reasonLabel('postcode (none)')).toBe('Postcode (none sent)');
    expect(reasonLabel('house number')).toBe('House number');
    expect(reasonLabel('')).toBe('Not explained');
  });

  it('adds the verdicts up', () => {
    expect(
      summariseReasons([
        { text: 'house number', verdict: 'agrees' },
        { text: 'street (fuzzy)', verdict: 'partly' },
        { text: 'postcode (none)', verdict: 'missing' },
      ]),
    ).toBe('1 part agrees, 1 partly, 1 not sent');
    expect(
      summariseReasons([
        { text: 'house number', verdict: 'agrees' },
        { text: 'street', verdict: 'agrees' },
        { text: 'postcode disagrees', verdict: 'against' },
      ]),
    ).toBe('2 parts agree, 1 against');
  });
});

describe('words for the address queue', () => {
  it('counts records and names the agencies behind them', () => {
    expect(formatRecords(1)).toBe('1 record');
    expect(formatRecords(30)).toBe('30 records');
    expect(
      formatAgencies([
        { agency: 'police', agencyName: 'Police', rows: 3 },
        { agency: 'nhs', agencyName: 'NHS A&E', rows: 1 },
      ]),
    ).toBe('Police 3, NHS A&E 1');
  });

  it('counts open addresses, with the empty state in words, and labels the search page link', () => {
    expect(formatOpenAddressCount(0)).toBe('No addresses waiting for review');
    expect(formatOpenAddressCount(1)).toBe('1 address waiting for review');
    expect(formatOpenAddressCount(7)).toBe('7 addresses waiting for review');
    expect(addressReviewLinkLabel(null)).toBe('Review addresses');
    expect(addressReviewLinkLabel(2)).toBe('Review addresses (2)');
  });

  it('names decisions and what they did', () => {
    expect(addressDecisionLabel('same')).toBe('Same address');
    expect(addressDecisionLabel('different')).toBe('Not this address');
    expect(addressDecisionLabel('open')).toBe('Not decided yet');
    expect(addressDecisionEffect({ status: 'same', rows: 4 })).toBe('4 records now show at this address.');
    expect(addressDecisionEffect({ status: 'same', rows: 1 })).toBe('1 record now shows at this address.');
    expect(addressDecisionEffect({ status: 'different', rows: 2 })).toBe('2 records stay off this address.');
  });
});

describe('nextOpenItemId', () => {
  const item = (id: string, rows: number, score: number, status: AddressReviewItem['status'] = 'open') => ({ id, rows, score, status });

  it('takes the item after the current one in queue order (most records, then score, then lowest id)', () => {
    const queue = [item('5', 30, 45), item('7', 2, 55), item('3', 2, 55), item('9', 2, 40)];
    expect(nextOpenItemId(queue, { id: '5', rows: 30, score: 45 })).toBe('3');
    expect(nextOpenItemId(queue, { id: '3', rows: 2, score: 55 })).toBe('7');
    expect(nextOpenItemId(queue, { id: '7', rows: 2, score: 55 })).toBe('9');
  });

  it('starts again from the top after the last, skips decided items, and says when none is left', () => {
    expect(nextOpenItemId([item('2', 9, 50), item('8', 1, 40)], { id: '9', rows: 1, score: 35 })).toBe('2');
    expect(nextOpenItemId([item('1', 5, 50, 'same'), item('4', 1, 40)], { id: '4', rows: 1, score: 40 })).toBeNull();
    expect(nextOpenItemId([], { id: '4', rows: 1, score: 40 })).toBeNull();
  });
});
