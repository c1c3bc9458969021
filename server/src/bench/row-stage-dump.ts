// Dumps what the row stage decided for the synthetic borough's five feeds (every involvement's
// address outcome and every rejection), sorted, so a change to the row stage can be checked to
// give the same results: run before and after, and compare the two files byte for byte.
// Usage: tsx row-stage-dump.ts <out-file> <seed> <scale> [worker|thread]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEED_IDS } from '@mast/shared';
import { openDatabase, sql } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';

const [out, seed, scale, stage] = process.argv.slice(2);
if (!out || !seed || !scale) throw new Error('usage: row-stage-dump.ts <out-file> <seed> <scale> [worker|thread]');
const dir = mkdtempSync(join(tmpdir(), 'mast-stage-dump-'));
try {
  const asOf = '2026-11-19';
  const g = await generateBorough({ outDir: join(dir, 'borough'), seed: Number(seed), scale: Number(scale), asOf });
  const database = await openDatabase({ dataDir: join(dir, 'db') });
  await database.migrate();
  await loadTeams(database, g.files.teams);
  await loadGazetteer(database, g.files.gazetteer);
  const now = new Date('2026-11-20T06:00:00Z');
  for (const feed of FEED_IDS) {
    await ingestFeedFile(database, { feed, path: g.files.feeds[feed], now, rowStage: (stage ?? 'worker') as 'worker' | 'thread' });
  }
  const inv = await database.query<Record<string, unknown>>(sql`
    SELECT feed, source_id, uprn::text AS uprn, address_match, address_candidate_uprn::text AS cand,
           to_char(address_score::numeric, 'FM999990.000000') AS score, address_key, address_reasons,
           person_id::text AS person_id, category, contact_date::text AS contact_date, attendance, open, sensitive, address_text, postcode
    FROM involvements ORDER BY feed, source_id`);
  const rej = await database.query<Record<string, unknown>>(sql`
    SELECT u.feed, r.row_number, r.reasons FROM rejected_rows r JOIN feed_uploads u ON u.id = r.upload_id
    ORDER BY u.feed, r.row_number`);
  const people = await database.query<Record<string, unknown>>(sql`
    SELECT feed, source_id, person_id::text AS person_id, given_name, family_name, date_of_birth::text AS dob, sex, nhs_number, uprn::text AS uprn
    FROM person_records ORDER BY feed, source_id, id`);
  const lines = [inv, rej, people].flatMap((rows) => rows.map((r) => JSON.stringify(r)));
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${inv.length} involvements, ${rej.length} rejections -> ${out}`);
  await database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
