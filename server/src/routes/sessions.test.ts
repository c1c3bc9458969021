// How long a session lasts, and the ways it ends at once: idle timeout, the shift's absolute
// limit, sign out everywhere, a disabled account, a password change.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { deleteExpiredSessions, openTestDatabase, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';
import { sweepSessions } from '../auth/session-sweeps.ts';

describe(`sessions (${backendName()})`, () => {
  let database: Database;
  let clock = new Date('2026-11-20T08:00:00Z');
  const app = () => createApp({ database, now: () => clock, webRoot: false, requireSecondFactor: false, sessions: { idleMinutes: 30, hours: 12 } });
  const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const signIn = async (username: string, password = `mast-demo-${username}`) => {
    const res = await app().request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const me = async (cookie: string) => (await app().request('/api/auth/me', { headers: { cookie } })).status;
  const post = (path: string, cookie: string, body?: unknown) =>
    app().request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const lastSeen = async (cookie: string) => {
    const { sessionIdOf } = await import('../auth/session.ts');
    const [r] = await database.query<{ at: string }>(sql`SELECT last_seen_at::text AS at FROM sessions WHERE id = ${sessionIdOf(cookie.split('=')[1]!)}`);
    return r ? new Date(r.at).getTime() : undefined;
  };

  it('ends after 30 minutes without a request, and lasts while used', async () => {
    clock = new Date('2026-11-20T08:00:00Z');
    const cookie = await signIn('officer');
    const start = clock;
    clock = new Date(start.getTime() + 29 * 60_000);
    expect(await me(cookie)).toBe(200);
    clock = new Date(start.getTime() + 58 * 60_000);
    expect(await me(cookie)).toBe(200);
    clock = new Date(start.getTime() + 88 * 60_000 + 1000);
    expect(await me(cookie)).toBe(401);
  });

  it('tells the sign-in page whether the browser is signed in, with a 200 either way', async () => {
    clock = new Date('2026-11-20T12:00:00Z');
    const status = async (cookie?: string) => {
      const res = await app().request('/api/auth/status', cookie ? { headers: { cookie } } : {});
      expect(res.status).toBe(200);
      return ((await res.json()) as { signedIn: boolean }).signedIn;
    };
    expect(await status()).toBe(false);
    expect(await status('__Host-mast_session=not-a-session')).toBe(false);
    const cookie = await signIn('firefighter');
    expect(await status(cookie)).toBe(true);
    clock = minutes(31);
    expect(await status(cookie)).toBe(false);
  });

  it('writes the last-seen time at most once a minute, not on every request', async () => {
    clock = new Date('2026-11-20T09:00:00Z');
    const cookie = await signIn('nurse');
    const first = await lastSeen(cookie);
    clock = minutes(0.5);
    expect(await me(cookie)).toBe(200);
    expect(await lastSeen(cookie)).toBe(first);
    clock = minutes(0.6);
    expect(await me(cookie)).toBe(200);
    expect(await lastSeen(cookie)).toBe(clock.getTime());
  });

  it('ends after a 12-hour shift however busy', async () => {
    clock = new Date('2026-11-20T10:00:00Z');
    const cookie = await signIn('firefighter');
    for (let i = 1; i <= 35; i++) {
      clock = new Date(Date.parse('2026-11-20T10:00:00Z') + i * 20 * 60_000);
      expect(await me(cookie), `after ${i * 20} minutes`).toBe(200);
    }
    clock = new Date('2026-11-20T22:00:01Z');
    expect(await me(cookie)).toBe(401);
  });

  it('signs out everywhere: every session of the user ends, others are untouched', async () => {
    clock = new Date('2026-11-21T08:00:00Z');
    const phone = await signIn('socialworker');
    const laptop = await signIn('socialworker');
    const someoneElse = await signIn('analyst');
    expect((await post('/api/auth/logout-everywhere', phone)).status).toBe(204);
    expect(await me(phone)).toBe(401);
    expect(await me(laptop)).toBe(401);
    expect(await me(someoneElse)).toBe(200);
    const [audit] = await database.query<{ detail: { sessionsEnded: number } }>(sql`SELECT detail FROM audit_events WHERE action = 'logout-everywhere' ORDER BY id DESC LIMIT 1`);
    expect(audit!.detail.sessionsEnded).toBe(2);
  });

  it("stops a disabled user's session at once, and their password no longer signs in", async () => {
    clock = new Date('2026-11-21T09:00:00Z');
    const cookie = await signIn('governance');
    expect(await me(cookie)).toBe(200);
    await database.db.execute(sql`UPDATE users SET disabled_at = now() WHERE username = 'governance'`);
    expect(await me(cookie)).toBe(401);
    const again = await app().request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'governance', password: 'mast-demo-governance' }) });
    expect(again.status).toBe(401);
    await database.db.execute(sql`UPDATE users SET disabled_at = NULL WHERE username = 'governance'`);
  });

  it('changes the password with the current one, refusing a common or short one, and ends the other sessions', async () => {
    clock = new Date('2026-11-21T10:00:00Z');
    const here = await signIn('admin');
    const elsewhere = await signIn('admin');
    expect((await post('/api/account/password', here, { currentPassword: 'wrong-password', newPassword: 'a-long-new-passphrase' })).status).toBe(401);
    const common = await post('/api/account/password', here, { currentPassword: 'mast-demo-admin', newPassword: 'QWERTY123456' });
    expect(common.status).toBe(422);
    expect(((await common.json()) as { error: { message: string } }).error.message).toMatch(/common passwords/);
    expect((await post('/api/account/password', here, { currentPassword: 'mast-demo-admin', newPassword: 'short' })).status).toBe(422);
    expect(await me(elsewhere)).toBe(200);

    expect((await post('/api/account/password', here, { currentPassword: 'mast-demo-admin', newPassword: 'harbour-lantern-quietly-9' })).status).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    const old = await app().request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'mast-demo-admin' }) });
    expect(old.status).toBe(401);
    await signIn('admin', 'harbour-lantern-quietly-9');
  });

  it('purges sessions past their limit or idle, and keeps live ones', async () => {
    clock = new Date('2026-11-22T08:00:00Z');
    await database.db.execute(sql`DELETE FROM sessions`);
    const idle = await signIn('officer');
    clock = minutes(31);
    const live = await signIn('nurse');
    const removed = await deleteExpiredSessions(database.db, clock, 30 * 60);
    expect(removed).toBe(1);
    expect(await lastSeen(idle)).toBeUndefined();
    expect(await me(live)).toBe(200);
    clock = new Date('2026-11-22T21:00:00Z');
    expect(await deleteExpiredSessions(database.db, clock, 30 * 60)).toBe(1);
  });

  it('the periodic sweep removes expired sessions and quiet sign-in counters, and leaves upload counters alone', async () => {
    clock = new Date('2026-11-23T08:00:00Z');
    await database.db.execute(sql`DELETE FROM sessions`);
    await database.db.execute(sql`DELETE FROM rate_limits`);
    await signIn('officer');
    await app().request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'no-such-user', password: 'guess-guess-guess' }) });
    await database.db.execute(sql`INSERT INTO rate_limits (key, window_start, count) VALUES ('upload:police', '2026-11-23T07:00:00Z', 3)`);
    expect(await sweepSessions(database, { idleMinutes: 30, hours: 12 }, minutes(20))).toEqual({ sessions: 0, counters: 0 });
    // The officer's account and client counters, the stranger's account+client and account ones.
    expect(await sweepSessions(database, { idleMinutes: 30, hours: 12 }, minutes(61))).toEqual({ sessions: 1, counters: 4 });
    const left = await database.query<{ key: string }>(sql`SELECT key FROM rate_limits`);
    expect(left.map((r) => r.key)).toEqual(['upload:police']);
  });
});
