import type { ReviewPair, ReviewRecord } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import {
  barShare,
  canReview,
  compareRecords,
  decisionLabel,
  evidenceDirection,
  formatLikelihood,
  formatOpenCount,
  formatProbability,
  formatWeight,
  nextOpenPairId,
  recordName,
  reviewLinkLabel,
  strongestWeight,
} from './review.ts';

const SANDRA: ReviewRecord = {
  recordId: '11',
  agency: 'police',
  agencyName: 'Police',
  givenName: 'Sandra',
  familyName: 'Kelly',
  dateOfBirth: '1971-03-14',
  sex: 'F',
  address: '27 Mill Lane',
  postcode: 'MB3 4RT',
  hasNhsNumber: false,
};

describe('canReview', () => {
  it('lets data stewards in, nobody else', () => {
    expect(canReview('data-steward')).toBe(true);
    for (const role of ['admin', 'responder', 'practitioner', 'supervisor', 'ig-officer', 'analyst'] as const) expect(canReview(role)).toBe(false);
  });
});

describe('formatProbability', () => {
  it('rounds to a whole percentage', () => {
    expect(formatProbability(0.874)).toBe('87%');
    expect(formatProbability(0.5)).toBe('50%');
    expect(formatProbability(1)).toBe('100%');
    expect(formatProbability(0)).toBe('0%');
  });

  it('never rounds a near-certainty to 0% or 100%', () => {
    expect(formatProbability(0.996)).toBe('over 99%');
    expect(formatProbability(0.004)).toBe('under 1%');
  });

  it('says so when the number is unreadable', () => {
    expect(formatProbability(Number.NaN)).toBe('?');
  });

  it('reads as a sentence', () => {
    expect(formatLikelihood(0.62)).toBe('62% likely the same person');
  });
});

describe('formatWeight', () => {
  it('signs every non-zero weight, with a true minus sign', () => {
    expect(formatWeight(3.24)).toBe('+3.2');
    expect(formatWeight(-1.5)).toBe('\u22121.5');
    expect(formatWeight(2)).toBe('+2.0');
    expect(formatWeight(0)).toBe('0');
  });

  it('does not show "-0.0" for a weight that rounds to nothing', () => {
    expect(formatWeight(-0.01)).toBe('0');
    expect(formatWeight(0.04)).toBe('0');
  });
});

describe('evidence direction and bars', () => {
  it('reads the sign of a weight', () => {
    expect(evidenceDirection(4.1)).toBe('for');
    expect(evidenceDirection(-0.3)).toBe('against');
    expect(evidenceDirection(0)).toBe('missing');
  });

  it('scales bars to the strongest weight either way', () => {
    const weights = [4, -8, 0, 2];
    expect(strongestWeight(weights)).toBe(8);
    expect(barShare(4, 8)).toBe(0.5);
    expect(barShare(-8, 8)).toBe(1);
    expect(barShare(0, 8)).toBe(0);
    expect(barShare(3, 0)).toBe(0);
  });
});

describe('compareRecords', () => {
  it('lines the fields up in one order and marks what differs', () => {
    const other: ReviewRecord = {
      ...SANDRA,
      recordId: '12',
      agency: 'nhs',
      agencyName: 'NHS',
      givenName: 'SANDRA ',
      dateOfBirth: '1971-03-15',
      postcode: 'mb34rt',
      address: null,
      hasNhsNumber: true,
    };
    const rows = compareRecords(SANDRA, other);
    expect(rows.map((row) => row.key)).toEqual([
      'given_name',
      'family_name',
      'date_of_birth',
      'sex',
      'address',
      'postcode',
      'nhs_number',
    ]);
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.given_name?.agreement).toBe('same');
    expect(byKey.family_name?.agreement).toBe('same');
    expect(byKey.date_of_birth).toMatchObject({ a: '14 Mar 1971', b: '15 Mar 1971', agreement: 'differs' });
    expect(byKey.sex).toMatchObject({ a: 'Female', b: 'Female', agreement: 'same' });
    expect(byKey.address).toMatchObject({ a: '27 Mill Lane', b: null, agreement: 'missing' });
    expect(byKey.postcode?.agreement).toBe('same');
    expect(byKey.nhs_number).toMatchObject({ a: null, b: 'Recorded (not shown)', agreement: 'hidden' });
  });

  it('treats a missing sex as missing, not as a difference', () => {
    const rows = compareRecords(SANDRA, { ...SANDRA, sex: null });
    expect(rows.find((row) => row.key === 'sex')).toMatchObject({ a: 'Female', b: null, agreement: 'missing' });
  });
});

describe('words for the queue', () => {
  it('counts open pairs, with the empty state in words', () => {
    expect(formatOpenCount(0)).toBe('No matches waiting for review');
    expect(formatOpenCount(1)).toBe('1 match waiting for review');
    expect(formatOpenCount(12)).toBe('12 matches waiting for review');
  });

  it('labels the search page link', () => {
    expect(reviewLinkLabel(null)).toBe('Review matches');
    expect(reviewLinkLabel(0)).toBe('Review matches (0)');
    expect(reviewLinkLabel(4)).toBe('Review matches (4)');
  });

  it('names decisions and records', () => {
    expect(decisionLabel('same')).toBe('Same person');
    expect(decisionLabel('different')).toBe('Different people');
    expect(decisionLabel('open')).toBe('Not decided yet');
    expect(recordName(SANDRA)).toBe('Sandra Kelly');
  });
});

describe('nextOpenPairId', () => {
  const pair = (id: string, probability: number, status: ReviewPair['status'] = 'open') => ({ id, probability, status });

  it('takes the pair after the current one in queue order (likeliest first, then lowest id)', () => {
    const queue = [pair('5', 0.9), pair('7', 0.6), pair('3', 0.6), pair('9', 0.4)];
    expect(nextOpenPairId(queue, { id: '5', probability: 0.9 })).toBe('3');
    expect(nextOpenPairId(queue, { id: '3', probability: 0.6 })).toBe('7');
    expect(nextOpenPairId(queue, { id: '7', probability: 0.6 })).toBe('9');
  });

  it('works when the decided pair has already left the list', () => {
    const queue = [pair('2', 0.95), pair('8', 0.5)];
    expect(nextOpenPairId(queue, { id: '4', probability: 0.7 })).toBe('8');
  });

  it('starts again from the top after the last pair', () => {
    const queue = [pair('2', 0.95), pair('8', 0.5)];
    expect(nextOpenPairId(queue, { id: '9', probability: 0.3 })).toBe('2');
  });

  it('skips decided pairs and the current one, and says when none is left', () => {
    expect(nextOpenPairId([pair('1', 0.8, 'same'), pair('4', 0.7)], { id: '4', probability: 0.7 })).toBeNull();
    expect(nextOpenPairId([], { id: '4', probability: 0.7 })).toBeNull();
  });

  it('compares ids as numbers, not as text', () => {
    const queue = [pair('10', 0.5), pair('9', 0.5)];
    expect(nextOpenPairId(queue, { id: '1', probability: 0.5 })).toBe('9');
  });
});
