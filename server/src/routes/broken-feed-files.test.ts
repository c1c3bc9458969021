import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, type Database } from '@mast/db';
import { AddressSummarySchema, FeedListResponseSchema, UploadListResponseSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { ingestFeedFile, type UploadReport } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

// What a social worker and a data steward see after a partner sends a file mast could not use.
// Friday 20 November 2026, 09:00 GMT: past the 08:00 end of Friday's grace for both feeds here.
const NOW = new Date('2026-11-20T09:00:00Z');
const CSC_HEADER = 'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const FIRE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';

describe(`a broken or empty partner file (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let broken: UploadReport;

  const login = async (username: string, password: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const getJson = async (path: string, cookie: string) => {
    const res = await app.request(path, { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    const ingest = (feed: 'council-children' | 'fire', name: string, csv: string, at: string) =>
      ingestFeedFile(database, { feed, path: files.write(name, csv), now: new Date(at), via: 'sftp' });

    // Children's social care: a good snapshot on Thursday; on Friday the same case with its date
    // written the wrong way, so no row is accepted.
    await ingest('council-children', 'csc-19.csv', `${CSC_HEADER}\nCSC-1,2024-05-01,child-protection,,Amy,Kelly,2015-02-03,F,100000000001,,,CSC-MASH\n`, '2026-11-19T06:05:00Z');
    broken = await ingest('council-children', 'csc-20.csv', `${CSC_HEADER}\nCSC-1,01/05/2024,child-protection,,Amy,Kelly,2015-02-03,F,100000000001,,,CSC-MASH\n`, '2026-11-20T06:05:00Z');

    // Fire: nothing happened on either day, so both files are the header alone, byte for byte.
    await ingest('fire', 'fire-19.csv', `${FIRE_HEADER}\n`, '2026-11-19T06:30:00Z');
    await ingest('fire', 'fire-20.csv', `${FIRE_HEADER}\n`, '2026-11-20T06:30:00Z');

    app = createApp({ database, now: () => NOW, webRoot: false });
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('reports the rejected snapshot as applying nothing and closing no case', () => {
    expect(broken).toMatchObject({ duplicate: false, rows: 1, accepted: 0, rejected: 1, casesClosed: 0 });
    expect(broken.closingWithheld).not.toBeNull();
  });

  it("shows a social worker the case still open, and children's data late from Thursday's file", async () => {
    const summary = AddressSummarySchema.parse(await getJson('/api/addresses/100000000001?purpose=home-visit', await login('socialworker', 'mast-demo-socialworker')));
    const children = summary.agencies.find((a) => a.agency === 'council-children')!;
    expect(children.openCase).toBe(true);
    expect(children.feed).toMatchObject({
      state: 'late',
      asOf: '2026-11-19T06:05:00.000Z',
      text: "Children's social care data is late: last received 06:05 yesterday",
    });
  });

  it('keeps a feed that sent an empty file on a quiet day fresh, even when the file is the same as the day before', async () => {
    const summary = AddressSummarySchema.parse(await getJson('/api/addresses/100000000001?purpose=home-safety-visit', await login('firefighter', 'mast-demo-firefighter')));
    expect(summary.agencies.find((a) => a.agency === 'fire')!.feed).toMatchObject({ state: 'fresh', text: 'Fire and rescue data as of 06:30 today' });
  });

  it('lists the broken upload for a steward, with its counts, as not counting as a delivery', async () => {
    const cookie = await login('steward', 'mast-demo-steward');
    const feeds = FeedListResponseSchema.parse(await getJson('/api/admin/feeds', cookie)).feeds;
    const children = feeds.find((f) => f.feed === 'council-children')!;
    expect(children.freshness).toMatchObject({ state: 'late', asOf: '2026-11-19T06:05:00.000Z' });
    expect(children.lastUpload).toMatchObject({ fileName: 'csc-20.csv', rows: 1, accepted: 0, rejected: 1, casesClosed: 0, countsAsDelivery: false });
    expect(feeds.find((f) => f.feed === 'fire')!.freshness.state).toBe('fresh');

    const uploads = UploadListResponseSchema.parse(await getJson('/api/admin/feeds/council-children/uploads', cookie));
    expect(uploads.uploads.map((u) => [u.fileName, u.accepted, u.countsAsDelivery])).toEqual([
      ['csc-20.csv', 0, false],
      ['csc-19.csv', 1, true],
    ]);
    const fire = UploadListResponseSchema.parse(await getJson('/api/admin/feeds/fire/uploads', cookie));
    expect(fire.uploads.map((u) => [u.fileName, u.rows, u.countsAsDelivery])).toEqual([
      ['fire-20.csv', 0, true],
      ['fire-19.csv', 0, true],
    ]);
  });
});
