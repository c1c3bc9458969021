// Sign-in as an attacker would try it: guessing one account from one address, many usernames
// from one address, many guesses at once; and as the real user on shift, who must still get in.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { ApiErrorSchema, SIGN_IN_ATTEMPTS } from '@mast/shared';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';

describe(`POST /api/auth/login: guessing is slowed, the real user gets in (${backendName()})`, () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let clock = new Date('2026-11-20T09:03:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
    // The client address is taken from X-Forwarded-For, as behind mast's proxy.
    app = createApp({ database, now: () => clock, webRoot: false, requireSecondFactor: false, trustProxy: true });
  });
  afterAll(async () => {
    await database?.close();
  });
  afterEach(async () => {
    await database.db.execute(sql`DELETE FROM rate_limits`);
  });

  const login = async (username: string, password: string, client = '198.51.100.7') => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ username, password }),
    });
    const body = res.status === 200 ? null : ApiErrorSchema.parse(await res.json());
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  };
  const at = (iso: string) => {
    clock = new Date(iso);
  };

  it('answers a wrong username exactly as a wrong password, attempt by attempt, waits included', async () => {
    at('2026-11-20T09:03:00Z');
    for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS + 3; attempt++) {
      const wrongPassword = await login('officer', `guess-${attempt}`);
      const noSuchUser = await login('nobody-by-this-name', `guess-${attempt}`);
      expect(noSuchUser, `attempt ${attempt}`).toEqual(wrongPassword);
    }
  });

  it('counts down the attempts left, then makes each further try wait twice as long as the last', async () => {
    at('2026-11-20T10:00:00Z');
    const left: (number | undefined)[] = [];
    for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS; attempt++) {
      const { status, body } = await login('firefighter', `guess-${attempt}`);
      expect(status).toBe(401);
      expect(body!.error.retryAfterSeconds).toBeUndefined();
      left.push(body!.error.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);

    // The sixth waits 5 s, even with the right password: it is not tried at all.
    const slowed = await login('firefighter', 'mast-demo-firefighter');
    expect(slowed.status).toBe(429);
    expect(slowed.retryAfter).toBe('5');
    expect(slowed.body!.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 5, message: 'Too many wrong attempts. Try again in 5 seconds.' });

    at('2026-11-20T10:00:05Z');
    expect((await login('firefighter', 'guess-6')).status).toBe(401);
    // Then 10 s, 20 s, 40 s: the waits double.
    const waits: (number | undefined)[] = [];
    let t = new Date('2026-11-20T10:00:05Z').getTime();
    for (let i = 0; i < 3; i++) {
      const refused = await login('firefighter', 'guess');
      waits.push(refused.body!.error.retryAfterSeconds);
      t += refused.body!.error.retryAfterSeconds! * 1000;
      clock = new Date(t);
      expect((await login('firefighter', 'guess')).status).toBe(401);
    }
    expect(waits).toEqual([10, 20, 40]);
    // No lock: once the wait is over, the right password gets in, and the count starts again.
    const refused = await login('firefighter', 'mast-demo-firefighter');
    clock = new Date(t + refused.body!.error.retryAfterSeconds! * 1000);
    expect((await login('firefighter', 'mast-demo-firefighter')).status).toBe(200);
    expect((await login('firefighter', 'guess')).body!.error.attemptsLeft).toBe(SIGN_IN_ATTEMPTS - 1);
  });

  it("does not lock the real firefighter out: ten wrong passwords from an attacker's address leave their own phone signing in at once", async () => {
    at('2026-11-20T11:00:00Z');
    for (let i = 0; i < 10; i++) expect((await login('firefighter', `guess-${i}`, '203.0.113.66')).status).toBeGreaterThanOrEqual(401);
    expect((await login('firefighter', 'mast-demo-firefighter', '203.0.113.66')).status).toBe(429);
    expect((await login('firefighter', 'mast-demo-firefighter', '198.51.100.20')).status).toBe(200);
  });

  it('slows thirty usernames tried from one client, and no other client', async () => {
    at('2026-11-20T12:00:00Z');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`user${i}`, 'Winter2026!', '203.0.113.9')).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20).filter((s) => s === 429).length).toBeGreaterThanOrEqual(9);
    expect((await login('officer', 'mast-demo-officer', '203.0.113.9')).status).toBe(429);
    expect((await login('officer', 'mast-demo-officer', '198.51.100.30')).status).toBe(200);
  });

  it('lets no more than the allowance through when 40 guesses arrive at once: each is counted before the password is checked', async () => {
    at('2026-11-20T13:00:00Z');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('steward', `parallel-${i}`, '203.0.113.40')));
    const tried = answers.filter((a) => a.status === 401).length;
    const slowed = answers.filter((a) => a.status === 429).length;
    expect(tried).toBe(SIGN_IN_ATTEMPTS);
    expect(slowed).toBe(40 - SIGN_IN_ATTEMPTS);
    const audited = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'login-failed' AND client = '203.0.113.40'`);
    expect(audited[0]!.n).toBe(SIGN_IN_ATTEMPTS);
  });

  it('slows every client once one account has had fifty wrong passwords from many addresses (a looser cap), and not other accounts', async () => {
    at('2026-11-20T14:00:00Z');
    for (let i = 0; i < 50; i++) expect((await login('socialworker', 'wrong-password', `192.0.2.${i + 1}`)).status).toBe(401);
    const slowed = await login('socialworker', 'mast-demo-socialworker', '198.51.100.50');
    expect(slowed.status).toBe(429);
    expect(slowed.body!.error.retryAfterSeconds).toBe(5);
    expect((await login('nurse', 'mast-demo-nurse', '198.51.100.50')).status).toBe(200);
    at('2026-11-20T14:00:05Z');
    expect((await login('socialworker', 'mast-demo-socialworker', '198.51.100.50')).status).toBe(200);
  });

  it('a right password gives back its attempt: a station sharing one address signs in all shift without being slowed', async () => {
    at('2026-11-20T15:00:00Z');
    for (let i = 0; i < 40; i++) expect((await login(i % 2 ? 'officer' : 'nurse', i % 2 ? 'mast-demo-officer' : 'mast-demo-nurse', '203.0.113.200')).status).toBe(200);
  });

  it('records sign-ins and failures in the audit with the client, never the password', async () => {
    at('2026-11-20T16:00:00Z');
    await login('analyst', 'not-the-password', '198.51.100.77');
    await login('analyst', 'mast-demo-analyst', '198.51.100.77');
    const rows = await database.query<{ action: string; client: string; role: string | null; session_ref: string | null; detail: unknown }>(
      sql`SELECT a.action, a.client, a.role, a.session_ref, a.detail FROM audit_events a JOIN users u ON u.id = a.user_id WHERE u.username = 'analyst' ORDER BY a.id`,
    );
    expect(rows.map((r) => [r.action, r.client, r.role])).toEqual([
      ['login-failed', '198.51.100.77', 'analyst'],
      ['login', '198.51.100.77', 'analyst'],
    ]);
    expect(rows[1]!.session_ref).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(rows)).not.toContain('not-the-password');
  });
});
