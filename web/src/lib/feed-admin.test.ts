import { describe, expect, it } from 'vitest';
import {
  appliedNothing,
  canWatchFeeds,
  feedsLinkLabel,
  formatBytes,
  formatOnTime,
  formatRange,
  formatRowCounts,
  formatUploadCount,
  pageCount,
  pageFromQuery,
} from './feed-admin.ts';

const feed = (state: 'fresh' | 'late' | 'missing') => ({ freshness: { state, asOf: null, lateSince: null, expectedBy: null, text: '' } });

describe('who watches the feeds', () => {
  it('is data stewards and administrators, never front-line roles', () => {
    expect(canWatchFeeds('data-steward')).toBe(true);
    expect(canWatchFeeds('admin')).toBe(true);
    for (const role of ['responder', 'practitioner', 'supervisor', 'ig-officer', 'analyst'] as const) expect(canWatchFeeds(role)).toBe(false);
  });
});

describe('feed admin wording', () => {
  it('says how many feeds need attention', () => {
    expect(feedsLinkLabel(null)).toBe('Partner feeds');
    expect(feedsLinkLabel([feed('fresh'), feed('fresh')])).toBe('Partner feeds');
    expect(feedsLinkLabel([feed('fresh'), feed('late'), feed('missing')])).toBe('Partner feeds (1 late, 1 never received)');
    expect(feedsLinkLabel([feed('late'), feed('late'), feed('fresh')])).toBe('Partner feeds (2 late)');
    expect(feedsLinkLabel([feed('missing'), feed('missing'), feed('fresh')])).toBe('Partner feeds (2 never received)');
    expect(formatOnTime([feed('fresh'), feed('late'), feed('missing'), feed('fresh'), feed('fresh')])).toBe('3 of 5 feeds on time');
  });

  it('says when an upload applied nothing, and why, so the feed stayed as old as it was', () => {
    expect(appliedNothing({ countsAsDelivery: true, rows: 120 })).toBeNull();
    // An incremental file with no rows: nothing happened that day, which is a delivery.
    expect(appliedNothing({ countsAsDelivery: true, rows: 0 })).toBeNull();
    expect(appliedNothing({ countsAsDelivery: false, rows: 3 })).toBe('Applied nothing: every row was rejected');
    expect(appliedNothing({ countsAsDelivery: false, rows: 0 })).toBe('Applied nothing: the file had no rows');
  });

  it('writes sizes and counts plainly', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(14_200)).toBe('14.2 KB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatRowCounts({ rows: 1200, accepted: 1198, rejected: 2 })).toBe('1,200 rows: 1,198 accepted, 2 rejected');
    expect(formatRowCounts({ rows: 1, accepted: 1, rejected: 0 })).toBe('1 row: 1 accepted, 0 rejected');
    expect(formatUploadCount(1)).toBe('1 upload in the last 30 days');
  });

  it('pages', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
    expect(pageFromQuery(null)).toBe(1);
    expect(pageFromQuery('3')).toBe(3);
    expect(pageFromQuery('0')).toBe(1);
    expect(pageFromQuery('two')).toBe(1);
    expect(formatRange(2, 20, 20, 45, 'uploads')).toBe('Uploads 21 to 40 of 45');
    expect(formatRange(1, 20, 0, 0, 'uploads')).toBe('No uploads');
  });
});
