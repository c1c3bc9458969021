import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { AddressSummarySchema, ApiErrorSchema, AGENCY_ORDER } from '@mast/shared';
import { createApp } from './app.ts';
import { ingestFeedFile } from './feeds/ingest.ts';
import { seedDemoUsers } from './seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from './test/small-borough.ts';

const NOW = new Date('2026-11-20T09:00:00Z');

describe(`HTTP API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let cookie: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    const police = [
      'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH',
      'POL-2,2026-10-01,concern-for-welfare,,,,,,27 Mill Ln,,POL-NORTH',
      'POL-4,2026-09-01,violence,Tyler,Brooks,2015-05-20,M,,"Flat 4, Beech Court, 5 Station Road",MB2 3PL,POL-NORTH',
      'POL-5,2026-09-05,burglary,Sandra,Kelly,1971-03-14,F,,10 High Street,MB1 2AB,POL-NORTH',
    ].join('\n');
    // Sent when it was recent; by the lookup it is older than 12 months (and not yet taken by retention).
    const older = [police.split('\n')[0], 'POL-3,2025-06-01,drugs,,,,,,27 Mill Lane,,POL-NORTH'].join('\n');
    await ingestFeedFile(database, { feed: 'police', path: files.write('police-old.csv', older), now: new Date('2025-06-02T06:10:00Z') });
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', police), now: new Date('2026-11-20T06:10:00Z') });
    const adults = [
      'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      'ASC-1,2024-05-01,self-neglect,,Sandra,Kelly,1971-03-14,F,100000000001,,,ASC-DUTY',
    ].join('\n');
    // Delivered three days ago: late.
    await ingestFeedFile(database, { feed: 'council-adults', path: files.write('asc.csv', adults), now: new Date('2026-11-17T06:00:00Z') });
    app = createApp({ database, now: () => NOW, webRoot: false });
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const login = (username: string, password: string) =>
    app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const get = (path: string, withCookie = true) => app.request(path, { headers: withCookie ? { cookie } : {} });

  async function expectError(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe(code);
    return body;
  }

  describe('GET /api/health', () => {
    it('says the database answers, without a session', async () => {
      const res = await app.request('/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', database: 'up', backend: backendName(), lookupsReadFrom: 'primary', replicaLagSeconds: null });
    });
  });

  describe('POST /api/auth/login', () => {
    it('refuses a wrong password and an unknown user alike', async () => {
      const a = await expectError(await login('officer', 'wrong'), 401, 'unauthorized');
      const b = await expectError(await login('nobody', 'wrong'), 401, 'unauthorized');
      expect(a).toEqual(b);
    });

    it('refuses a malformed body with the one error shape', async () => {
      const bad = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
      await expectError(bad, 400, 'bad_request');
      const missing = await expectError(await login('', ''), 400, 'bad_request');
      expect(missing.error.fields).toEqual(['username', 'password']);
    });

    it('signs in with an HttpOnly session cookie and stores only its hash', async () => {
      const res = await login('officer', 'mast-demo-officer');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: { role: string } };
      expect(body.user.role).toBe('responder');
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/mast_session=[a-z2-7]{32};/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      cookie = setCookie.split(';')[0]!;
      const token = cookie.split('=')[1]!;
      const stored = await database.query<{ id: string }>(sql`SELECT id FROM sessions`);
      expect(stored.map((s) => s.id)).not.toContain(token);
      expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('sign-in throttling', () => {
    it('makes a client wait after five wrong sign-ins at one username, even with the right password, and says why', async () => {
      for (let i = 0; i < 5; i++) await expectError(await login('firefighter', `guess-${i}`), 401, 'unauthorized');
      const body = await expectError(await login('firefighter', 'mast-demo-firefighter'), 429, 'rate_limited');
      expect(body.error.message).toBe('Too many wrong attempts. Try again in 5 seconds.');
      // Other users are not locked out by someone guessing at one account.
      expect((await login('socialworker', 'mast-demo-socialworker')).status).toBe(200);
    });
  });

  describe('without a session', () => {
    it.each(['/api/addresses?q=mill', '/api/addresses/100000000001', '/api/auth/me', '/api/anything'])('%s answers 401', async (path) => {
      await expectError(await get(path, false), 401, 'unauthorized');
    });
    it('a forged token answers 401', async () => {
      await expectError(await app.request('/api/auth/me', { headers: { cookie: 'mast_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } }), 401, 'unauthorized');
    });
  });

  describe('GET /api/addresses?q=', () => {
    it('finds an address from a partial, misspelt query, best first', async () => {
      const res = await get('/api/addresses?q=27%20mil%20lane');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { results } = (await res.json()) as { results: { uprn: string; label: string }[] };
      expect(results[0]).toMatchObject({ uprn: '100000000001', label: '27 Mill Lane, Northfield, Mastbury' });
    });

    it('finds a block by its name and says how many flats it has', async () => {
      const { results } = (await (await get('/api/addresses?q=beech%20crt')).json()) as { results: { uprn: string; units: number }[] };
      expect(results[0]).toMatchObject({ uprn: '100000000010', units: 2 });
    });

    it('puts the flat a query names first', async () => {
      const { results } = (await (await get('/api/addresses?q=flat%204%20beech%20crt')).json()) as { results: { uprn: string }[] };
      expect(results[0]!.uprn).toBe('100000000014');
      const slash = (await (await get('/api/addresses?q=2%2F10%20high%20st')).json()) as { results: { uprn: string }[] };
      expect(slash.results[0]!.uprn).toBe('100000000021');
    });

    it('finds by postcode', async () => {
      const { results } = (await (await get('/api/addresses?q=MB1%202AB')).json()) as { results: { uprn: string }[] };
      expect(results.map((r) => r.uprn).sort()).toEqual(['100000000020', '100000000021']);
    });

    it('answers a page of ten, says how many there are in all, and pages on', async () => {
      const first = (await (await get('/api/addresses?q=mastbury')).json()) as { results: { uprn: string }[]; total: number; offset: number };
      expect(first.results.length).toBe(7);
      expect(first.total).toBe(7);
      const page = (await (await get('/api/addresses?q=mastbury&offset=5&limit=5')).json()) as { results: { uprn: string }[]; total: number; offset: number };
      expect(page).toMatchObject({ total: 7, offset: 5 });
      expect(page.results.map((r) => r.uprn)).toEqual(first.results.slice(5).map((r) => r.uprn));
    });

    it('says when the first is clearly the address typed, so the search key may open it', async () => {
      const exact = (await (await get(`/api/addresses?q=${encodeURIComponent('27 Mill Lane, Northfield, Mastbury')}`)).json()) as { clearFirst: boolean; results: { uprn: string }[] };
      expect(exact).toMatchObject({ clearFirst: true, results: [{ uprn: '100000000001' }] });
      const street = (await (await get('/api/addresses?q=high%20street')).json()) as { clearFirst: boolean };
      expect(street.clearFirst).toBe(false);
    });

    it.each(['offset=-1', 'limit=0', 'limit=51', 'limit=ten'])('refuses a bad page (%s)', async (page) => {
      const body = await expectError(await get(`/api/addresses?q=mill&${page}`), 400, 'bad_request');
      expect(body.error.fields).toEqual([page.split('=')[0]]);
    });

    it('refuses an empty query', async () => {
      const body = await expectError(await get('/api/addresses?q=%20'), 400, 'bad_request');
      expect(body.error.fields).toEqual(['q']);
    });
  });

  describe('GET /api/addresses/:uprn', () => {
    it('answers for every agency, involved or not, with counts, dates, open case and whom to call', async () => {
      const res = await get('/api/addresses/100000000001?purpose=attending-incident&reference=INC-1');
      expect(res.status).toBe(200);
      const summary = AddressSummarySchema.parse(await res.json());
      expect(summary.agencies.map((a) => a.agency)).toEqual([...AGENCY_ORDER]);
      const by = Object.fromEntries(summary.agencies.map((a) => [a.agency, a]));
      expect(by.police).toMatchObject({
        involved: true,
        contacts12m: 2, // POL-3 is older than 12 months and does not count
        lastContact: '2026-11-01',
        openCase: null,
        contact: { team: 'North Neighbourhood Team', phone: '01632 960001', hours: '24/7' },
        feed: { state: 'fresh', asOf: '2026-11-20T06:10:00.000Z' },
      });
      expect(by.police!.categories.map((c) => c.label)).toEqual(['Domestic abuse', 'Concern for welfare']);
      expect(by['council-adults']).toMatchObject({ involved: true, openCase: true, contact: { team: 'Adult Social Care Duty Team' }, feed: { state: 'late' } });
      expect(by.nhs).toMatchObject({ involved: false, contacts12m: 0, lastContact: null, contact: null, feed: { state: 'missing', asOf: null } });
      expect(by.fire!.involved).toBe(false);
      expect(by['council-children']!.involved).toBe(false);
    });

    it('lists the people known there, with their involvement anywhere', async () => {
      const summary = AddressSummarySchema.parse(await (await get('/api/addresses/100000000001?purpose=attending-incident&reference=INC-1')).json());
      expect(summary.people).toHaveLength(1);
      const sandra = summary.people[0]!;
      expect(sandra).toMatchObject({ name: 'Sandra Kelly', dateOfBirth: '1971-03-14' });
      const police = sandra.agencies.find((a) => a.agency === 'police')!;
      // POL-1 here and POL-5 at another address are both hers.
      expect(police.contacts12m).toBe(2);
      expect(sandra.agencies.map((a) => a.agency)).toEqual(['police', 'council-adults']);
    });

    it('a building includes what is known at its flats', async () => {
      const summary = AddressSummarySchema.parse(await (await get('/api/addresses/100000000010?purpose=attending-incident&reference=INC-1')).json());
      expect(summary.units.map((u) => u.label)).toEqual([
        'Flat 1, Beech Court, 5 Station Road, Southgate, Mastbury',
        'Flat 4, Beech Court, 5 Station Road, Southgate, Mastbury',
      ]);
      expect(summary.agencies.find((a) => a.agency === 'police')).toMatchObject({ involved: true, contacts12m: 1 });
      expect(summary.people.map((p) => p.name)).toEqual(['Tyler Brooks']);
    });

    it('an address nobody knows says "not known" for every agency', async () => {
      const summary = AddressSummarySchema.parse(await (await get('/api/addresses/100000000002?purpose=attending-incident&reference=INC-1')).json());
      expect(summary.agencies.every((a) => !a.involved)).toBe(true);
      expect(summary.people).toEqual([]);
    });

    it('audits who viewed which address', async () => {
      const rows = await database.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_events a JOIN users u ON u.id = a.user_id WHERE u.username = 'officer' AND a.action = 'view-address' AND a.uprn = 100000000001`,
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
    });

    it('answers 404 for an unknown UPRN and 400 for something that is not one', async () => {
      await expectError(await get('/api/addresses/999999999999?purpose=attending-incident&reference=INC-1'), 404, 'not_found');
      await expectError(await get('/api/addresses/not-a-uprn'), 400, 'bad_request');
    });
  });

  describe('GET /api/openapi.json', () => {
    it('documents the routes from the same schemas', async () => {
      const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/health', '/auth/login', '/auth/logout', '/auth/me', '/addresses', '/addresses/{uprn}']),
      );
    });
  });

  describe('session lifetime', () => {
    it('a session ends after a 12-hour shift', async () => {
      const res = await login('socialworker', 'mast-demo-socialworker');
      const theirs = res.headers.get('set-cookie')!.split(';')[0]!;
      // Idle time is not what this tests (auth.test.ts does): a day's idle timeout leaves only the shift.
      const sessions = { idleMinutes: 24 * 60, hours: 12 };
      const me = (at: Date) => createApp({ database, now: () => at, webRoot: false, sessions }).request('/api/auth/me', { headers: { cookie: theirs } });
      expect((await me(new Date(NOW.getTime() + 11 * 3600_000))).status).toBe(200);
      await expectError(await me(new Date(NOW.getTime() + 13 * 3600_000)), 401, 'unauthorized');
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session: the cookie no longer works', async () => {
      const res = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
      expect(res.status).toBe(204);
      await expectError(await get('/api/auth/me'), 401, 'unauthorized');
    });
  });
});
