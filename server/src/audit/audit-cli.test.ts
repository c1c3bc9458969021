// `pnpm mast audit verify` and `audit anchor` as an administrator runs them: a real process, its
// exit code and what it prints, on the database the tests use (PostgreSQL by DATABASE_URL, or a
// PGlite data folder while nothing else has it open).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, dropServerDatabase, openDatabase, recordAudit, sql, type Database } from '@mast/db';

const CLI = new URL('../cli.ts', import.meta.url).pathname;
let env: NodeJS.ProcessEnv;
let dataDir: string | undefined;
let serverDb: string | undefined;

async function open(): Promise<Database> {
  const url = env.DATABASE_URL;
  return url ? openDatabase({ url, poolSize: 2 }) : openDatabase({ dataDir: dataDir! });
}

/** Runs a step on the database, closed again afterwards (PGlite: one process at a time). */
async function withDb(fn: (d: Database) => Promise<void>) {
  const d = await open();
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}

function mast(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    serverDb = `mast_test_cli_${process.pid}`;
    env = { ...process.env, DATABASE_URL: await createServerDatabase(process.env.DATABASE_URL, serverDb) };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'mast-audit-cli-'));
    env = { ...process.env, MAST_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
  }
  await withDb(async (d) => {
    await d.migrate();
    for (let i = 0; i < 25; i++) await recordAudit(d.db, { userId: null, action: 'view-address', uprn: 100000000001 + i, purpose: 'home-visit' });
  });
}, 60_000);

afterAll(async () => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (serverDb) await dropServerDatabase(process.env.DATABASE_URL!, serverDb);
});

describe('pnpm mast audit', () => {
  let anchor: string;

  it('anchor --now prints SEQ:HASH to copy out', () => {
    const r = mast('audit', 'anchor', '--now');
    expect(r.code).toBe(0);
    anchor = r.out.split('\n')[0]!;
    expect(anchor).toMatch(/^25:[0-9a-f]{64}$/);
  }, 60_000);

  it('verify exits 0 and says how many entries it checked', () => {
    const r = mast('audit', 'verify', '--anchor', anchor);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit chain intact: 25 entries checked/);
  }, 60_000);

  it('refuses an anchor it cannot read', () => {
    const r = mast('audit', 'verify', '--anchor', '25:nothex');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--anchor needs SEQ:HASH/);
  }, 60_000);

  it('verify exits 1 naming the entry edited behind its triggers', async () => {
    await withDb(async (d) => {
      await d.query(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_chained_once`);
      await d.query(sql`UPDATE audit_events SET purpose = 'attending-incident' WHERE seq = 17`);
      await d.query(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_chained_once`);
    });
    const r = mast('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/BROKEN at entry 17: entry 17 was edited/);
  }, 60_000);
});
