// The second factor as a user meets it: the demo sergeant signs in with a code; a wrong code, a
// replayed code and a used recovery code are refused; with the demo off an account without one
// is sent to set one up before it gets in; an administrator's reset ends the user's sessions.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { ApiErrorSchema, LoginResponseSchema, TotpConfirmResponseSchema, TotpEnrolmentSchema, AccountSecuritySchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { DEMO_RECOVERY_CODES, demoTotpKey, seedDemoUsers } from '../seed/demo-users.ts';
import { resetSecondFactor, totpCodeAt, TOTP_PERIOD_SECONDS } from '../auth/second-factor.ts';
import { openSecret, sealSecret } from '../auth/secret-box.ts';
import { backendName } from '../test/small-borough.ts';

describe(`second factor (${backendName()})`, () => {
  let database: Database;
  let clock = new Date('2026-11-20T09:00:00Z');
  let requireSecondFactor = false;
  const app = () => createApp({ database, now: () => clock, webRoot: false, requireSecondFactor });
  const later = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
  const login = async (username: string, password = `mast-demo-${username}`) => {
    const res = await app().request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return { answer: LoginResponseSchema.parse(await res.json()), cookie: cookieOf(res) };
  };
  const post = (path: string, cookie: string, body?: unknown) =>
    app().request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const get = (path: string, cookie: string) => app().request(path, { headers: { cookie } });

  it('asks the sergeant for a code after the password; until then the session opens nothing', async () => {
    const { answer, cookie } = await login('sergeant');
    expect(answer).toEqual({ status: 'second-factor' });
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
    expect((await get('/api/addresses?q=mill', cookie)).status).toBe(401);
    expect((await post('/api/auth/logout-everywhere', cookie)).status).toBe(401);
  });

  it('refuses a wrong code, takes the right one, and the new session opens the app', async () => {
    later(60);
    const { cookie } = await login('sergeant');
    const wrong = await post('/api/auth/second-factor', cookie, { code: '000000' === totpCodeAt(demoTotpKey(), clock) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(ApiErrorSchema.parse(await wrong.json()).error).toMatchObject({ code: 'unauthorized', attemptsLeft: 4 });
    const right = await post('/api/auth/second-factor', cookie, { code: totpCodeAt(demoTotpKey(), clock) });
    expect(right.status).toBe(200);
    const full = cookieOf(right);
    expect(full).not.toBe(cookie);
    expect((await get('/api/auth/me', full)).status).toBe(200);
    // The session that waited for the code is spent.
    expect((await post('/api/auth/second-factor', cookie, { code: totpCodeAt(demoTotpKey(), clock) })).status).toBe(401);
  });

  it('refuses a code used once already (a replay), even in a new sign-in', async () => {
    later(TOTP_PERIOD_SECONDS * 2);
    const code = totpCodeAt(demoTotpKey(), clock);
    const first = await login('sergeant');
    expect((await post('/api/auth/second-factor', first.cookie, { code })).status).toBe(200);
    const second = await login('sergeant');
    expect((await post('/api/auth/second-factor', second.cookie, { code })).status).toBe(401);
    // A phone a step behind still works, but not a step already used.
    later(TOTP_PERIOD_SECONDS);
    expect((await post('/api/auth/second-factor', second.cookie, { code: totpCodeAt(demoTotpKey(), clock) })).status).toBe(200);
  });

  it('takes a recovery code once, in any case and with or without its dash', async () => {
    later(60);
    const a = await login('sergeant');
    expect((await post('/api/auth/second-factor', a.cookie, { code: DEMO_RECOVERY_CODES[3]!.toUpperCase().replace('-', ' ') })).status).toBe(200);
    const b = await login('sergeant');
    expect((await post('/api/auth/second-factor', b.cookie, { code: DEMO_RECOVERY_CODES[3]! })).status).toBe(401);
  });

  it('slows wrong codes as it slows wrong passwords', async () => {
    later(3600);
    const { cookie } = await login('sergeant');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('/api/auth/second-factor', cookie, { code: `12345${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const slowed = await post('/api/auth/second-factor', cookie, { code: totpCodeAt(demoTotpKey(), clock) });
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('5');
  });

  it('with the demo off, sends an account without a second factor to set one up before it gets in', async () => {
    requireSecondFactor = true;
    later(3600);
    const { answer, cookie } = await login('officer');
    expect(answer).toEqual({ status: 'enrol-second-factor' });
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
    expect((await get('/api/addresses?q=mill', cookie)).status).toBe(401);
    expect((await post('/api/account/password', cookie, { currentPassword: 'mast-demo-officer', newPassword: 'x-long-new-passphrase' })).status).toBe(401);
    expect(AccountSecuritySchema.parse(await (await get('/api/account/security', cookie)).json())).toEqual({
      secondFactor: false,
      recoveryCodesLeft: 0,
      required: true,
      enrolling: true,
    });

    const enrolment = TotpEnrolmentSchema.parse(await (await post('/api/account/totp', cookie)).json());
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/mast:officer\?/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    const key = decodeBase32IgnorePadding(enrolment.secret);
    // Kept encrypted: the database holds neither the key nor its base32.
    const [stored] = await database.query<{ totp_secret: string }>(sql`SELECT totp_secret FROM users WHERE username = 'officer'`);
    expect(stored!.totp_secret).toMatch(/^v1:/);
    expect(stored!.totp_secret).not.toContain(enrolment.secret);
    expect(Buffer.from(openSecret(stored!.totp_secret)!)).toEqual(Buffer.from(key));

    expect((await post('/api/account/totp/confirm', cookie, { code: totpCodeAt(key, new Date(clock.getTime() - 300_000)) })).status).toBe(422);
    const confirmed = await post('/api/account/totp/confirm', cookie, { code: totpCodeAt(key, clock) });
    expect(confirmed.status).toBe(200);
    const body = TotpConfirmResponseSchema.parse(await confirmed.json());
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(body.session?.user.username).toBe('officer');
    const full = cookieOf(confirmed);
    expect((await get('/api/auth/me', full)).status).toBe(200);
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
    // Recovery codes are kept hashed only.
    const hashes = await database.query<{ code_hash: string }>(sql`SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'officer'`);
    expect(hashes).toHaveLength(10);
    for (const c of body.recoveryCodes) expect(JSON.stringify(hashes)).not.toContain(c.replace('-', ''));
    // Set up once: starting again needs an administrator's reset.
    expect((await post('/api/account/totp', full)).status).toBe(409);

    // From now on the officer signs in with a code.
    later(60);
    expect((await login('officer')).answer).toEqual({ status: 'second-factor' });
    requireSecondFactor = false;
  });

  it("an administrator's reset forgets the second factor and ends every session of the user", async () => {
    later(60);
    const { cookie } = await login('officer');
    const signedIn = await post('/api/auth/second-factor', cookie, { code: totpCodeAt((await officerKey())!, clock) });
    expect(signedIn.status).toBe(200);
    const full = cookieOf(signedIn);
    const [{ id }] = (await database.query<{ id: number }>(sql`SELECT id FROM users WHERE username = 'officer'`)) as [{ id: number }];
    await resetSecondFactor(database.db, id);
    expect((await get('/api/auth/me', full)).status).toBe(401);
    expect((await login('officer')).answer.status).toBe('signed-in');
    const [left] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = ${id}`);
    expect(left!.n).toBe(0);
  });

  it('cannot open a secret sealed with another key, nor one altered', () => {
    const sealed = sealSecret(new Uint8Array([1, 2, 3]), Buffer.alloc(32, 7));
    expect(openSecret(sealed, Buffer.alloc(32, 7))).toEqual(new Uint8Array([1, 2, 3]));
    expect(openSecret(sealed, Buffer.alloc(32, 8))).toBeUndefined();
    const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(openSecret(altered, Buffer.alloc(32, 7))).toBeUndefined();
  });

  async function officerKey() {
    const [row] = await database.query<{ totp_secret: string }>(sql`SELECT totp_secret FROM users WHERE username = 'officer'`);
    return openSecret(row!.totp_secret);
  }
});
