import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, type Database } from '@mast/db';
import { ApiErrorSchema, SIGN_IN_ATTEMPTS } from '@mast/shared';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';

describe(`POST /api/auth/login: how long a lock lasts (${backendName()})`, () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let clock = new Date('2026-11-20T09:03:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
    app = createApp({ database, now: () => clock, webRoot: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  const login = async (username: string, password: string) => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = res.status === 200 ? null : ApiErrorSchema.parse(await res.json());
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  };

  it('answers a wrong username exactly as a wrong password, attempt by attempt, lock included', async () => {
    for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS + 1; attempt++) {
      const wrongPassword = await login('officer', `guess-${attempt}`);
      const noSuchUser = await login('nobody-by-this-name', `guess-${attempt}`);
      expect(noSuchUser, `attempt ${attempt}`).toEqual(wrongPassword);
    }
  });

  it('counts down the attempts left, and warns when the next wrong one is the last', async () => {
    const seen: (number | undefined)[] = [];
    for (let attempt = 1; attempt < SIGN_IN_ATTEMPTS; attempt++) {
      const { status, body } = await login('firefighter', `guess-${attempt}`);
      expect(status).toBe(401);
      expect(body!.error.retryAfterSeconds).toBeUndefined();
      seen.push(body!.error.attemptsLeft);
    }
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('says on the locking attempt, and after it, how long the lock lasts: fifteen minutes from that attempt', async () => {
    const locking = await login('firefighter', 'guess-10');
    expect(locking.status).toBe(401);
    expect(locking.body!.error).toMatchObject({ code: 'unauthorized', attemptsLeft: 0, retryAfterSeconds: 15 * 60 });
    expect(locking.body!.error.message).toBe('Wrong username or password. Too many failed sign-ins: try again in 15 minutes.');

    clock = new Date('2026-11-20T09:04:30Z');
    const refused = await login('firefighter', 'mast-demo-firefighter');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe(String(13 * 60 + 30));
    expect(refused.body!.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 810 });
    expect(refused.body!.error.message).toBe('Too many failed sign-ins. Try again in 14 minutes.');

    // Past the quarter hour: a lock is not cut short by the clock.
    clock = new Date('2026-11-20T09:17:59Z');
    expect((await login('firefighter', 'mast-demo-firefighter')).body!.error).toMatchObject({ retryAfterSeconds: 1 });
    expect((await login('firefighter', 'mast-demo-firefighter')).body!.error.message).toBe('Too many failed sign-ins. Try again in 1 minute.');

    clock = new Date('2026-11-20T09:18:00Z');
    expect((await login('firefighter', 'mast-demo-firefighter')).status).toBe(200);
  });

  it('counts wrong attempts over fifteen minutes from the first, across the quarter hour, and forgets them after', async () => {
    clock = new Date('2026-11-20T10:10:00Z');
    for (let attempt = 1; attempt <= 5; attempt++) await login('steward', `guess-${attempt}`);
    clock = new Date('2026-11-20T10:20:00Z');
    expect((await login('steward', 'guess-6')).body!.error.attemptsLeft).toBe(4);
    clock = new Date('2026-11-20T10:25:01Z');
    expect((await login('steward', 'guess-7')).body!.error.attemptsLeft).toBe(SIGN_IN_ATTEMPTS - 1);
  });

  it('leaves the other accounts alone', async () => {
    expect((await login('socialworker', 'mast-demo-socialworker')).status).toBe(200);
  });
});
