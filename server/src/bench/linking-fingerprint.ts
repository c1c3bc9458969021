// `tsx src/bench/linking-fingerprint.ts [--scale 0.2]`: ingests the synthetic borough's five
// feeds (seed 1, then seed 2 into the same database) on PGlite and prints every person record's
// person and every review pair with its weight, sorted. Two builds of the matcher that print the
// same lines made the same linking decisions: the check for work that should only make the
// matcher faster. Prints synthetic data only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, sql } from '@mast/db';
import { FEED_IDS } from '@mast/shared';
import { generateBorough } from '../demo/generate.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: '0.2' } } });
const dir = mkdtempSync(join(tmpdir(), 'mast-fingerprint-'));
const NOW = new Date('2026-07-01T02:00:00Z');
try {
  const database = await openDatabase({ dataDir: join(dir, 'db') });
  await database.migrate();
  let first = true;
  for (const seed of [1, 2]) {
    const gen = await generateBorough({ outDir: join(dir, `borough${seed}`), seed, scale: Number(args.scale), asOf: '2026-06-30' });
    if (first) {
      await loadTeams(database, gen.files.teams);
      await loadGazetteer(database, gen.files.gazetteer);
      first = false;
    }
    for (const feed of FEED_IDS) await ingestFeedFile(database, { feed, path: gen.files.feeds[feed], now: NOW });
  }
  const records = await database.query<{ feed: string; source_id: string; person_id: number }>(
    sql.raw('SELECT feed, source_id, person_id FROM person_records'),
  );
  const reviews = await database.query<{ a: string; b: string; weight: number; probability: number; evidence: unknown }>(
    sql.raw(`SELECT ra.feed || '/' || ra.source_id AS a, rb.feed || '/' || rb.source_id AS b, r.weight, r.probability, r.evidence
             FROM match_reviews r JOIN person_records ra ON ra.id = r.record_a JOIN person_records rb ON rb.id = r.record_b`),
  );
  const lines = [
    ...records.map((r) => `record ${r.feed}/${r.source_id} person ${r.person_id}`),
    ...reviews.map((r) => `review ${r.a} ${r.b} ${Number(r.weight).toFixed(6)} ${Number(r.probability).toFixed(6)} ${JSON.stringify(r.evidence)}`),
  ].sort();
  for (const l of lines) console.log(l);
  await database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
