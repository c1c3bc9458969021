import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createAccount, getUserByUsername, openTestDatabase, sql, type Database } from '@mast/db';
import { hashPassword } from '../auth/password.ts';
import { AccountListResponseSchema, AccountResponseSchema, ApiErrorSchema, InviteDetailsSchema, InviteResponseSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';
import { tablesHolding } from '../test/tables-holding.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const NEW_PASSWORD = 'lantern-orchard-91';

describe(`account administration API (${backendName()})`, () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let clock = NOW;
  let admin: string;
  let ids: Record<string, number>;

  const send = (path: string, method = 'GET', cookie?: string, body?: unknown) =>
    app.request(`http://127.0.0.1:3000${path}`, {
      method,
      headers: { ...(cookie && { cookie }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const login = async (username: string, password: string) => {
    const res = await send('/api/auth/login', 'POST', undefined, { username, password });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe(code);
    return body.error;
  };
  const invite = async (body: unknown) => {
    const res = await send('/api/admin/users/invites', 'POST', admin, body);
    expect(res.status).toBe(201);
    const issued = InviteResponseSchema.parse(await res.json());
    return { ...issued, token: issued.link.split('#')[1]! };
  };
  const auditOf = (action: string) =>
    database.query<{ user_id: number | null; subject_kind: string; subject_id: string; detail: Record<string, unknown>; client: string | null; session_ref: string | null }>(
      sql`SELECT user_id, subject_kind, subject_id, detail, client, session_ref FROM audit_events WHERE action = ${action} ORDER BY id`,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
    app = createApp({ database, webRoot: false, now: () => clock });
    const rows = await database.query<{ id: number; username: string }>(sql`SELECT id, username FROM users`);
    ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
    admin = await login('admin', 'mast-demo-admin');
  });
  afterAll(async () => {
    await database?.close();
  });

  it("lists the administrator's own organisation's users and no one else's", async () => {
    const res = await send('/api/admin/users', 'GET', admin);
    expect(res.status).toBe(200);
    const list = AccountListResponseSchema.parse(await res.json());
    expect(list.organisation).toMatchObject({ name: 'Borough council', kind: 'council', signIn: 'password' });
    expect(list.users.map((u) => u.username).sort()).toEqual(['admin', 'analyst', 'governance', 'socialworker', 'steward']);
    expect(list.users.every((u) => u.status === 'active')).toBe(true);
  });

  it("answers 404, as for an id that does not exist, when asked about another organisation's user", async () => {
    const officer = ids.officer!;
    const police = await expectError(await send(`/api/admin/users/${officer}`, 'GET', admin), 404, 'not_found');
    const nobody = await expectError(await send('/api/admin/users/999999', 'GET', admin), 404, 'not_found');
    expect(police.message).toBe(nobody.message);
    await expectError(await send(`/api/admin/users/${officer}/disable`, 'POST', admin), 404, 'not_found');
    await expectError(await send(`/api/admin/users/${officer}/role`, 'POST', admin, { role: 'admin' }), 404, 'not_found');
    await expectError(await send(`/api/admin/users/${officer}/second-factor/reset`, 'POST', admin), 404, 'not_found');
    // The officer is untouched.
    expect((await getUserByUsername(database.db, 'officer'))).toMatchObject({ role: 'responder', disabledAt: null });
    const policeId = (await database.query<{ id: number }>(sql`SELECT id FROM organisations WHERE kind = 'police'`))[0]!.id;
    await expectError(await send(`/api/admin/organisations/${policeId}`, 'GET', admin), 404, 'not_found');
    const own = await send('/api/admin/organisations', 'GET', admin);
    expect(((await own.json()) as { organisations: { name: string }[] }).organisations.map((o) => o.name)).toEqual(['Borough council']);
  });

  it('refuses everyone but administrators, and answers 401 without a session', async () => {
    const steward = await login('steward', 'mast-demo-steward');
    await expectError(await send('/api/admin/users', 'GET', steward), 403, 'forbidden');
    await expectError(await send(`/api/admin/users/${ids.socialworker}/disable`, 'POST', steward), 403, 'forbidden');
    await expectError(await send('/api/admin/users/invites', 'POST', steward, { displayName: 'X', role: 'admin', username: 'x-user' }), 403, 'forbidden');
    await expectError(await send('/api/admin/users'), 401, 'unauthorized');
  });

  it('invites a practitioner with a one-time link that carries the token in its fragment; the invitee sets a password and signs in', async () => {
    const { link, token, invite: open } = await invite({ displayName: 'Ana Silva', role: 'practitioner', username: 'asilva' });
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite#[a-z2-7]{32}$/);
    expect(open.expiresAt).toBe(new Date(NOW.getTime() + 72 * 3600_000).toISOString());

    const details = InviteDetailsSchema.parse(await (await send('/api/invites/lookup', 'POST', undefined, { token })).json());
    expect(details).toMatchObject({ organisation: 'Borough council', displayName: 'Ana Silva', role: 'practitioner', username: 'asilva', signIn: 'password' });

    const weak = await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: 'short' }), 422, 'unprocessable');
    expect(weak.fields).toEqual(['password']);
    const accepted = await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ username: 'asilva' });
    const session = await login('asilva', NEW_PASSWORD);
    const me = (await (await send('/api/auth/me', 'GET', session)).json()) as { user: unknown };
    expect(me.user).toMatchObject({ role: 'practitioner', organisation: 'Borough council' });

    const again = await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD }), 409, 'conflict');
    expect(again.message).toMatch(/already been used/);
    // Neither the token nor the password is kept anywhere, not even in the audit trail.
    expect(await tablesHolding(database, token)).toEqual([]);
    expect(await tablesHolding(database, NEW_PASSWORD)).toEqual([]);
    const [audit] = await auditOf('admin-invite');
    expect(audit).toMatchObject({ user_id: ids.admin, subject_kind: 'invite', detail: { role: 'practitioner' } });
    expect(audit!.session_ref).toMatch(/^[0-9a-f]{16}$/);
    const [acceptance] = await auditOf('invite-accepted');
    expect(acceptance).toMatchObject({ subject_kind: 'invite', detail: { role: 'practitioner', signIn: 'password' } });
  });

  it('refuses an expired invitation with a clear message, and a link that was never issued', async () => {
    const { token } = await invite({ displayName: 'Late Comer', role: 'analyst', email: 'late@council.example' });
    clock = new Date(NOW.getTime() + 72 * 3600_000 + 1000);
    try {
      const expired = await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD, username: 'latecomer' }), 409, 'conflict');
      expect(expired.message).toMatch(/expired/);
      await expectError(await send('/api/invites/lookup', 'POST', undefined, { token }), 409, 'conflict');
    } finally {
      clock = NOW;
    }
    await expectError(await send('/api/invites/lookup', 'POST', undefined, { token: 'a'.repeat(32) }), 404, 'not_found');
    await expectError(await send('/api/invites/accept', 'POST', undefined, { token: 'not a token', password: NEW_PASSWORD }), 400, 'bad_request');
  });

  it('lets one of two simultaneous acceptances of a link succeed, not both', async () => {
    const { token } = await invite({ displayName: 'Twin Click', role: 'analyst', username: 'twinclick' });
    const answers = await Promise.all([1, 2].map(() => send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE username = 'twinclick'`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('lets the invitee choose a username when the invitation names none, but not a taken one', async () => {
    const { token } = await invite({ displayName: 'Ben Cole', role: 'supervisor', email: 'ben@council.example' });
    await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD }), 422, 'unprocessable');
    const taken = await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD, username: 'steward' }), 409, 'conflict');
    expect(taken.fields).toEqual(['username']);
    expect((await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD, username: 'bcole' })).status).toBe(201);
    await expectError(await send('/api/admin/users/invites', 'POST', admin, { displayName: 'Dup', role: 'analyst', username: 'bcole' }), 409, 'conflict');
    await expectError(await send('/api/admin/users/invites', 'POST', admin, { displayName: 'Nobody', role: 'analyst' }), 400, 'bad_request');
    await expectError(await send('/api/admin/users/invites', 'POST', admin, { displayName: 'Boss', role: 'overlord', username: 'boss' }), 400, 'bad_request');
  });

  it('changes a role, audits the old and new role, and ends the sessions started under the old one', async () => {
    const analyst = await login('analyst', 'mast-demo-analyst');
    const res = await send(`/api/admin/users/${ids.analyst}/role`, 'POST', admin, { role: 'data-steward' });
    expect(res.status).toBe(200);
    expect(AccountResponseSchema.parse(await res.json()).user.role).toBe('data-steward');
    expect((await send('/api/auth/me', 'GET', analyst)).status).toBe(401);
    const audits = await auditOf('admin-role-changed');
    expect(audits.at(-1)).toMatchObject({ user_id: ids.admin, subject_kind: 'user', subject_id: String(ids.analyst), detail: { from: 'analyst', to: 'data-steward' } });
    await expectError(await send(`/api/admin/users/${ids.admin}/role`, 'POST', admin, { role: 'analyst' }), 409, 'conflict');
  });

  it('disables a user at once (their session stops working, they cannot sign in), never oneself, and enables them again', async () => {
    const worker = await login('socialworker', 'mast-demo-socialworker');
    expect((await send('/api/auth/me', 'GET', worker)).status).toBe(200);
    const res = await send(`/api/admin/users/${ids.socialworker}/disable`, 'POST', admin);
    expect(res.status).toBe(200);
    expect(AccountResponseSchema.parse(await res.json()).user.status).toBe('disabled');
    expect((await send('/api/auth/me', 'GET', worker)).status).toBe(401);
    expect((await send('/api/auth/login', 'POST', undefined, { username: 'socialworker', password: 'mast-demo-socialworker' })).status).toBe(401);
    const [disabled] = await auditOf('admin-disabled');
    expect(disabled).toMatchObject({ subject_id: String(ids.socialworker), detail: { role: 'practitioner', sessionsEnded: 1 } });

    const self = await expectError(await send(`/api/admin/users/${ids.admin}/disable`, 'POST', admin), 409, 'conflict');
    expect(self.message).toMatch(/your own account/);
    expect((await send('/api/auth/me', 'GET', admin)).status).toBe(200);

    expect((await send(`/api/admin/users/${ids.socialworker}/enable`, 'POST', admin)).status).toBe(200);
    await login('socialworker', 'mast-demo-socialworker');
    expect(await auditOf('admin-enabled')).toHaveLength(1);
  });

  it("resets a user's second factor, ending their sessions, and audits it", async () => {
    const governance = await login('governance', 'mast-demo-governance');
    // As if they had set up an authenticator: the reset takes it away.
    await database.query(sql`UPDATE users SET totp_secret = 'sealed', totp_enabled_at = now() WHERE id = ${ids.governance}`);
    expect((await send(`/api/admin/users/${ids.governance}/second-factor/reset`, 'POST', admin)).status).toBe(200);
    const [factor] = await database.query<{ totp_secret: string | null; totp_enabled_at: string | null }>(sql`SELECT totp_secret, totp_enabled_at FROM users WHERE id = ${ids.governance}`);
    expect(factor).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect((await send('/api/auth/me', 'GET', governance)).status).toBe(401);
    const [reset] = await auditOf('admin-second-factor-reset');
    expect(reset).toMatchObject({ user_id: ids.admin, subject_id: String(ids.governance), detail: { sessionsEnded: 1 } });
  });

  it("withdraws an open invitation of the organisation, and no other organisation's", async () => {
    const { token, invite: open } = await invite({ displayName: 'Wrong Person', role: 'admin', username: 'wrongperson' });
    // An administrator of the police force finds no such invitation.
    const policeOrg = (await database.query<{ id: number }>(sql`SELECT id FROM organisations WHERE kind = 'police'`))[0]!.id;
    await createAccount(database.db, { username: 'police-admin', displayName: 'Police Admin', role: 'admin', organisationId: policeOrg, passwordHash: await hashPassword('police-admin-password') });
    const police = await login('police-admin', 'police-admin-password');
    await expectError(await send(`/api/admin/users/invites/${open.id}/withdraw`, 'POST', police), 404, 'not_found');
    expect((await send(`/api/admin/users/invites/${open.id}/withdraw`, 'POST', admin)).status).toBe(204);
    await expectError(await send(`/api/admin/users/invites/${open.id}/withdraw`, 'POST', admin), 404, 'not_found');
    const refused = await expectError(await send('/api/invites/accept', 'POST', undefined, { token, password: NEW_PASSWORD }), 409, 'conflict');
    expect(refused.message).toMatch(/expired/);
    expect((await auditOf('admin-invite-withdrawn')).map((a) => a.subject_id)).toEqual([String(open.id)]);
  });

  it('lists open invitations, not used or expired ones', async () => {
    const list = AccountListResponseSchema.parse(await (await send('/api/admin/users', 'GET', admin)).json());
    // Late Comer's has not expired on this clock; the others were used.
    expect(list.invites.map((i) => i.displayName)).toEqual(['Late Comer']);
    expect(list.users.map((u) => u.username)).toContain('asilva');
  });

  it('points the link at the public origin and keeps it the hours the server was given (MAST_PUBLIC_URL, MAST_INVITE_HOURS)', async () => {
    const configured = createApp({ database, webRoot: false, now: () => clock, publicOrigin: 'https://mast.example.org', inviteHours: 24 });
    const res = await configured.request('http://127.0.0.1:3000/api/admin/users/invites', {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Jo Public', role: 'practitioner', username: 'jpublic' }),
    });
    expect(res.status).toBe(201);
    const issued = InviteResponseSchema.parse(await res.json());
    expect(issued.link).toMatch(/^https:\/\/mast\.example\.org\/invite#[a-z2-7]{32}$/);
    expect(issued.invite.expiresAt).toBe(new Date(clock.getTime() + 24 * 3600_000).toISOString());
  });
});
