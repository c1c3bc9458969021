import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './test-database.ts';
import { MIGRATIONS_FOLDER, type Database } from './client.ts';

// Migration 0007 gives rows kept as possible before it their address key and a review item.
// Its SQL must fold addresses exactly as server/src/matching/address-key.ts does (same samples).
describe(`migration 0007 backfill of the address review queue (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keys possible rows like the server does and queues one item per key and candidate', async () => {
    await database.query(sql`INSERT INTO organisations (name, kind) VALUES ('Police force', 'police')`);
    await database.query(
      sql`INSERT INTO teams (organisation_id, feed, code, name, phone, hours)
          SELECT id, 'police', 'POL-NORTH', 'North', '01632 960001', '24/7' FROM organisations`,
    );
    await database.query(
      sql`INSERT INTO feed_uploads (feed, file_name, sha256, size_bytes, received_at, rows_total, rows_accepted, rows_rejected, ignored_columns)
          VALUES ('police', 'old.csv', 'x', 1, now(), 4, 4, 0, '{}')`,
    );
    const row = (id: string, text: string, postcode: string | null, candidate: number | null, match: string) =>
      database.query(
        sql`INSERT INTO involvements (feed, source_id, address_match, address_candidate_uprn, address_score, address_reasons, address_text, postcode,
                                      category, contact_date, lead_team_id, upload_id)
            SELECT 'police', ${id}, ${match}, ${candidate}::bigint, 45, ARRAY['house number', 'street (fuzzy)'], ${text}, ${postcode},
                   'drugs', '2026-11-01', (SELECT id FROM teams LIMIT 1), (SELECT id FROM feed_uploads LIMIT 1)`,
      );
    await row('A', '27 Mil Lane,', 'mb3 4rt', 100000000001, 'possible');
    await row('B', '27 MIL LANE', 'MB3 4RT', 100000000001, 'possible');
    await row('C', '  27   mil-lane ', null, 100000000001, 'possible');
    await row('D', 'Flat 2, 10 High St.', 'MB1  2AB', null, 'unmatched');

    const migration = readFileSync(join(MIGRATIONS_FOLDER, '0007_address_review_queue.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('-- Rows kept as possible'));
    for (const statement of backfill.split('--> statement-breakpoint')) await database.query(sql.raw(statement));

    const keys = await database.query<{ source_id: string; address_key: string | null }>(sql`SELECT source_id, address_key FROM involvements ORDER BY source_id`);
    expect(keys).toEqual([
      { source_id: 'A', address_key: '27 MIL LANE|MB34RT' },
      { source_id: 'B', address_key: '27 MIL LANE|MB34RT' },
      { source_id: 'C', address_key: '27 MIL LANE|' },
      { source_id: 'D', address_key: null },
    ]);
    const items = await database.query<{ address_key: string; candidate_uprn: string; status: string; reasons: string[] }>(
      sql`SELECT address_key, candidate_uprn::text, status, reasons FROM address_reviews ORDER BY address_key`,
    );
    expect(items).toEqual([
      { address_key: '27 MIL LANE|', candidate_uprn: '100000000001', status: 'open', reasons: ['house number', 'street (fuzzy)'] },
      { address_key: '27 MIL LANE|MB34RT', candidate_uprn: '100000000001', status: 'open', reasons: ['house number', 'street (fuzzy)'] },
    ]);
  });
});
