// CSRF as an attacker's page would try it: the steward is signed in, and a page on another site
// posts a review decision with the steward's cookie.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, queueReviewPairs, sql, type Database } from '@mast/db';
import { ApiErrorSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

describe(`state-changing requests from another site are refused (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let steward: string;
  let pairId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    const police = [
      'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH',
      'POL-2,2026-11-02,concern-for-welfare,Sandi,Kelly,1971-03-14,F,,27 Mill Ln,,POL-NORTH',
    ].join('\n');
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', police), now: new Date('2026-11-20T06:10:00Z') });
    const ids = (await database.query<{ id: string }>(sql`SELECT id::text FROM person_records ORDER BY source_id`)).map((r) => Number(r.id));
    await queueReviewPairs(database.db, [{ recordA: ids[1]!, recordB: ids[0]!, weight: 6.5, probability: 0.989, evidence: [] }]);
    [{ id: pairId }] = (await database.query<{ id: string }>(sql`SELECT id::text FROM match_reviews`)) as [{ id: string }];
    app = createApp({ database, webRoot: false, requireSecondFactor: false });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' , host: 'localhost' },
      body: JSON.stringify({ username: 'steward', password: 'mast-demo-steward' }),
    });
    steward = res.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const decide = (headers: Record<string, string>) =>
    app.request(`http://localhost/api/review/pairs/${pairId}/decision`, {
      method: 'POST',
      headers: { cookie: steward, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ decision: 'same' }),
    });
  const status = async () => (await database.query<{ status: string }>(sql`SELECT status FROM match_reviews WHERE id = ${pairId}`))[0]!.status;

  it("refuses a steward's review decision posted from https://evil.example with a valid cookie, and changes nothing", async () => {
    const before = await status();
    const res = await decide({ origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('cross_site');
    expect(await status()).toBe(before);
    expect(before).toBe('open');
  });

  it('refuses one a browser marks as cross-site or same-site (a sibling subdomain), whatever Origin says', async () => {
    expect((await decide({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await decide({ 'sec-fetch-site': 'same-site', origin: 'http://localhost' })).status).toBe(403);
    expect((await decide({ origin: 'null' })).status).toBe(403);
    expect(await status()).toBe('open');
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'steward', password: 'mast-demo-steward' }),
    });
    expect(res.status).toBe(403);
  });

  it("takes the decision from mast's own page", async () => {
    const res = await decide({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(await status()).toBe('same');
  });
});
