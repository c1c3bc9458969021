import { describe, expect, it } from 'vitest';
import { AGENCIES, FEED_IDS, type FeedSchedule } from './agencies.ts';
import {
  describeFreshness,
  describeSchedule,
  describeWhen,
  feedFreshness,
  feedStatus,
  fromLondonTime,
  scheduleProblems,
  toLondonTime,
} from './feed-freshness.ts';

const DAILY: FeedSchedule = { every: 'day', by: '07:00', graceMinutes: 60 };
const WEEKDAYS: FeedSchedule = { every: 'weekdays', by: '08:00', graceMinutes: 60 };
const WEEKLY: FeedSchedule = { every: 'week', on: 'mon', by: '07:00', graceMinutes: 120 };
const at = (iso: string) => new Date(iso);
const ms = (iso: string, delta: number) => new Date(new Date(iso).getTime() + delta);

describe('feedFreshness', () => {
  it('is missing when no file has ever come', () => {
    expect(feedFreshness(DAILY, undefined, at('2026-11-20T09:00:00Z'))).toEqual({ state: 'missing', asOf: null, expectedBy: null });
    expect(feedFreshness(DAILY, null, at('2026-11-20T09:00:00Z')).state).toBe('missing');
  });

  it("is fresh until the end of the next day's grace, and late from the instant after", () => {
    const file = at('2026-11-23T06:10:00Z'); // Monday 06:10 GMT, before the 07:00 due time
    expect(feedFreshness(DAILY, file, at('2026-11-23T09:00:00Z'))).toEqual({
      state: 'fresh',
      asOf: file,
      expectedBy: at('2026-11-24T07:00:00Z'),
    });
    expect(feedFreshness(DAILY, file, at('2026-11-24T07:59:59.999Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, file, at('2026-11-24T08:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, file, at('2026-11-24T08:00:00.001Z'))).toEqual({
      state: 'late',
      asOf: file,
      lateSince: at('2026-11-24T08:00:00Z'),
      expectedBy: at('2026-11-24T07:00:00Z'),
    });
  });

  it('counts a file in the grace period towards that day, not the next', () => {
    const file = at('2026-11-23T07:59:00Z');
    expect(feedFreshness(DAILY, file, at('2026-11-24T08:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, file, at('2026-11-24T08:01:00Z')).state).toBe('late');
  });

  it("does not let a late file or a resend stand in for the next day's", () => {
    // 10:00 Monday is after Monday's grace but before halfway to Tuesday's: Monday's late file.
    const late = at('2026-11-23T10:00:00Z');
    expect(feedFreshness(DAILY, late, at('2026-11-23T12:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, late, ms('2026-11-24T08:00:00Z', 1))).toMatchObject({ state: 'late', lateSince: at('2026-11-24T08:00:00Z') });
    // Halfway between Monday's 08:00 and Tuesday's 08:00 is 20:00: up to then, still Monday's.
    expect(feedFreshness(DAILY, at('2026-11-23T20:00:00Z'), ms('2026-11-24T08:00:00Z', 1)).state).toBe('late');
    // After halfway, a file is early for Tuesday (a nightly extract at 23:15).
    const nightly = at('2026-11-23T23:15:00Z');
    expect(feedFreshness(DAILY, at('2026-11-23T20:00:01Z'), ms('2026-11-24T08:00:00Z', 1)).state).toBe('fresh');
    expect(feedFreshness(DAILY, nightly, at('2026-11-25T08:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, nightly, ms('2026-11-25T08:00:00Z', 1)).state).toBe('late');
  });

  it('counts days and due times in UK time, in summer too', () => {
    // 07:00 BST is 06:00 UTC; the grace ends at 07:00 UTC.
    const file = at('2026-07-10T05:10:00Z');
    expect(feedFreshness(DAILY, file, at('2026-07-11T07:00:00Z'))).toMatchObject({ state: 'fresh', expectedBy: at('2026-07-11T06:00:00Z') });
    expect(feedFreshness(DAILY, file, ms('2026-07-11T07:00:00Z', 1))).toMatchObject({ state: 'late', lateSince: at('2026-07-11T07:00:00Z') });
  });

  it('moves the due time with the clocks on the morning they change', () => {
    // Sunday 29 March 2026: the clocks go forward at 01:00 UTC; 07:00 that day is 06:00 UTC.
    const spring = at('2026-03-28T06:10:00Z');
    expect(feedFreshness(DAILY, spring, at('2026-03-29T07:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, spring, ms('2026-03-29T07:00:00Z', 1))).toMatchObject({ state: 'late', lateSince: at('2026-03-29T07:00:00Z') });
    // Sunday 25 October 2026: back to GMT; 07:00 that day is 07:00 UTC.
    const autumn = at('2026-10-24T05:10:00Z');
    expect(feedFreshness(DAILY, autumn, at('2026-10-25T08:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(DAILY, autumn, ms('2026-10-25T08:00:00Z', 1)).state).toBe('late');
  });

  it('expects nothing at the weekend from a Monday-to-Friday feed', () => {
    const friday = at('2026-11-20T07:30:00Z'); // in Friday's grace
    expect(feedFreshness(WEEKDAYS, friday, at('2026-11-22T23:00:00Z')).state).toBe('fresh');
    expect(feedFreshness(WEEKDAYS, friday, at('2026-11-23T09:00:00Z'))).toMatchObject({ state: 'fresh', expectedBy: at('2026-11-23T08:00:00Z') });
    expect(feedFreshness(WEEKDAYS, friday, ms('2026-11-23T09:00:00Z', 1))).toMatchObject({ state: 'late', lateSince: at('2026-11-23T09:00:00Z') });
    // A file on Sunday evening is Monday's, early.
    expect(feedFreshness(WEEKDAYS, at('2026-11-22T21:00:00Z'), at('2026-11-23T12:00:00Z')).state).toBe('fresh');
  });

  it('expects a weekly feed once a week', () => {
    const monday = at('2026-11-23T06:30:00Z');
    expect(feedFreshness(WEEKLY, monday, at('2026-11-30T09:00:00Z'))).toMatchObject({ state: 'fresh', expectedBy: at('2026-11-30T07:00:00Z') });
    expect(feedFreshness(WEEKLY, monday, ms('2026-11-30T09:00:00Z', 1)).state).toBe('late');
  });

  it('takes a file stamped after now (a clock a little ahead) as fresh', () => {
    expect(feedFreshness(DAILY, at('2026-11-23T09:05:00Z'), at('2026-11-23T09:00:00Z')).state).toBe('fresh');
  });
});

describe('UK time', () => {
  it('reads GMT and BST', () => {
    expect(toLondonTime(at('2026-11-20T06:10:00Z'))).toEqual({ year: 2026, month: 11, day: 20, hour: 6, minute: 10 });
    expect(toLondonTime(at('2026-07-10T23:30:00Z'))).toEqual({ year: 2026, month: 7, day: 11, hour: 0, minute: 30 });
  });

  it('reads a time the clocks skip an hour on, and a repeated one as GMT', () => {
    expect(new Date(fromLondonTime(2026, 3, 29, 1, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(new Date(fromLondonTime(2026, 10, 25, 1, 30)).toISOString()).toBe('2026-10-25T01:30:00.000Z'); // 01:30 GMT
    expect(new Date(fromLondonTime(2026, 7, 10, 7, 0)).toISOString()).toBe('2026-07-10T06:00:00.000Z');
  });
});

describe('describeWhen and describeFreshness', () => {
  const NOW = at('2026-11-25T09:00:00Z');

  it('says today, yesterday, days ago, then the date', () => {
    expect(describeWhen(at('2026-11-25T06:10:00Z'), NOW)).toBe('06:10 today');
    expect(describeWhen(at('2026-11-24T21:45:00Z'), NOW)).toBe('21:45 yesterday');
    expect(describeWhen(at('2026-11-23T06:10:00Z'), NOW)).toBe('06:10 two days ago');
    expect(describeWhen(at('2026-11-19T06:10:00Z'), NOW)).toBe('06:10 six days ago');
    expect(describeWhen(at('2026-11-12T06:10:00Z'), NOW)).toBe('12 Nov');
    expect(describeWhen(at('2025-12-30T06:10:00Z'), NOW)).toBe('30 Dec 2025');
  });

  it('counts days on the UK calendar: just after midnight BST is the next day', () => {
    const summerNow = at('2026-07-10T08:00:00Z');
    expect(describeWhen(at('2026-07-09T23:30:00Z'), summerNow)).toBe('00:30 today');
    expect(describeWhen(at('2026-07-10T05:10:00Z'), summerNow)).toBe('06:10 today');
  });

  it('gives the line a person reads, with the warning when late', () => {
    expect(describeFreshness('Police', { state: 'fresh', asOf: at('2026-11-25T06:10:00Z') }, NOW)).toBe('Police data as of 06:10 today');
    expect(describeFreshness('Police', { state: 'late', asOf: at('2026-11-23T06:10:00Z') }, NOW)).toBe(
      'Police data is late: last received 06:10 two days ago',
    );
    expect(describeFreshness('NHS A&E', { state: 'missing', asOf: null }, NOW)).toBe('No NHS A&E data received');
  });
});

describe('feedStatus', () => {
  // The one status a lookup, the feed admin view and the PWA all show: by the feed's own schedule
  // and name (police every day by 07:00, late after 08:00; NHS A&E every day by 06:00, late after 08:00).
  it('is fresh, then late once the next grace ends, with ISO times and the words', () => {
    const file = at('2026-11-25T06:10:00Z');
    expect(feedStatus('police', file, at('2026-11-25T09:00:00Z'))).toEqual({
      state: 'fresh',
      asOf: '2026-11-25T06:10:00.000Z',
      lateSince: null,
      expectedBy: '2026-11-26T07:00:00.000Z',
      text: 'Police data as of 06:10 today',
    });
    expect(feedStatus('police', file, at('2026-11-26T08:00:01Z'))).toEqual({
      state: 'late',
      asOf: '2026-11-25T06:10:00.000Z',
      lateSince: '2026-11-26T08:00:00.000Z',
      expectedBy: '2026-11-26T07:00:00.000Z',
      text: 'Police data is late: last received 06:10 yesterday',
    });
  });

  it('is missing, in the agency\'s own name, when no file has ever come', () => {
    expect(feedStatus('nhs', undefined, at('2026-11-25T09:00:00Z'))).toEqual({
      state: 'missing',
      asOf: null,
      lateSince: null,
      expectedBy: null,
      text: 'No NHS A&E data received',
    });
    expect(feedStatus('council-children', null, at('2026-11-25T09:00:00Z')).text).toBe("No Children's social care data received");
  });
});

describe('schedules', () => {
  it('every agency has a valid schedule', () => {
    for (const id of FEED_IDS) expect({ id, problems: scheduleProblems(AGENCIES[id].schedule) }).toEqual({ id, problems: [] });
  });

  it('names what is wrong with a bad schedule', () => {
    expect(scheduleProblems({ every: 'day', by: '7am', graceMinutes: 60 })).toEqual([expect.stringContaining('HH:MM')]);
    expect(scheduleProblems({ every: 'day', by: '24:00', graceMinutes: 60 })).toHaveLength(1);
    expect(scheduleProblems({ every: 'day', by: '07:00', graceMinutes: 24 * 60 })).toEqual([expect.stringContaining('graceMinutes')]);
    expect(scheduleProblems({ every: 'week', on: 'funday' as 'mon', by: '07:00', graceMinutes: 0 })).toEqual([expect.stringContaining('"on"')]);
    expect(() => feedFreshness({ every: 'day', by: '7', graceMinutes: 0 }, new Date(), new Date())).toThrow(/not valid/);
  });

  it('describes a schedule as an IG officer would write it', () => {
    expect(describeSchedule(DAILY)).toBe('Every day by 07:00 UK time, late after 08:00');
    expect(describeSchedule(WEEKDAYS)).toBe('Monday to Friday by 08:00 UK time, late after 09:00');
    expect(describeSchedule(WEEKLY)).toBe('Every Monday by 07:00 UK time, late after 09:00');
    expect(describeSchedule({ every: 'day', by: '23:30', graceMinutes: 90 })).toBe('Every day by 23:30 UK time, late after 01:00 the next day');
    expect(describeSchedule({ every: 'day', by: '06:00', graceMinutes: 0 })).toBe('Every day by 06:00 UK time');
  });
});
