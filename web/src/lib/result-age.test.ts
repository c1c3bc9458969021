import type { AddressSummary, Involvement } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { staleFeedsNotice } from './format.ts';
import { feedStatusAt, isOutdated, lookedUpNotice, readingTime, summaryAt } from './result-age.ts';

// Looked up at 06:30 on Wednesday 25 Nov 2026 (GMT). Police and fire deliver every day by 07:00,
// late after 08:00; their files came at 06:10 and 06:05 today.
const ANSWERED = '2026-11-25T06:30:00Z';

function line(agency: Involvement['agency'], agencyName: string, feed: Involvement['feed']): Involvement {
  return { agency, agencyName, involved: true, shared: 'all', notShared: [], detail: 'full', categories: [], contacts12m: 3, lastContact: '2026-11-12', openCase: null, contact: null, feed };
}

// Each feed status as the server gave it at ANSWERED.
const police = line('police', 'Police', {
  state: 'fresh',
  asOf: '2026-11-25T06:10:00.000Z',
  lateSince: null,
  expectedBy: '2026-11-26T07:00:00.000Z',
  text: 'Police data as of 06:10 today',
});
const fire = line('fire', 'Fire and rescue', {
  state: 'fresh',
  asOf: '2026-11-25T06:05:00.000Z',
  lateSince: null,
  expectedBy: '2026-11-26T07:00:00.000Z',
  text: 'Fire and rescue data as of 06:05 today',
});
const nhs = line('nhs', 'NHS A&E', { state: 'missing', asOf: null, lateSince: null, expectedBy: null, text: 'No NHS A&E data received' });

const SUMMARY: AddressSummary = {
  address: { uprn: '100', label: '27 Mill Lane', postcode: 'MB3 4RT', parentUprn: null, latitude: null, longitude: null },
  sensitive: false,
  access: { purpose: 'attending-incident', reference: 'INC-1', agreementVersion: '1#abc', breakGlass: false, canBreakGlass: false },
  units: [],
  agenciesAtAddressItself: ['police', 'fire', 'nhs'],
  agencies: [police, fire, nhs],
  people: [{ personId: '1', name: 'A Person', dateOfBirth: '1971-03-14', knownAt: ['100'], agencies: [police] }],
  alerts: [],
  generatedAt: ANSWERED,
};

describe('summaryAt', () => {
  it('changes nothing at the moment the server answered', () => {
    expect(summaryAt(SUMMARY, new Date(ANSWERED))).toEqual(SUMMARY);
  });

  it('warns the next night that the police feed is late, on the agency line and the person card', () => {
    const nextNight = new Date('2026-11-26T22:00:00Z');
    const later = summaryAt(SUMMARY, nextNight);
    const late = {
      state: 'late',
      asOf: '2026-11-25T06:10:00.000Z',
      lateSince: '2026-11-26T08:00:00.000Z',
      expectedBy: '2026-11-26T07:00:00.000Z',
      text: 'Police data is late: last received 06:10 yesterday',
    };
    expect(later.agencies[0]!.feed).toEqual(late);
    expect(later.people[0]!.agencies[0]!.feed).toEqual(late);
    expect(later.agencies[2]!.feed.text).toBe('No NHS A&E data received');
    expect(staleFeedsNotice(later.agencies)).toBe(
      'Police, Fire and rescue and NHS A&E data are not up to date, so “Not known” from them may only mean not sent.',
    );
  });

  it('keeps a feed fresh until its next file is late, and says "yesterday" after midnight', () => {
    const feed = summaryAt(SUMMARY, new Date('2026-11-26T08:00:00Z')).agencies[0]!.feed;
    expect(feed.state).toBe('fresh');
    expect(feed.text).toBe('Police data as of 06:10 yesterday');
  });

  it("never clears a warning the server gave (an older cached app's schedules may differ)", () => {
    const late = line('police', 'Police', {
      state: 'late',
      asOf: '2026-11-25T06:10:00.000Z',
      lateSince: '2026-11-25T06:20:00.000Z',
      expectedBy: '2026-11-25T06:00:00.000Z',
      text: 'Police data is late: last received 06:10 today',
    });
    expect(feedStatusAt(late, new Date('2026-11-25T06:40:00Z'))).toEqual(late.feed);
  });
});

describe('readingTime', () => {
  it("reads at the phone's time, never before the server answered", () => {
    expect(readingTime(ANSWERED, Date.parse('2026-11-26T22:00:00Z')).toISOString()).toBe('2026-11-26T22:00:00.000Z');
    expect(readingTime(ANSWERED, Date.parse('2026-11-25T06:00:00Z')).toISOString()).toBe('2026-11-25T06:30:00.000Z');
  });
});

describe('isOutdated', () => {
  it('asks again only after five minutes', () => {
    expect(isOutdated(ANSWERED, new Date('2026-11-25T06:35:00Z'))).toBe(false);
    expect(isOutdated(ANSWERED, new Date('2026-11-25T06:35:01Z'))).toBe(true);
    expect(isOutdated('not a time', new Date(ANSWERED))).toBe(true);
  });
});

describe('lookedUpNotice', () => {
  it('says when the result was looked up', () => {
    expect(lookedUpNotice(ANSWERED, new Date('2026-11-25T06:31:00Z'), 'idle')).toEqual({ text: 'Looked up at 06:30 today', warn: false });
    expect(lookedUpNotice(ANSWERED, new Date('2026-11-26T22:00:00Z'), 'idle')).toEqual({ text: 'Looked up at 06:30 yesterday', warn: false });
    // Offline a minute after the answer: nothing is out of date yet.
    expect(lookedUpNotice(ANSWERED, new Date('2026-11-25T06:31:00Z'), 'offline')).toEqual({ text: 'Looked up at 06:30 today', warn: false });
  });

  it('warns while an outdated result is asked for again, or cannot be for want of network', () => {
    const nextNight = new Date('2026-11-26T22:00:00Z');
    expect(lookedUpNotice(ANSWERED, nextNight, 'updating')).toEqual({ text: 'Looked up at 06:30 yesterday. Updating…', warn: true });
    expect(lookedUpNotice(ANSWERED, nextNight, 'offline')).toEqual({
      text: 'Looked up at 06:30 yesterday. Offline: it may have changed since.',
      warn: true,
    });
    // Online, but mast did not answer: the old result stays, with the warning.
    expect(lookedUpNotice(ANSWERED, nextNight, 'unreachable')).toEqual({
      text: 'Looked up at 06:30 yesterday. Could not reach mast to update it: it may have changed since.',
      warn: true,
    });
  });
});
