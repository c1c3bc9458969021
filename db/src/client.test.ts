import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './test-database.ts';
import { type Database, pingDatabase } from './client.ts';
import { addresses } from './schema/index.ts';

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

  it('finds an address by a misspelt fragment through the trigram index', async () => {
    await database.db.insert(addresses).values({
      uprn: 100000000042,
      street: 'Mill Lane',
      town: 'Mastbury',
      postcode: 'MB3 4RT',
      buildingNumber: '27',
      label: '27 Mill Lane, Mastbury',
      searchText: '27 MILL LANE MASTBURY MB3 4RT',
    });
    const rows = await database.query<{ uprn: number }>(
      sql`SELECT uprn FROM addresses WHERE search_text % ${'27 MIL LANE'} ORDER BY similarity(search_text, ${'27 MIL LANE'}) DESC`,
    );
    expect(rows.map((r) => Number(r.uprn))).toEqual([100000000042]);
  });

  it('refuses an involvement without a category (no row without its code)', async () => {
    await expect(database.query(sql`INSERT INTO involvements (feed, source_id, address_match, contact_date, lead_team_id, upload_id) VALUES ('police','x','unmatched','2026-01-01',1,1)`)).rejects.toThrow();
  });
});
