import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServerDatabase, dropServerDatabase, getOrganisationByName, getUserByUsername, openDatabase, openTestDatabase, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';
import { runAccountsCommand, type CliIo } from './users-cli.ts';

const NOW = new Date('2026-11-20T09:00:00Z');

describe(`pnpm mast users / organisations (${backendName()})`, () => {
  let database: Database;
  let out: string[];
  let err: string[];
  let password = '';

  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readPassword: async () => password,
    now: () => NOW,
  };
  const run = async (command: 'users' | 'organisations', ...args: string[]) => {
    out = [];
    err = [];
    return runAccountsCommand(database, command, args, io);
  };
  const audits = (action: string) =>
    database.query<{ user_id: number | null; detail: Record<string, unknown> }>(sql`SELECT user_id, detail FROM audit_events WHERE action = ${action} ORDER BY id`);

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates the first administrator of a new organisation, refusing a weak password and a taken username', async () => {
    const args = ['create-admin', '--organisation', 'Northshire Police', '--kind', 'police', '--username', 'np-admin', '--display-name', 'Dana Marsh'];
    password = 'short';
    expect(await run('users', ...args)).toBe(1);
    expect(err.join()).toMatch(/password not accepted: Use at least 12 characters/);
    expect(await getUserByUsername(database.db, 'np-admin')).toBeUndefined();

    password = 'quarry-lantern-77';
    expect(await run('users', ...args)).toBe(0);
    const user = await getUserByUsername(database.db, 'np-admin');
    expect(user).toMatchObject({ role: 'admin', displayName: 'Dana Marsh' });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await getOrganisationByName(database.db, 'Northshire Police'))?.kind).toBe('police');
    expect(await audits('admin-user-created')).toEqual([{ user_id: null, detail: { role: 'admin', via: 'cli' } }]);

    expect(await run('users', ...args)).toBe(1);
    expect(err.join()).toMatch(/username is taken/);
    expect(await run('users', 'create-admin', '--organisation', 'Northshire Police', '--kind', 'fire', '--username', 'np2', '--display-name', 'X')).toBe(1);
    expect(await run('users', 'create-admin', '--organisation', 'X', '--kind', 'army', '--username', 'x1', '--display-name', 'X')).toBe(2);
  });

  it('invites with a link on MAST_PUBLIC_URL that the API accepts once', async () => {
    process.env.MAST_PUBLIC_URL = 'https://mast.example.org';
    try {
      expect(await run('users', 'invite', '--organisation', 'Borough council', '--role', 'practitioner', '--display-name', 'Kim Lee', '--username', 'klee')).toBe(0);
    } finally {
      delete process.env.MAST_PUBLIC_URL;
    }
    const link = out.join('\n').match(/https:\/\/mast\.example\.org\/invite#([a-z2-7]{32})/);
    expect(link).not.toBeNull();
    const app = createApp({ database, webRoot: false, now: () => NOW });
    const accept = await app.request('/api/invites/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link![1], password: 'tidal-meadow-204' }) });
    expect(accept.status).toBe(201);
    expect(await audits('admin-invite')).toMatchObject([{ user_id: null, detail: { role: 'practitioner', via: 'cli' } }]);

    expect(await run('users', 'invite', '--organisation', 'Nowhere', '--role', 'practitioner', '--display-name', 'A', '--username', 'a1')).toBe(1);
    expect(await run('users', 'invite', '--organisation', 'Borough council', '--role', 'boss', '--display-name', 'A', '--username', 'a1')).toBe(2);
  });

  it('lists, changes a role, disables and enables, each audited as done at the command line', async () => {
    expect(await run('users', 'list', '--organisation', 'Borough council')).toBe(0);
    expect(out[0]).toMatch(/^Borough council \(council, signs in by password\): 6 users$/);
    expect(out.join('\n')).toMatch(/klee\s+practitioner\s+active/);
    expect(out.join('\n')).not.toMatch(/PC Alex Morgan/);

    expect(await run('users', 'set-role', 'klee', 'supervisor')).toBe(0);
    expect((await getUserByUsername(database.db, 'klee'))?.role).toBe('supervisor');
    expect((await audits('admin-role-changed')).at(-1)).toEqual({ user_id: null, detail: { from: 'practitioner', to: 'supervisor', via: 'cli' } });

    expect(await run('users', 'disable', 'klee')).toBe(0);
    expect((await getUserByUsername(database.db, 'klee'))?.disabledAt).toEqual(NOW);
    expect(await run('users', 'enable', 'klee')).toBe(0);
    expect((await getUserByUsername(database.db, 'klee'))?.disabledAt).toBeNull();
    expect((await audits('admin-disabled')).map((a) => a.detail.via)).toEqual(['cli']);

    expect(await run('users', 'disable', 'nobody-here')).toBe(1);
    expect(await run('users', 'set-role', 'klee', 'king')).toBe(2);
    expect(await run('users', 'list', '--colour')).toBe(2);
  });

  it('adds organisations and sets one to sign in through OpenID Connect, keeping only the name of the secret variable', async () => {
    expect(await run('organisations', 'add', 'Coast NHS Trust', '--kind', 'nhs')).toBe(0);
    expect(await run('organisations', 'add', 'Coast NHS Trust', '--kind', 'nhs')).toBe(1);
    expect(await run('organisations', 'set-oidc', 'Coast NHS Trust', '--issuer', 'http://idp.example.org', '--client-id', 'mast', '--client-secret-env', 'MAST_OIDC_SECRET_COAST')).toBe(1);
    expect(await run('organisations', 'set-oidc', 'Coast NHS Trust', '--issuer', 'https://idp.example.org/', '--client-id', 'mast', '--client-secret-env', 'secret-value')).toBe(2);
    expect(await run('organisations', 'set-oidc', 'Coast NHS Trust', '--issuer', 'https://idp.example.org/', '--client-id', 'mast', '--client-secret-env', 'MAST_OIDC_SECRET_COAST')).toBe(0);
    expect(await getOrganisationByName(database.db, 'Coast NHS Trust')).toMatchObject({
      signIn: 'oidc',
      oidcIssuer: 'https://idp.example.org',
      oidcClientId: 'mast',
      oidcClientSecretEnv: 'MAST_OIDC_SECRET_COAST',
    });
    expect(await run('organisations', 'list')).toBe(0);
    expect(out.join('\n')).toMatch(/Coast NHS Trust\s+nhs\s+oidc\s+OpenID Connect: https:\/\/idp\.example\.org client mast, secret from \$MAST_OIDC_SECRET_COAST/);
    expect(await run('organisations', 'set-oidc', 'Coast NHS Trust', '--off')).toBe(0);
    expect((await getOrganisationByName(database.db, 'Coast NHS Trust'))?.signIn).toBe('password');
    expect((await audits('admin-sign-in-changed')).map((a) => a.detail)).toEqual([
      { from: 'password', to: 'oidc', via: 'cli' },
      { from: 'oidc', to: 'password', via: 'cli' },
    ]);
  });

  it('runs as `pnpm mast users create-admin --password-stdin` against a real database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mast-users-cli-'));
    const adminUrl = process.env.DATABASE_URL;
    const name = `mast_test_${randomBytes(6).toString('hex')}`;
    const env: NodeJS.ProcessEnv = { ...process.env, MAST_DATA_DIR: dir };
    if (adminUrl) env.DATABASE_URL = await createServerDatabase(adminUrl, name);
    try {
      const cli = (args: string[], input = '') =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: join(import.meta.dirname, '../..'), env, input, encoding: 'utf8', timeout: 60_000 });
      expect(cli(['help']).stdout).toMatch(/^  users create-admin --organisation NAME/m);
      const args = ['users', 'create-admin', '--organisation', 'Borough council', '--kind', 'council', '--username', 'first-admin', '--display-name', 'First Admin', '--password-stdin'];
      const weak = cli(args, 'password\n');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toMatch(/password not accepted/);
      const made = cli(args, 'kettle-harbour-3001\n');
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      expect(made.stdout).toMatch(/first-admin is an administrator of Borough council/);
      const check = await openDatabase(adminUrl ? { url: env.DATABASE_URL! } : { dataDir: dir });
      try {
        expect(await getUserByUsername(check.db, 'first-admin')).toMatchObject({ role: 'admin' });
      } finally {
        await check.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (adminUrl) await dropServerDatabase(adminUrl, name);
    }
  }, 90_000);
});
