// The row-stage worker is kept between files so that the gazetteer is read, sent and indexed
// once, not for every file. What must hold: later files reuse it and still get the stewards'
// newest decisions; a changed gazetteer is never matched against the old one; a worker stopped
// mid-file fails that file (nothing applied) and the next file gets a fresh one; an idle worker
// is stopped, freeing the gazetteer it holds; a gazetteer too big for one message (a region's)
// reaches the worker whole, in parts.
import { describe, it, expect, afterAll } from 'vitest';
import { decideAddressReview, sql, type Database } from '@mast/db';
import { ingestFeedFile } from './ingest.ts';
import { keepIdleStageWorkerFor, stageWorkerStats, stopStageWorker } from './row-stage-pool.ts';
import { sendGazetteerInPartsOf } from './row-stage-client.ts';
import { loadGazetteer } from '../gazetteer/load-reference-data.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { GAZETTEER_CSV, backendName, withSmallBorough } from '../test/small-borough.ts';

const NOW = new Date('2026-11-20T06:10:00Z');
const HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';

/** Rows all at one address: enough of them to take several batches when `rows` is large. */
function file(prefix: string, address: string, postcode = '', rows = 3): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}-${i},2026-10-01,drugs,,,,,,${address},${postcode},POL-NORTH`);
  return lines.join('\n') + '\n';
}

describe(`the row-stage worker kept between files (${backendName()})`, () => {
  const borough = withSmallBorough();
  let n = 0;
  const ingest = (content: string) => ingestFeedFile(borough.database, { feed: 'police', path: borough.files.write(`police-${++n}.csv`, content), now: NOW, rowStage: 'worker' });
  const stored = (database: Database, sourceId: string) =>
    database.query<{ uprn: string | null; address_match: string }>(sql`SELECT uprn::text, address_match FROM involvements WHERE source_id = ${sourceId}`);
  afterAll(() => stopStageWorker());

  it('stages later files in the same worker, without sending the gazetteer again, and with the newest decisions', async () => {
    await ingest(file('A', '27 Mil Lane'));
    const first = stageWorkerStats();
    expect(first.threadId).toBeDefined();
    expect(await stored(borough.database, 'A-1')).toEqual([{ uprn: null, address_match: 'possible' }]);

    // A steward decides the uncertain address between files: the next file must know it.
    await seedDemoUsers(borough.database.db);
    const [review] = await borough.database.query<{ id: number }>(sql`SELECT id FROM address_reviews WHERE candidate_uprn = 100000000001`);
    const [steward] = await borough.database.query<{ id: number }>(sql`SELECT id FROM users WHERE username = 'steward'`);
    await decideAddressReview(borough.database.db, Number(review!.id), 'same', Number(steward!.id));
    // A file refused at its header stops the worker's reading, not the worker.
    await expect(ingest('incident_id,category\nPOL-1,drugs\n')).rejects.toMatchObject({ code: 'bad_header' });
    await ingest(file('B', '27 Mil Lane'));

    expect(stageWorkerStats()).toMatchObject({ threadId: first.threadId, gazetteersSent: first.gazetteersSent });
    expect(await stored(borough.database, 'B-1')).toEqual([{ uprn: '100000000001', address_match: 'confirmed' }]);
  });

  it('matches the file after a gazetteer load against the new gazetteer, in a new worker', async () => {
    const before = stageWorkerStats();
    await ingest(file('C', '3 Orchard Close', 'MB4 1ZZ'));
    expect(await stored(borough.database, 'C-1')).toEqual([{ uprn: null, address_match: 'unmatched' }]);

    await loadGazetteer(borough.database, borough.files.write('gazetteer-2.csv', `${GAZETTEER_CSV}100000000030,,,,3,Orchard Close,Northfield,Mastbury,MB4 1ZZ,52.583,-1.983\n`));
    await ingest(file('D', '3 Orchard Close', 'MB4 1ZZ'));

    expect(await stored(borough.database, 'D-1')).toEqual([{ uprn: '100000000030', address_match: 'matched' }]);
    const after = stageWorkerStats();
    expect(after.threadId).not.toBe(before.threadId);
    expect(after.gazetteersSent).toBe(before.gazetteersSent + 1);
  });

  it('fails a file whose worker is stopped mid-file, applying none of it, and gives the next file a fresh worker', async () => {
    await ingest(file('E', '27 Mill Lane'));
    const before = stageWorkerStats();
    const uploads = async () => (await borough.database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feed_uploads`))[0]!.n;
    const uploadsBefore = await uploads();
    let stopped = false;
    const attempt = ingestFeedFile(borough.database, {
      feed: 'police',
      path: borough.files.write('police-stopped.csv', file('F', '27 Mill Lane', '', 12_000)),
      now: NOW,
      rowStage: 'worker',
      // After the first batch is written, the worker goes (as at a shutdown, or a crash).
      progress: async () => {
        if (!stopped) await stopStageWorker();
        stopped = true;
      },
    });
    await expect(attempt).rejects.toThrow(/row stage/);
    expect(await uploads()).toBe(uploadsBefore);
    expect(await stored(borough.database, 'F-1')).toEqual([]);

    await ingest(file('G', '27 Mill Lane'));
    expect(await stored(borough.database, 'G-1')).toEqual([{ uprn: '100000000001', address_match: 'matched' }]);
    const after = stageWorkerStats();
    expect(after.threadId).toBeDefined();
    expect(after.threadId).not.toBe(before.threadId);
    expect(after.gazetteersSent).toBe(before.gazetteersSent + 1);
  });

  it('stops a worker left idle, and starts another for the next file', async () => {
    keepIdleStageWorkerFor(300);
    try {
      await ingest(file('H', '27 Mill Lane'));
      const used = stageWorkerStats();
      expect(used.threadId).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(stageWorkerStats().threadId).toBeUndefined();

      await ingest(file('I', '27 Mill Lane'));
      expect(await stored(borough.database, 'I-1')).toEqual([{ uprn: '100000000001', address_match: 'matched' }]);
      expect(stageWorkerStats().gazetteersSent).toBe(used.gazetteersSent + 1);
    } finally {
      keepIdleStageWorkerFor(3 * 60_000);
    }
  });

  it('sends the worker the gazetteer in parts, and matches against all of it', async () => {
    await stopStageWorker();
    // Parts of two addresses: the small borough's gazetteer goes in several. A row for each of
    // its addresses, by UPRN: each is "given" only if its address reached the worker's matcher.
    const uprns = (await borough.database.query<{ uprn: string }>(sql`SELECT uprn::text FROM addresses ORDER BY uprn`)).map((r) => r.uprn);
    expect(uprns.length).toBeGreaterThan(2 * 2);
    const lines = [HEADER, ...uprns.map((u, i) => `P-${i},2026-10-01,drugs,,,,,${u},,,POL-NORTH`)];
    sendGazetteerInPartsOf(2);
    try {
      await ingest(lines.join('\n') + '\n');
    } finally {
      sendGazetteerInPartsOf(100_000);
    }
    const rows = await borough.database.query<{ uprn: string; address_match: string }>(
      sql`SELECT uprn::text, address_match FROM involvements WHERE source_id LIKE 'P-%' ORDER BY uprn`,
    );
    expect(rows).toEqual(uprns.map((uprn) => ({ uprn, address_match: 'given' })));
  });

  it('stages a small file in the kept worker when it already holds the gazetteer, unasked', async () => {
    await ingest(file('S', '27 Mill Lane'));
    const before = stageWorkerStats();
    // No rowStage: a file this small would be read in the ingest's own thread, building the
    // matcher again, but the kept worker already has it.
    await ingestFeedFile(borough.database, { feed: 'police', path: borough.files.write('police-small.csv', file('T', '27 Mill Lane')), now: NOW });
    expect(await stored(borough.database, 'T-1')).toEqual([{ uprn: '100000000001', address_match: 'matched' }]);
    expect(stageWorkerStats()).toEqual({ ...before, filesStaged: before.filesStaged + 1 });
    // With no worker kept, a small file of a small gazetteer stays in the ingest's own thread.
    await stopStageWorker();
    await ingestFeedFile(borough.database, { feed: 'police', path: borough.files.write('police-small-2.csv', file('U', '27 Mill Lane')), now: NOW });
    expect(await stored(borough.database, 'U-1')).toEqual([{ uprn: '100000000001', address_match: 'matched' }]);
    expect(stageWorkerStats()).toEqual({ threadId: undefined, gazetteersSent: before.gazetteersSent, filesStaged: before.filesStaged + 1 });
  });
});
