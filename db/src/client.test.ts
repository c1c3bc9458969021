import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './test-database.ts';
import { type Database, openDatabase, pingDatabase } from './client.ts';

describe(`database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('runs the committed migrations and answers', async () => {
    expect(await pingDatabase(database)).toBe(true);
    const tables = await database.query<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['addresses', 'involvements', 'persons', 'person_records', 'feed_uploads', 'rejected_rows', 'teams', 'users', 'sessions']),
    );
  });

  it('migrating again is harmless', async () => {
    await database.migrate();
    expect(await pingDatabase(database)).toBe(true);
  });

  it('refuses an involvement without a category (no row without its code)', async () => {
    await expect(database.query(sql`INSERT INTO involvements (feed, source_id, address_match, contact_date, lead_team_id, upload_id) VALUES ('police','x','unmatched','2026-01-01',1,1)`)).rejects.toThrow();
  });
});

describe('embedded PGlite settings', () => {
  it('runs with a small buffer pool and keeps the settings initdb wrote (UTC, ISO dates)', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const show = async (name: string) => Object.values((await database.query(sql.raw(`SHOW ${name}`)))[0]!)[0];
      // The buffer pool lives in WebAssembly memory that is never given back (client.ts).
      expect(await show('shared_buffers')).toBe('32MB');
      // Set without rewriting the data folder's postgresql.conf, so what initdb put there stays.
      expect(await show('TimeZone')).toBe('UTC');
      expect(await show('DateStyle')).toBe('ISO, MDY');
    } finally {
      await database.close();
    }
  });
});
