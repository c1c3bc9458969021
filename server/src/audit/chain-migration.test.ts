// Migration 0020 chains the audit entries written before the chain existed, in the order they
// were written, and the chain then carries on from them: audit verify checks old and new alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MIGRATIONS_FOLDER, createServerDatabase, dropServerDatabase, openDatabase, recordAudit, chainAllPendingAudit, sql, type Database } from '@mast/db';
import { verifyAuditChain } from './verify-chain.ts';

const CHAIN_MIGRATION = '0020_audit_hash_chain_and_home_postcode.sql';
let database: Database;
let dropName: string | undefined;

async function apply(file: string) {
  const text = readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await database.query(sql.raw(statement));
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    dropName = `mast_test_${randomBytes(6).toString('hex')}`;
    database = await openDatabase({ url: await createServerDatabase(url, dropName), poolSize: 2 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
});
afterAll(async () => {
  await database?.close();
  if (dropName) await dropServerDatabase(process.env.DATABASE_URL!, dropName);
});

describe('migration 0020 on a trail that has entries already', () => {
  it('chains them by id and the chain carries on', async () => {
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort();
    for (const f of files.slice(0, files.indexOf(CHAIN_MIGRATION))) await apply(f);
    await database.query(sql`INSERT INTO organisations (name, kind) VALUES ('Police force', 'police')`);
    await database.query(sql`INSERT INTO users (username, display_name, role, organisation_id, password_hash) SELECT 'officer', 'PC', 'responder', id, 'x' FROM organisations`);
    await database.query(sql`INSERT INTO audit_events (user_id, action, uprn, detail, at)
                             SELECT u.id, 'view-address', 100000000000 + g, '{"shown": ["police"]}'::jsonb, now() - g * interval '1 hour'
                               FROM users u, generate_series(1, 30) g`);
    await database.query(sql`INSERT INTO audit_events (user_id, action) VALUES (NULL, 'login-failed')`);

    await apply(CHAIN_MIGRATION);

    const old = await database.query<{ id: string; seq: string }>(sql`SELECT id::text, seq::text FROM audit_events ORDER BY audit_events.id`);
    expect(old.map((r) => Number(r.seq))).toEqual(old.map((_, i) => i + 1));
    // The migrations after it (entries chained after their commit, 0022) carry the chain on.
    for (const f of files.slice(files.indexOf(CHAIN_MIGRATION) + 1)) await apply(f);
    await recordAudit(database.db, { userId: null, action: 'login' });
    await chainAllPendingAudit(database.db);
    const report = await verifyAuditChain(database.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBe(32);
    // The last entry before the chain is anchored, so the administrator can copy it at once.
    const [anchor] = await database.query<{ seq: string }>(sql`SELECT seq::text FROM audit_anchors ORDER BY audit_anchors.seq LIMIT 1`);
    expect(anchor!.seq).toBe('31');
  });
});
