import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { AddressReviewItemSchema, AddressReviewListResponseSchema, AddressSummarySchema, ApiErrorSchema, type AddressReviewItem } from '@mast/shared';
import { createApp } from '../app.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

const POLICE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const NHS_HEADER = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const MILL_LANE = '100000000001';
const ACACIA = '100000000002';
const NOW = new Date('2026-11-25T09:00:00Z');

describe(`address review queue API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let steward: string;
  let officer: string;
  let millLane: AddressReviewItem;
  let acacia: AddressReviewItem;

  const login = async (username: string, password: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const call = (path: string, cookie: string, body?: unknown) =>
    app.request(path, body === undefined ? { headers: { cookie } } : { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const list = async (status: 'open' | 'decided' = 'open') => {
    const res = await call(`/api/review/addresses?status=${status}`, steward);
    expect(res.status).toBe(200);
    return AddressReviewListResponseSchema.parse(await res.json());
  };
  const summary = async (uprn: string) => AddressSummarySchema.parse(await (await call(`/api/addresses/${uprn}?purpose=attending-incident&reference=INC-1`, officer)).json());
  const agency = async (uprn: string, feed: string) => (await summary(uprn)).agencies.find((a) => a.agency === feed)!;
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe(code);
  };
  const rowsOf = (sourceIds: string[]) =>
    database.query<{ source_id: string; uprn: string | null; address_match: string; address_candidate_uprn: string | null }>(
      sql`SELECT source_id, uprn::text, address_match, address_candidate_uprn::text FROM involvements
          WHERE source_id = ANY(${sql.param(sourceIds)}::text[]) ORDER BY source_id`,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    // "27 Mil Lane" is one slip from 27 Mill Lane and sent without a postcode: possible, never
    // shown. Four rows, three spellings, two partners: one item. "1 Acacia" (no street type) is another.
    const police = [
      POLICE_HEADER,
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mil Lane,,POL-NORTH',
      'POL-2,2026-11-02,concern-for-welfare,,,,,,27 MIL LANE,,POL-NORTH',
      'POL-3,2026-11-03,drugs,,,,,,27 Mil Lane,,POL-NORTH',
      'POL-4,2026-11-04,drugs,,,,,,"1 Acacia, Northfield",,POL-NORTH',
    ].join('\n');
    const nhs = [NHS_HEADER, 'ED-1,2026-11-05,attended,self-harm,Leanne,Kelly,1996-08-02,F,,,"27, mil lane",,ED-SAFE'].join('\n');
    const p = await ingestFeedFile(database, { feed: 'police', path: files.write('police-1.csv', police), now: NOW });
    const n = await ingestFeedFile(database, { feed: 'nhs', path: files.write('nhs-1.csv', nhs), now: NOW });
    expect(p.addressesPossible + n.addressesPossible).toBe(5);
    app = createApp({ database, now: () => NOW, webRoot: false });
    steward = await login('steward', 'mast-demo-steward');
    officer = await login('officer', 'mast-demo-officer');
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('is for data stewards only', async () => {
    await expectError(await call('/api/review/addresses', officer), 403, 'forbidden');
    await expectError(await call('/api/review/addresses/1', officer), 403, 'forbidden');
    await expectError(await call('/api/review/addresses/1/decision', officer, { decision: 'same' }), 403, 'forbidden');
    await expectError(await app.request('/api/review/addresses'), 401, 'unauthorized');
  });

  it('is documented in the OpenAPI document, from the same schemas', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/review/addresses', '/review/addresses/{id}', '/review/addresses/{id}/decision']),
    );
  });

  it('lists one item per address as sent and candidate, with its rows, agencies, score and reasons', async () => {
    const body = await list();
    expect(body.open).toBe(2);
    expect(body.items).toHaveLength(2);
    [millLane, acacia] = body.items as [AddressReviewItem, AddressReviewItem];
    expect(millLane).toMatchObject({
      status: 'open',
      rows: 4,
      sent: { address: '27 Mil Lane', postcode: null, spellings: 3 },
      candidate: { uprn: MILL_LANE, label: '27 Mill Lane, Northfield, Mastbury', postcode: 'MB3 4RT' },
      decidedBy: null,
    });
    expect(millLane.agencies).toEqual([
      { agency: 'police', agencyName: 'Police', rows: 3 },
      { agency: 'nhs', agencyName: 'NHS A&E', rows: 1 },
    ]);
    expect(millLane.reasons).toEqual(
      expect.arrayContaining([
        { text: 'house number', verdict: 'agrees' },
        { text: 'street (fuzzy)', verdict: 'partly' },
      ]),
    );
    expect(millLane.score).toBeGreaterThan(0);
    expect(acacia).toMatchObject({ rows: 1, sent: { address: '1 Acacia, Northfield' }, candidate: { uprn: ACACIA } });
    // Until a steward decides, the officer at 27 Mill Lane sees none of it.
    expect((await agency(MILL_LANE, 'police')).involved).toBe(false);
    expect((await agency(MILL_LANE, 'nhs')).involved).toBe(false);
  });

  it('shows one item by its number, and audits that a steward looked', async () => {
    const res = await call(`/api/review/addresses/${millLane.id}`, steward);
    expect(res.status).toBe(200);
    expect(AddressReviewItemSchema.parse(await res.json())).toEqual(millLane);
    const [audit] = await database.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'address-review-view' AND uprn = ${Number(MILL_LANE)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('refuses bad ids, bad bodies and unknown items with the one error shape', async () => {
    await expectError(await call('/api/review/addresses/abc', steward), 400, 'bad_request');
    await expectError(await call('/api/review/addresses/0', steward), 400, 'bad_request');
    await expectError(await call('/api/review/addresses?status=maybe', steward), 400, 'bad_request');
    const wrong = await call(`/api/review/addresses/${millLane.id}/decision`, steward, { decision: 'maybe' });
    expect(wrong.status).toBe(400);
    expect(ApiErrorSchema.parse(await wrong.json()).error).toMatchObject({ code: 'bad_request', fields: ['decision'] });
    await expectError(await call(`/api/review/addresses/${millLane.id}/decision`, steward, {}), 400, 'bad_request');
    const notJson = await app.request(`/api/review/addresses/${millLane.id}/decision`, {
      method: 'POST',
      headers: { cookie: steward, 'content-type': 'application/json' },
      body: '{"decision":',
    });
    await expectError(notJson, 400, 'bad_request');
    await expectError(await call('/api/review/addresses/999999', steward), 404, 'not_found');
    await expectError(await call('/api/review/addresses/999999/decision', steward, { decision: 'same' }), 404, 'not_found');
    // Nothing was decided by any of that.
    expect((await list()).open).toBe(2);
  });

  it('"same" puts every row of the item at the address: the officer now sees them', async () => {
    const res = await call(`/api/review/addresses/${millLane.id}/decision`, steward, { decision: 'same' });
    expect(res.status).toBe(200);
    expect(AddressReviewItemSchema.parse(await res.json())).toMatchObject({ status: 'same', decidedBy: 'steward', rows: 4 });
    expect((await rowsOf(['ED-1', 'POL-1', 'POL-2', 'POL-3'])).map((r) => [r.uprn, r.address_match])).toEqual(
      Array(4).fill([MILL_LANE, 'confirmed']),
    );
    const police = await agency(MILL_LANE, 'police');
    expect(police).toMatchObject({ involved: true, contacts12m: 3 });
    expect((await agency(MILL_LANE, 'nhs')).involved).toBe(true);
    // The people on those rows are now known at the address.
    expect((await summary(MILL_LANE)).people.map((p) => p.name).sort()).toEqual(['Leanne Kelly', 'Sandra Kelly']);
    const body = await list();
    expect(body.open).toBe(1);
    expect(body.items.map((i) => i.id)).toEqual([acacia.id]);
  });

  it('"different" keeps the rows away from the address, with the candidate kept for the record', async () => {
    const res = await call(`/api/review/addresses/${acacia.id}/decision`, steward, { decision: 'different' });
    expect(res.status).toBe(200);
    expect(AddressReviewItemSchema.parse(await res.json())).toMatchObject({ status: 'different', decidedBy: 'steward', rows: 1 });
    expect(await rowsOf(['POL-4'])).toEqual([{ source_id: 'POL-4', uprn: null, address_match: 'unmatched', address_candidate_uprn: ACACIA }]);
    expect((await agency(ACACIA, 'police')).involved).toBe(false);
    expect((await list()).open).toBe(0);
  });

  it('audits every decision: who, which, and the address it concerned', async () => {
    const audit = await database.query<{ action: string; uprn: string; username: string }>(
      sql`SELECT a.action, a.uprn::text, u.username FROM audit_events a JOIN users u ON u.id = a.user_id
          WHERE a.action LIKE 'address-review-decided-%' ORDER BY a.id`,
    );
    expect(audit).toEqual([
      { action: 'address-review-decided-same', uprn: MILL_LANE, username: 'steward' },
      { action: 'address-review-decided-different', uprn: ACACIA, username: 'steward' },
    ]);
  });

  it('remembers decisions: a new file with the same addresses is settled at ingest, not queued again', async () => {
    const police = [
      POLICE_HEADER,
      'POL-10,2026-11-20,drugs,,,,,,27 mil lane,,POL-NORTH',
      'POL-11,2026-11-21,drugs,,,,,,"1 ACACIA, NORTHFIELD",,POL-NORTH',
    ].join('\n');
    const report = await ingestFeedFile(database, { feed: 'police', path: files.write('police-2.csv', police), now: NOW });
    expect(report).toMatchObject({ addressesPossible: 0, addressesDecided: 2, addressesMatched: 1, addressesUnmatched: 1 });
    expect((await rowsOf(['POL-10', 'POL-11'])).map((r) => [r.source_id, r.uprn, r.address_match])).toEqual([
      ['POL-10', MILL_LANE, 'confirmed'],
      ['POL-11', null, 'unmatched'],
    ]);
    expect((await list()).open).toBe(0);
    expect((await agency(MILL_LANE, 'police')).contacts12m).toBe(4);
    const decided = await list('decided');
    expect(decided.items.map((i) => [i.id, i.status, i.rows])).toEqual(
      expect.arrayContaining([
        [millLane.id, 'same', 5],
        [acacia.id, 'different', 2],
      ]),
    );
  });

  it('lets a steward change their mind: the newer decision replaces the older, for every row', async () => {
    const res = await call(`/api/review/addresses/${millLane.id}/decision`, steward, { decision: 'different' });
    expect(AddressReviewItemSchema.parse(await res.json())).toMatchObject({ status: 'different', rows: 5 });
    expect((await agency(MILL_LANE, 'police')).involved).toBe(false);
    expect((await summary(MILL_LANE)).people).toEqual([]);
    const [decision] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM address_decisions`);
    expect(decision!.n).toBe(2);
  });
});
