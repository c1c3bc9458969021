import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createUpload, openTestDatabase, upsertUser, type Database } from '@mast/db';
import {
  AddressSummarySchema,
  AGENCY_ORDER,
  ApiErrorSchema,
  FeedListResponseSchema,
  RejectionListResponseSchema,
  UploadListResponseSchema,
  type FeedOverview,
} from '@mast/shared';
import { createApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

// Friday 20 November 2026, 09:00 GMT.
const NOW = new Date('2026-11-20T09:00:00Z');
const POLICE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';

describe(`feed admin API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let clock = NOW;
  let app: ReturnType<typeof createApp>;
  let policeUploadId: string;

  const login = async (username: string, password: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  // Sessions last a shift: sign in again at whatever time the clock says.
  const asSteward = () => login('steward', 'mast-demo-steward');
  const get = async (path: string, cookie?: string) => app.request(path, cookie ? { headers: { cookie } } : {});
  const feedsAt = async (at: Date): Promise<Record<string, FeedOverview>> => {
    clock = at;
    const res = await get('/api/admin/feeds', await asSteward());
    expect(res.status).toBe(200);
    return Object.fromEntries(FeedListResponseSchema.parse(await res.json()).feeds.map((f) => [f.feed, f]));
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    await upsertUser(database.db, { username: 'admin', displayName: 'Sys Admin', role: 'admin', organisation: 'Borough council', organisationKind: 'council', passwordHash: await hashPassword('mast-test-admin') });

    // Police: yesterday's file, then today's at 06:10 with two bad rows (and a column outside the contract).
    const yesterday = [POLICE_HEADER, 'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH'].join('\n');
    await ingestFeedFile(database, { feed: 'police', path: files.write('police-19.csv', yesterday), now: new Date('2026-11-19T06:05:00Z'), via: 'sftp' });
    const today = [
      `${POLICE_HEADER},officer_notes`,
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH,SECRET-NOTE',
      'POL-2,2026-02-30,violence,,,,,,27 Mill Lane,,POL-NORTH,',
      'POL-3,2026-11-02,not-a-category,,,,,,27 Mill Lane,,POL-NORTH,',
      'POL-4,2026-11-03,violence,,,,,,27 Mill Lane,,POL-NORTH,',
    ].join('\n');
    const report = await ingestFeedFile(database, { feed: 'police', path: files.write('police-20.csv', today), now: new Date('2026-11-20T06:10:00Z'), via: 'https' });
    expect(report.rejected).toBe(2);
    policeUploadId = String(report.uploadId);

    // Adult social care (Monday to Friday by 08:00): last sent on Tuesday morning.
    const adults = [
      'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      'ASC-1,2024-05-01,self-neglect,,Sandra,Kelly,1971-03-14,F,100000000001,,,ASC-DUTY',
    ].join('\n');
    await ingestFeedFile(database, { feed: 'council-adults', path: files.write('asc.csv', adults), now: new Date('2026-11-17T06:00:00Z') });

    // Fire: 23 daily uploads (the newest this morning) and one 40 days old, for paging and the 30 days.
    for (let k = 0; k < 24; k++) {
      const receivedAt = new Date(NOW.getTime() - (k === 23 ? 40 : k) * 86_400_000 - 2 * 3600_000);
      await createUpload(database.db, {
        feed: 'fire',
        fileName: `fire-${receivedAt.toISOString().slice(0, 10)}.csv`,
        sha256: `sha-${k}`,
        sizeBytes: 1000 + k,
        receivedAt,
        rowsTotal: 10,
        rowsAccepted: 9,
        rowsRejected: 1,
        ignoredColumns: [],
        via: 'sftp',
      });
    }
    app = createApp({ database, now: () => clock, webRoot: false });
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  describe('who may see it', () => {
    const paths = () => ['/api/admin/feeds', '/api/admin/feeds/police/uploads', `/api/admin/uploads/${policeUploadId}/rejections`];

    it('is refused without a session', async () => {
      clock = NOW;
      for (const path of paths()) {
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });

    it('is refused to front-line roles with the one error shape', async () => {
      clock = NOW;
      for (const [username, password] of [
        ['officer', 'mast-demo-officer'],
        ['firefighter', 'mast-demo-firefighter'],
        ['socialworker', 'mast-demo-socialworker'],
      ] as const) {
        const cookie = await login(username, password);
        for (const path of paths()) {
          const res = await get(path, cookie);
          expect({ username, path, status: res.status }).toEqual({ username, path, status: 403 });
          expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('forbidden');
        }
      }
    });

    it('is open to data stewards and administrators', async () => {
      clock = NOW;
      for (const cookie of [await asSteward(), await login('admin', 'mast-test-admin')]) {
        for (const path of paths()) expect((await get(path, cookie)).status).toBe(200);
      }
    });
  });

  describe('what a lookup shows', () => {
    it('gives each agency the time of its data, and a warning when it is late', async () => {
      clock = NOW;
      const res = await get('/api/addresses/100000000001?purpose=attending-incident&reference=INC-1', await login('officer', 'mast-demo-officer'));
      expect(res.status).toBe(200);
      const summary = AddressSummarySchema.parse(await res.json());
      const by = Object.fromEntries(summary.agencies.map((a) => [a.agency, a.feed]));
      expect(by.police).toEqual({
        state: 'fresh',
        asOf: '2026-11-20T06:10:00.000Z',
        lateSince: null,
        expectedBy: '2026-11-21T07:00:00.000Z',
        text: 'Police data as of 06:10 today',
      });
      expect(by['council-adults']).toMatchObject({ state: 'late', text: 'Adult social care data is late: last received 06:00 three days ago' });
      expect(by.nhs).toMatchObject({ state: 'missing', text: 'No NHS A&E data received' });
      expect(by.fire).toMatchObject({ state: 'fresh', text: 'Fire and rescue data as of 07:00 today' });
      // A person's agencies carry the same words.
      const sandra = summary.people.find((p) => p.name === 'Sandra Kelly')!;
      expect(sandra.agencies.find((a) => a.agency === 'police')!.feed.text).toBe('Police data as of 06:10 today');
    });
  });

  describe('GET /api/admin/feeds', () => {
    it('lists every feed with its schedule, freshness, newest upload and last 30 days', async () => {
      clock = NOW;
      const res = await get('/api/admin/feeds', await asSteward());
      const body = FeedListResponseSchema.parse(await res.json());
      expect(body.generatedAt).toBe(NOW.toISOString());
      expect(body.feeds.map((f) => f.feed)).toEqual([...AGENCY_ORDER]);
      const by = Object.fromEntries(body.feeds.map((f) => [f.feed, f]));

      expect(by.police).toMatchObject({
        name: 'Police',
        kind: 'incremental',
        schedule: { every: 'day', on: null, by: '07:00', graceMinutes: 60, text: 'Every day by 07:00 UK time, late after 08:00' },
        freshness: { state: 'fresh', asOf: '2026-11-20T06:10:00.000Z', lateSince: null, expectedBy: '2026-11-21T07:00:00.000Z', text: 'Police data as of 06:10 today' },
        lastUpload: { id: policeUploadId, via: 'https', fileName: 'police-20.csv', rows: 4, accepted: 2, rejected: 2, ignoredColumns: ['officer_notes'] },
        last30Days: { uploads: 2, rows: 5, accepted: 3, rejected: 2 },
      });
      expect(by['council-adults']).toMatchObject({
        schedule: { every: 'weekdays', by: '08:00', text: 'Monday to Friday by 08:00 UK time, late after 09:00' },
        // Tuesday's file counted for Tuesday; Wednesday's was due by 08:00, late from 09:00.
        freshness: { state: 'late', lateSince: '2026-11-18T09:00:00.000Z', text: 'Adult social care data is late: last received 06:00 three days ago' },
      });
      expect(by.nhs).toMatchObject({
        freshness: { state: 'missing', asOf: null, lateSince: null, expectedBy: null, text: 'No NHS A&E data received' },
        lastUpload: null,
        last30Days: { uploads: 0, rows: 0, accepted: 0, rejected: 0 },
      });
      // The upload 40 days old is not in the last 30 days.
      expect(by.fire!.last30Days).toEqual({ uploads: 23, rows: 230, accepted: 207, rejected: 23 });
      expect(by.fire!.lastUpload).toMatchObject({ receivedAt: '2026-11-20T07:00:00.000Z', via: 'sftp' });
    });

    it('turns late at the end of the grace period, not a moment before', async () => {
      // Police's newest file came at 06:10 on Friday; Saturday's is due by 07:00, grace to 08:00.
      expect((await feedsAt(new Date('2026-11-21T07:59:59.999Z'))).police!.freshness.state).toBe('fresh');
      expect((await feedsAt(new Date('2026-11-21T08:00:00.000Z'))).police!.freshness).toMatchObject({ state: 'fresh', text: 'Police data as of 06:10 yesterday' });
      expect((await feedsAt(new Date('2026-11-21T08:00:00.001Z'))).police!.freshness).toEqual({
        state: 'late',
        asOf: '2026-11-20T06:10:00.000Z',
        lateSince: '2026-11-21T08:00:00.000Z',
        expectedBy: '2026-11-21T07:00:00.000Z',
        text: 'Police data is late: last received 06:10 yesterday',
      });
      expect((await feedsAt(new Date('2026-11-22T12:00:00Z'))).police!.freshness.text).toBe('Police data is late: last received 06:10 two days ago');
      expect((await feedsAt(new Date('2026-12-01T12:00:00Z'))).police!.freshness.text).toBe('Police data is late: last received 20 Nov');
    });

    it('expects nothing from a Monday-to-Friday feed at the weekend', async () => {
      // Adult social care's Friday file (08:30 GMT, in the grace) holds until Monday 09:00.
      await createUpload(database.db, {
        feed: 'council-adults',
        fileName: 'asc-friday.csv',
        sha256: 'sha-asc-friday',
        sizeBytes: 10,
        receivedAt: new Date('2026-11-20T08:30:00Z'),
        // One accepted row: a snapshot with no rows is not a delivery of data.
        rowsTotal: 1,
        rowsAccepted: 1,
        rowsRejected: 0,
        ignoredColumns: [],
      });
      expect((await feedsAt(new Date('2026-11-22T22:00:00Z')))['council-adults']!.freshness).toMatchObject({
        state: 'fresh',
        expectedBy: '2026-11-23T08:00:00.000Z',
        text: 'Adult social care data as of 08:30 two days ago',
      });
      expect((await feedsAt(new Date('2026-11-23T09:00:00.001Z')))['council-adults']!.freshness).toMatchObject({ state: 'late', lateSince: '2026-11-23T09:00:00.000Z' });
    });
  });

  describe('GET /api/admin/feeds/{feed}/uploads', () => {
    it('pages through uploads, newest first', async () => {
      clock = NOW;
      const cookie = await asSteward();
      const pageOf = async (query: string) => {
        const res = await get(`/api/admin/feeds/fire/uploads${query}`, cookie);
        expect(res.status).toBe(200);
        return UploadListResponseSchema.parse(await res.json());
      };
      const first = await pageOf('?pageSize=10');
      expect(first).toMatchObject({ feed: 'fire', page: 1, pageSize: 10, total: 24 });
      expect(first.uploads).toHaveLength(10);
      const times = first.uploads.map((u) => u.receivedAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(first.uploads[0]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        feed: 'fire',
        receivedAt: '2026-11-20T07:00:00.000Z',
        via: 'sftp',
        fileName: 'fire-2026-11-20.csv',
        sizeBytes: 1000,
        rows: 10,
        accepted: 9,
        rejected: 1,
        ignoredColumns: [],
        casesClosed: 0,
        addressesUnmatched: 0,
        countsAsDelivery: true,
        confirmedAt: null,
      });
      const third = await pageOf('?pageSize=10&page=3');
      expect(third.uploads).toHaveLength(4);
      expect(third.uploads.at(-1)!.receivedAt).toBe('2026-10-11T07:00:00.000Z');
      const all = [...first.uploads, ...(await pageOf('?pageSize=10&page=2')).uploads, ...third.uploads].map((u) => u.id);
      expect(new Set(all).size).toBe(24);
      expect((await pageOf('?page=9')).uploads).toEqual([]);
      expect((await pageOf('')).pageSize).toBe(20);
    });

    it('refuses an unknown feed and a page that is not one', async () => {
      clock = NOW;
      const cookie = await asSteward();
      for (const [path, field] of [
        ['/api/admin/feeds/parking/uploads', 'feed'],
        ['/api/admin/feeds/police/uploads?page=0', 'page'],
        ['/api/admin/feeds/police/uploads?page=two', 'page'],
        ['/api/admin/feeds/police/uploads?pageSize=101', 'pageSize'],
      ] as const) {
        const res = await get(path, cookie);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(ApiErrorSchema.parse(await res.json()).error.fields).toEqual([field]);
      }
    });
  });

  describe('GET /api/admin/uploads/{id}/rejections', () => {
    it('lists the rejected rows with row numbers and reasons, never their values', async () => {
      clock = NOW;
      const res = await get(`/api/admin/uploads/${policeUploadId}/rejections`, await asSteward());
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const value of ['2026-02-30', 'not-a-category', 'SECRET-NOTE', 'Sandra', 'Mill Lane']) expect(text).not.toContain(value);
      const body = RejectionListResponseSchema.parse(JSON.parse(text));
      expect(body.upload).toMatchObject({ id: policeUploadId, feed: 'police', rows: 4, rejected: 2 });
      expect(body.total).toBe(2);
      expect(body.rejections.map((r) => r.row)).toEqual([3, 4]);
      expect(body.rejections[0]!.reasons.join('; ')).toContain('incident_date is not a real calendar date');
      expect(body.rejections[1]!.reasons.join('; ')).toContain('category is not in the published code list');
      expect(body.reasonCounts).toHaveLength(2);
      expect(body.reasonCounts.every((r) => r.rows === 1)).toBe(true);
    });

    it('pages through the rejections', async () => {
      clock = NOW;
      const cookie = await asSteward();
      const second = RejectionListResponseSchema.parse(await (await get(`/api/admin/uploads/${policeUploadId}/rejections?pageSize=1&page=2`, cookie)).json());
      expect(second).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(second.rejections.map((r) => r.row)).toEqual([4]);
    });

    it('answers 404 for an unknown upload and 400 for something that is not an id', async () => {
      clock = NOW;
      const cookie = await asSteward();
      const missing = await get('/api/admin/uploads/999999/rejections', cookie);
      expect(missing.status).toBe(404);
      expect(ApiErrorSchema.parse(await missing.json()).error.code).toBe('not_found');
      const bad = await get('/api/admin/uploads/abc/rejections', cookie);
      expect(bad.status).toBe(400);
      expect(ApiErrorSchema.parse(await bad.json()).error.fields).toEqual(['id']);
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/admin/feeds', '/admin/feeds/{feed}/uploads', '/admin/uploads/{id}/rejections']));
  });
});
