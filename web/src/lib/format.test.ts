import { describe, expect, it } from 'vitest';
import {
  ageOn,
  formatContacts,
  formatDate,
  formatUnits,
  formatWhen,
  shortUnitLabel,
  splitPhoneNumbers,
  staleFeedsNotice,
  telHref,
} from './format.ts';

// 25 Nov 2026 09:00 GMT (no daylight saving in November).
const NOW = new Date('2026-11-25T09:00:00Z');

describe('formatDate', () => {
  it('writes a date-only value in plain UK form', () => {
    expect(formatDate('2026-11-14')).toBe('14 Nov 2026');
    expect(formatDate('1971-03-14')).toBe('14 Mar 1971');
  });

  it('spells September "Sep", whatever the browser locale data says', () => {
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
  });

  it('reads a timestamp in UK time (BST moves 23:30 UTC to the next day)', () => {
    expect(formatDate('2026-07-01T23:30:00Z')).toBe('2 Jul 2026');
    expect(formatDate('2026-12-01T23:30:00Z')).toBe('1 Dec 2026');
  });

  it('returns an unreadable value unchanged rather than "Invalid Date"', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('formatWhen', () => {
  it('says today and yesterday in UK time', () => {
    expect(formatWhen('2026-11-25T06:10:00Z', NOW)).toBe('06:10 today');
    expect(formatWhen('2026-11-24T21:45:00Z', NOW)).toBe('21:45 yesterday');
    expect(formatWhen('2026-11-14T06:10:00Z', NOW)).toBe('06:10 on 14 Nov 2026');
  });

  it('uses BST in summer', () => {
    const summer = new Date('2026-07-10T12:00:00Z');
    expect(formatWhen('2026-07-10T05:10:00Z', summer)).toBe('06:10 today');
  });

  it('counts UK calendar days across midnight', () => {
    const justAfterMidnight = new Date('2026-11-25T00:00:30Z');
    expect(formatWhen('2026-11-25T00:00:00Z', justAfterMidnight)).toBe('00:00 today');
    expect(formatWhen('2026-11-24T23:59:00Z', justAfterMidnight)).toBe('23:59 yesterday');
    expect(formatWhen('2026-11-24T00:00:00Z', justAfterMidnight)).toBe('00:00 yesterday');
    expect(formatWhen('2026-11-23T23:59:00Z', justAfterMidnight)).toBe('23:59 on 23 Nov 2026');
  });

  it('counts UK calendar days across the clock changes, not 24 hours back', () => {
    // 00:30 BST on Monday 30 Mar 2026; the clocks went forward on Sunday 29 Mar, a 23-hour day.
    const afterSpring = new Date('2026-03-29T23:30:00Z');
    expect(formatWhen('2026-03-28T21:00:00Z', afterSpring)).toBe('21:00 on 28 Mar 2026'); // Saturday 21:00 GMT
    expect(formatWhen('2026-03-29T20:00:00Z', afterSpring)).toBe('21:00 yesterday'); // Sunday 21:00 BST
    // 23:30 GMT on Sunday 25 Oct 2026; the clocks went back that morning, a 25-hour day.
    const afterAutumn = new Date('2026-10-25T23:30:00Z');
    expect(formatWhen('2026-10-24T22:45:00Z', afterAutumn)).toBe('23:45 yesterday'); // Saturday 23:45 BST
    expect(formatWhen('2026-10-25T00:30:00Z', afterAutumn)).toBe('01:30 today'); // Sunday 01:30 BST
  });
});

describe('staleFeedsNotice', () => {
  const line = (agencyName: string, state: 'fresh' | 'late' | 'missing') => ({ agencyName, feed: { state } });

  it('says nothing when every feed is fresh', () => {
    expect(staleFeedsNotice([line('Police', 'fresh'), line('Fire and rescue', 'fresh')])).toBeNull();
  });

  it('names the late and missing feeds, and what their "Not known" may mean', () => {
    expect(staleFeedsNotice([line('Police', 'fresh'), line('Adult social care', 'late')])).toBe(
      'Adult social care data is not up to date, so “Not known” from it may only mean not sent.',
    );
    expect(staleFeedsNotice([line('Police', 'late'), line('Adult social care', 'late'), line('NHS A&E', 'missing')])).toBe(
      'Police, Adult social care and NHS A&E data are not up to date, so “Not known” from them may only mean not sent.',
    );
  });
});

describe('counts', () => {
  it('agrees number with noun', () => {
    expect(formatContacts(1)).toBe('1 contact in last 12 months');
    expect(formatContacts(11)).toBe('11 contacts in last 12 months');
    expect(formatContacts(0)).toBe('0 contacts in last 12 months');
    expect(formatUnits(1)).toBe('1 flat');
    expect(formatUnits(12)).toBe('12 flats');
  });
});

describe('ageOn', () => {
  it('counts a birthday only once it has come', () => {
    expect(ageOn('1971-03-14', NOW)).toBe(55);
    expect(ageOn('2015-11-25', NOW)).toBe(11);
    expect(ageOn('2015-11-26', NOW)).toBe(10);
    expect(ageOn('not a date', NOW)).toBeNull();
  });
});

describe('telHref', () => {
  it('keeps digits and a leading plus only', () => {
    expect(telHref('0161 496 0123')).toBe('tel:01614960123');
    expect(telHref('+44 (0)161 496-0123')).toBe('tel:+4401614960123');
  });
});

describe('shortUnitLabel', () => {
  it('drops the building address from a flat', () => {
    expect(shortUnitLabel('Flat 4, Beech Court, 5 Station Road', 'Beech Court, 5 Station Road')).toBe('Flat 4');
    expect(shortUnitLabel('FLAT 4 BEECH COURT 5 STATION ROAD', 'Beech Court 5 Station Road')).toBe('FLAT 4');
  });

  it('falls back to the first part, or the whole label', () => {
    expect(shortUnitLabel('Flat 4, Beech Ct, Station Rd', 'Beech Court, 5 Station Road')).toBe('Flat 4');
    expect(shortUnitLabel('Basement flat', 'Beech Court')).toBe('Basement flat');
    expect(shortUnitLabel('Beech Court', 'Beech Court')).toBe('Beech Court');
  });
});

describe('splitPhoneNumbers', () => {
  it('finds the numbers in free text so each can be tapped', () => {
    expect(splitPhoneNumbers('Mon–Fri 08:30–17:00; out of hours via the emergency duty team 01632 960999')).toEqual([
      { text: 'Mon–Fri 08:30–17:00; out of hours via the emergency duty team ', phone: false },
      { text: '01632 960999', phone: true },
    ]);
    expect(splitPhoneNumbers('+44 1632 960100 or 07700900401, else 101').filter((p) => p.phone).map((p) => p.text)).toEqual([
      '+44 1632 960100',
      '07700900401',
      '101',
    ]);
  });

  it('leaves times and text without a number as they are', () => {
    expect(splitPhoneNumbers('Mon–Sun 07:00–22:00')).toEqual([{ text: 'Mon–Sun 07:00–22:00', phone: false }]);
  });
});

describe('formatDateTime', () => {
  it('writes the day and the UK clock time, summer time included', async () => {
    const { formatDateTime } = await import('./format.ts');
    expect(formatDateTime('2026-12-06T06:10:00Z')).toBe('6 Dec 2026, 06:10');
    expect(formatDateTime('2026-07-01T06:10:00Z')).toBe('1 Jul 2026, 07:10');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
