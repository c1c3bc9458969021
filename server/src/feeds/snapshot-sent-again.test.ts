// A council's list of open cases can be the same file two days running (nothing changed over a
// weekend). Sent again unchanged it is still that day's word that these cases are open, so the
// feed is not late; an older file sent again says nothing about today, and neither does an
// incremental file sent twice (yesterday's events again).
import { describe, it, expect } from 'vitest';
import { getLastDeliveries, getLatestUploads } from '@mast/db';
import { AGENCIES, feedFreshness, uploadReportText, type FeedId } from '@mast/shared';
import { ingestFeedFile } from './ingest.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';

const CSC_HEADER = 'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const FIRE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const ADULTS_HEADER = 'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const adults = (id: string) => `${id},2026-05-01,self-neglect,,Colin,Bramhall,1962-10-30,M,100000000010,,,ASC-DUTY`;
const csc = (id: string) => `${id},2026-05-01,child-protection,,Amy,Kelly,2015-02-03,F,100000000001,,,CSC-MASH`;

describe(`a snapshot sent again unchanged (${backendName()})`, () => {
  const borough = withSmallBorough();
  const send = (feed: FeedId, header: string, rows: string[], at: string) =>
    ingestFeedFile(borough.database, { feed, path: borough.files.write(`${feed}-${at}.csv`, [header, ...rows].join('\n') + '\n'), now: new Date(at), via: 'sftp' });
  const stateAt = async (feed: FeedId, at: string) => feedFreshness(AGENCIES[feed].schedule, (await getLastDeliveries(borough.database.db)).get(feed), new Date(at)).state;

  it('counts as the day’s delivery when it is the latest upload: the feed is not late', async () => {
    // Saturday 21 and Sunday 22 November 2026 (GMT): the same list of open cases.
    const saturday = await send('council-children', CSC_HEADER, [csc('CSC-1'), csc('CSC-2')], '2026-11-21T06:05:00Z');
    expect(saturday.duplicate).toBe(false);
    const sunday = await send('council-children', CSC_HEADER, [csc('CSC-1'), csc('CSC-2')], '2026-11-22T06:05:00Z');
    expect(sunday).toMatchObject({ duplicate: true, confirmedLatest: true, uploadId: saturday.uploadId, accepted: 0 });
    expect(uploadReportText('csc.csv', { report: sunday })).toContain('It is your latest snapshot, sent again');
    expect(await stateAt('council-children', '2026-11-22T09:00:00Z')).toBe('fresh');
    expect((await getLastDeliveries(borough.database.db)).get('council-children')?.toISOString()).toBe('2026-11-22T06:05:00.000Z');
    // The steward sees one upload, received on Saturday and sent again on Sunday.
    const latest = (await getLatestUploads(borough.database.db)).find((u) => u.feed === 'council-children')!;
    expect(latest.received_at.toISOString()).toBe('2026-11-21T06:05:00.000Z');
    expect(latest.confirmed_at?.toISOString()).toBe('2026-11-22T06:05:00.000Z');
  });

  it('confirms past a failed extract in between, which changed nothing', async () => {
    // Friday's list; Saturday an empty file (a failed extract: it applies nothing); Sunday
    // Friday's list again. mast still holds exactly Friday's list, now confirmed on Sunday.
    await send('council-adults', ADULTS_HEADER, [adults('ASC-1')], '2026-11-20T07:05:00Z');
    const empty = await send('council-adults', ADULTS_HEADER, [], '2026-11-21T07:05:00Z');
    expect(empty).toMatchObject({ rows: 0, casesClosed: 0 });
    const again = await send('council-adults', ADULTS_HEADER, [adults('ASC-1')], '2026-11-23T07:05:00Z');
    expect(again).toMatchObject({ duplicate: true, confirmedLatest: true });
    expect((await getLastDeliveries(borough.database.db)).get('council-adults')?.toISOString()).toBe('2026-11-23T07:05:00.000Z');
  });

  it('confirms nothing when an older file is sent again: the list has moved on since', async () => {
    const monday = await send('council-children', CSC_HEADER, [csc('CSC-1')], '2026-11-23T06:05:00Z');
    expect(monday.duplicate).toBe(false);
    // Tuesday: Sunday's (that is, Saturday's) file again, by mistake.
    const tuesday = await send('council-children', CSC_HEADER, [csc('CSC-1'), csc('CSC-2')], '2026-11-24T06:05:00Z');
    expect(tuesday).toMatchObject({ duplicate: true, confirmedLatest: false });
    expect(await stateAt('council-children', '2026-11-24T09:00:00Z')).toBe('late');
  });

  it('confirms nothing for an incremental feed: the same events sent twice are not a new day', async () => {
    const row = 'FIRE-1,2026-11-20,hoarding,,,,,100000000001,,,FRS-WEST';
    const first = await send('fire', FIRE_HEADER, [row], '2026-11-21T06:05:00Z');
    expect(first.accepted).toBe(1);
    const again = await send('fire', FIRE_HEADER, [row], '2026-11-22T06:05:00Z');
    expect(again).toMatchObject({ duplicate: true, confirmedLatest: false });
    expect(await stateAt('fire', '2026-11-22T09:00:00Z')).toBe('late');
  });
});
