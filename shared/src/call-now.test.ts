import { describe, expect, it } from 'vitest';
import type { Contact } from './api.ts';
import { callNow } from './call-now.ts';

const EDT = { name: 'Emergency Duty Team', phone: '01632 960999' };
const ADULTS: Contact = { team: 'Adult Social Care Locality Team', phone: '01632 960301', hours: 'Mon–Fri 08:30–17:00', outOfHours: EDT };
const TUESDAY_0109 = new Date('2026-11-24T01:09:00Z');

describe('callNow', () => {
  it('at 01:09 on a Tuesday the big button calls the emergency duty team, and the team says when it opens', () => {
    expect(callNow(ADULTS, TUESDAY_0109)).toEqual({
      state: 'out-of-hours',
      call: { name: 'Emergency Duty Team', phone: '01632 960999', note: 'Out of hours: the team is closed now' },
      other: { name: 'Adult Social Care Locality Team', phone: '01632 960301', note: 'Closed now: opens 08:30' },
    });
  });

  it('in office hours it calls the team, and still shows the out-of-hours line', () => {
    expect(callNow(ADULTS, new Date('2026-11-24T10:00:00Z'))).toEqual({
      state: 'open',
      call: { name: 'Adult Social Care Locality Team', phone: '01632 960301', note: 'Open until 17:00' },
      other: { name: 'Emergency Duty Team', phone: '01632 960999', note: 'When the team is closed' },
    });
  });

  it('on a summer evening (BST) it is out of hours an hour before the UTC clock says 17:00', () => {
    expect(callNow(ADULTS, new Date('2026-06-23T16:05:00Z')).call.phone).toBe('01632 960999');
    expect(callNow(ADULTS, new Date('2026-12-22T16:05:00Z')).call.phone).toBe('01632 960301');
  });

  it('a closed team with no out-of-hours line is still callable, and says it is closed and when it opens', () => {
    const prevention: Contact = { team: 'Fire Safety Team', phone: '01632 960501', hours: 'Mon–Fri 09:00–17:00', outOfHours: null };
    expect(callNow(prevention, new Date('2026-11-28T10:00:00Z'))).toEqual({
      state: 'closed',
      call: { name: 'Fire Safety Team', phone: '01632 960501', note: 'Closed now: opens 09:00 Monday' },
      other: null,
    });
  });

  it('a 24/7 team says so', () => {
    const police: Contact = { team: 'North Team', phone: '01632 960101', hours: '24/7', outOfHours: null };
    expect(callNow(police, TUESDAY_0109)).toMatchObject({ state: 'open', call: { phone: '01632 960101', note: 'Open 24 hours' } });
  });

  it('hours kept from before they were data are shown as they are, and the team is the one to call', () => {
    const old: Contact = { team: 'Early Help Hub', phone: '01632 960205', hours: 'Weekdays, office hours', outOfHours: null };
    expect(callNow(old, TUESDAY_0109)).toEqual({
      state: 'hours-unknown',
      call: { name: 'Early Help Hub', phone: '01632 960205', note: 'Weekdays, office hours' },
      other: null,
    });
  });
});
