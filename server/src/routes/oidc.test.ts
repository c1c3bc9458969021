// Single sign-on against a real OpenID Connect provider started on loopback: the redirects are
// followed with fetch and two cookie jars (the provider's and mast's), as a browser would.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ensureOrganisation, getUserByUsername, openTestDatabase, setOrganisationOidc, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { backendName } from '../test/small-borough.ts';
import { startTestProvider, type TestProvider } from '../test/oidc-test-provider.ts';

const MAST = 'http://127.0.0.1:3000';
const SECRET_ENV = 'MAST_TEST_OIDC_SECRET_POLICE';

type Jar = Map<string, string>;

function keepCookies(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at);
    const value = pair!.slice(at + 1);
    if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

describe(`single sign-on through OpenID Connect (${backendName()})`, () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let provider: TestProvider;
  let organisationId: number;
  const now = () => new Date();

  /** mast's side of the browser: app.request with mast's cookie jar. */
  const mast = async (jar: Jar, url: string, init: RequestInit = {}) => {
    const res = await app.request(url.startsWith('http') ? url : `${MAST}${url}`, { ...init, headers: { ...(init.headers as object), cookie: cookieHeader(jar) } });
    keepCookies(jar, res);
    return res;
  };

  /** The person at the provider: follows its redirects, signs in as `subject`, and stops at the redirect back to mast. */
  const atProvider = async (authorizationUrl: string, subject: string): Promise<string> => {
    const jar: Jar = new Map();
    let url = authorizationUrl;
    for (let hops = 0; hops < 10; hops++) {
      if (url.startsWith(MAST)) return url;
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
      keepCookies(jar, res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} without a redirect`);
      url = new URL(location, url).href;
      if (new URL(url).pathname.startsWith('/interaction/')) url += `?as=${encodeURIComponent(subject)}`;
    }
    throw new Error('too many redirects');
  };

  /** The whole round trip from the sign-in button; answers where mast sends the browser, and its cookies. */
  const signOn = async (subject: string, tamper?: (callback: URL) => void) => {
    const jar: Jar = new Map();
    const start = await mast(jar, `/api/auth/oidc/${organisationId}/start`);
    expect(start.status).toBe(302);
    const callback = new URL(await atProvider(start.headers.get('location')!, subject));
    expect(callback.searchParams.get('code')).toBeTruthy();
    tamper?.(callback);
    const done = await mast(jar, callback.href);
    expect(done.status).toBe(302);
    return { location: done.headers.get('location'), jar, callback };
  };

  const invite = async (body: object) => {
    const jar: Jar = new Map();
    await mast(jar, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'force-admin', password: 'mast-test-force-admin' }) });
    const res = await mast(jar, '/api/admin/users/invites', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { link: string }).link.split('#')[1]!;
  };

  const refusals = () => database.query<{ reason: string }>(sql`SELECT detail->>'reason' AS reason FROM audit_events WHERE action = 'sso-refused' ORDER BY id`);

  beforeAll(async () => {
    database = await openTestDatabase();
    provider = await startTestProvider(`${MAST}/api/auth/oidc/callback`, {
      'emp-1001': { email: 'Alex.Reed@police.example', email_verified: true },
      'emp-1002': { email: 'sam.hart@police.example', email_verified: false },
      'emp-1003': { email: 'jo.bloggs@police.example', email_verified: true },
      'emp-9999': { email: 'stranger@police.example', email_verified: true },
    });
    process.env[SECRET_ENV] = provider.clientSecret;
    organisationId = await ensureOrganisation(database.db, 'Northshire Police', 'police');
    await setOrganisationOidc(database.db, organisationId, { issuer: provider.issuer, clientId: provider.clientId, clientSecretEnv: SECRET_ENV });
    await database.query(
      sql`INSERT INTO users (username, display_name, role, organisation_id, password_hash) VALUES ('force-admin', 'Force Admin', 'admin', ${organisationId}, ${await hashPassword('mast-test-force-admin')})`,
    );
    app = createApp({ database, webRoot: false, now });
  }, 30_000);
  afterAll(async () => {
    delete process.env[SECRET_ENV];
    await provider?.close();
    await database?.close();
  });

  it('lists the organisations that sign in this way, for the sign-in page', async () => {
    const res = await app.request('/api/auth/sso-organisations');
    expect(await res.json()).toEqual({ organisations: [{ id: organisationId, name: 'Northshire Police' }] });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const res = await mast(new Map(), `/api/auth/oidc/${organisationId}/start`);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${MAST}/api/auth/oidc/callback`);
    expect(res.headers.get('set-cookie')).toMatch(/^mast_oidc=[a-z2-7]{32}; Max-Age=600; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax/);
  });

  it('signs in an invited user whose verified email matches the invitation, then by the subject bound at that first sign-in', async () => {
    await invite({ displayName: 'Alex Reed', role: 'responder', email: 'alex.reed@police.example' });
    const first = await signOn('emp-1001');
    expect(first.location).toBe('/');
    const me = await mast(first.jar, '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ username: 'alex.reed@police.example', role: 'responder', organisation: 'Northshire Police' });
    const user = await getUserByUsername(database.db, 'alex.reed@police.example');
    expect(user).toMatchObject({ oidcSubject: 'emp-1001', passwordHash: '!sso' });

    // No password signs in to an account bound to the provider.
    const byPassword = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alex.reed@police.example', password: '!sso' }) });
    expect(byPassword.status).toBe(401);

    const again = await signOn('emp-1001');
    expect(again.location).toBe('/');
    expect((await mast(again.jar, '/api/auth/me')).status).toBe(200);
    const logins = await database.query<{ detail: unknown }>(sql`SELECT detail FROM audit_events WHERE action = 'login' AND user_id = ${user!.id} ORDER BY id`);
    expect(logins.map((l) => l.detail)).toEqual([{ via: 'oidc', firstSignOn: true }, { via: 'oidc', firstSignOn: false }]);
  });

  it('accepts an invitation by signing on from the invite page, binding the account to that subject', async () => {
    const token = await invite({ displayName: 'Jo Bloggs', role: 'supervisor', username: 'jbloggs' });
    const jar: Jar = new Map();
    const details = await mast(jar, '/api/invites/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(await details.json()).toMatchObject({ signIn: 'oidc', organisation: 'Northshire Police' });
    // Such an invitation takes no password.
    const withPassword = await mast(jar, '/api/invites/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'orchard-lantern-88' }) });
    expect(withPassword.status).toBe(409);

    const res = await mast(jar, '/api/invites/sso', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    const callback = await atProvider(((await res.json()) as { url: string }).url, 'emp-1003');
    const done = await mast(jar, callback);
    expect(done.headers.get('location')).toBe('/');
    expect(await getUserByUsername(database.db, 'jbloggs')).toMatchObject({ oidcSubject: 'emp-1003', role: 'supervisor' });
    expect((await mast(jar, '/api/auth/me')).status).toBe(200);
    // The link is spent.
    const reuse = await mast(new Map(), '/api/invites/sso', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(reuse.status).toBe(409);
  });

  it('refuses a subject no invitation names, and an email the provider has not verified, and audits both', async () => {
    const stranger = await signOn('emp-9999');
    expect(stranger.location).toBe('/login?sso=failed');
    expect(stranger.jar.has('mast_session')).toBe(false);

    await invite({ displayName: 'Sam Hart', role: 'responder', email: 'sam.hart@police.example' });
    const unverified = await signOn('emp-1002');
    expect(unverified.location).toBe('/login?sso=failed');
    expect(unverified.jar.has('mast_session')).toBe(false);
    expect(await getUserByUsername(database.db, 'sam.hart@police.example')).toBeUndefined();
    expect((await refusals()).map((r) => r.reason)).toEqual(['unknown-subject', 'unknown-subject']);
  });

  it('refuses a callback whose state was tampered with, and one replayed after it was used', async () => {
    const before = (await refusals()).length;
    const tampered = await signOn('emp-1001', (callback) => callback.searchParams.set('state', 'x'.repeat(43)));
    expect(tampered.location).toBe('/login?sso=failed');
    expect(tampered.jar.has('mast_session')).toBe(false);
    const reasons = (await refusals()).slice(before).map((r) => r.reason);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^callback-refused/);

    // The round trip is spent once its callback has been read, whatever the outcome.
    const ok = await signOn('emp-1001');
    expect(ok.location).toBe('/');
    const replay = await mast(new Map([['mast_oidc', 'a'.repeat(32)]]), ok.callback.href);
    expect(replay.headers.get('location')).toBe('/login?sso=failed');
    expect((await refusals()).at(-1)!.reason).toBe('no-login-in-progress');
  });

  it('refuses a disabled account', async () => {
    await database.query(sql`UPDATE users SET disabled_at = now() WHERE oidc_subject = 'emp-1001'`);
    const res = await signOn('emp-1001');
    expect(res.location).toBe('/login?sso=failed');
    expect((await refusals()).at(-1)!.reason).toBe('disabled');
  });

  it('answers 404 for an organisation that does not sign in this way', async () => {
    const council = await ensureOrganisation(database.db, 'Borough council', 'council');
    expect((await app.request(`/api/auth/oidc/${council}/start`)).status).toBe(404);
    expect((await app.request('/api/auth/oidc/999999/start')).status).toBe(404);
  });
});
