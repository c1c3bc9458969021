// A big file is read and address-matched in a worker thread, on another core. It must make no
// difference to what lands: the same report and the same rows as reading it in the ingest's own
// thread, and the same refusals.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { ingestFeedFile } from './ingest.ts';
import { FeedFileError } from './feed-file-error.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

// The rows' fixed dates are within the 12 months mast keeps from this upload date, whatever the
// real date (rows already due for retention would be refused, never written).
const NOW = new Date('2026-11-20T06:10:00Z');
const HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team,notes';
const PEOPLE = [
  ['Sandra', 'Kelly', '1971-03-14', 'F'],
  ['Sandy', 'Kelly', '1971-03-14', 'F'],
  ['Leanne', 'Kelly', '1996-08-02', 'F'],
  ['Tom', 'Okafor', '1988-12-01', 'M'],
];
const ADDRESSES = [
  ['', '27 Mill Ln', 'MB3 4RT'],
  ['', '"Flat 2, 10 High Street"', 'MB1 2AB'],
  ['100000000014', '', ''],
  ['', '5 Station Rd', ''],
  ['', '12 Nowhere Road', ''],
];

/** 1,500 rows: people and addresses in many combinations, every tenth row bad in some way. */
function bigFile(): string {
  const lines = [HEADER];
  for (let i = 1; i <= 1500; i++) {
    const [given, family, dob, sex] = i % 3 === 0 ? ['', '', '', ''] : PEOPLE[i % PEOPLE.length]!;
    const [uprn, address, postcode] = ADDRESSES[i % ADDRESSES.length]!;
    const date = i % 10 === 7 ? '2026-02-30' : '2026-10-01';
    const team = i % 10 === 9 ? 'NOT-A-TEAM' : 'POL-NORTH';
    lines.push(`POL-${i % 1400},${date},drugs,${given},${family},${dob},${sex},${uprn},${address},${postcode},${team},SECRET-${i}`);
  }
  return lines.join('\n');
}

describe(`ingest reads big files in a worker thread (${backendName()})`, () => {
  const dbs: Database[] = [];
  let files: TempFiles;
  beforeAll(async () => {
    files = tempFiles();
    for (let k = 0; k < 2; k++) {
      const database = await openTestDatabase();
      await loadSmallBorough(database, files);
      dbs.push(database);
    }
  });
  afterAll(async () => {
    for (const d of dbs) await d.close();
    files?.remove();
  });

  const stored = (database: Database) =>
    database.query(
      sql`SELECT i.source_id, i.uprn, i.address_match, i.address_candidate_uprn, i.person_id, pr.given_name, i.lead_team_id
          FROM involvements i LEFT JOIN person_records pr ON pr.id = i.person_record_id ORDER BY i.source_id`,
    );

  it('lands the same report and the same rows as reading in the ingest thread', async () => {
    const path = files.write('police-big.csv', bigFile());
    const inThread = await ingestFeedFile(dbs[0]!, { feed: 'police', path, now: NOW, rowStage: 'thread' });
    const inWorker = await ingestFeedFile(dbs[1]!, { feed: 'police', path, now: NOW, rowStage: 'worker' });
    expect(inWorker.rows).toBe(1500);
    expect(inWorker.accepted + inWorker.rejected).toBe(1500);
    expect(inWorker.rejected).toBe(300);
    expect(inWorker.people.linked).toBeGreaterThan(0);
    expect(inWorker.addressesMatched).toBeGreaterThan(0);
    expect(inWorker.addressesUnmatched).toBeGreaterThan(0);
    expect({ ...inWorker, uploadId: 0 }).toEqual({ ...inThread, uploadId: 0 });
    const [a, b] = [await stored(dbs[0]!), await stored(dbs[1]!)];
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
  });

  it.each([
    ['a header without required columns', 'incident_id,category\nPOL-1,drugs\n', 'bad_header'],
    ['a file that is not UTF-8', Buffer.concat([Buffer.from(`${HEADER}\nPOL-30,2026-10-01,drugs,Zo`), Buffer.from([0xeb]), Buffer.from(',Smith,1990-01-01,,,1 Acacia Avenue,,POL-NORTH,\n')]), 'not_utf8'],
    ['a broken quote', `${HEADER}\nPOL-31,2026-10-01,drugs,,,,,,"1 Acacia "Avenue,,POL-NORTH,\n`, 'malformed_csv'],
    ['a broken quote after 6,000 good rows', `${HEADER}\n${Array.from({ length: 6000 }, (_, i) => `POL-G${i},2026-10-01,drugs,,,,,,1 Acacia Avenue,,POL-NORTH,\n`).join('')}POL-31,2026-10-01,drugs,,,,,,"1 Acacia "Avenue,,POL-NORTH,\n`, 'malformed_csv'],
  ])('refuses %s from the worker too, applying nothing', async (_name, content, code) => {
    const before = Number((await dbs[1]!.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feed_uploads`))[0]!.n);
    const attempt = ingestFeedFile(dbs[1]!, { feed: 'police', path: files.write(`bad-${code}.csv`, content), now: NOW, rowStage: 'worker' });
    await expect(attempt).rejects.toBeInstanceOf(FeedFileError);
    await expect(attempt).rejects.toMatchObject({ code });
    expect(Number((await dbs[1]!.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feed_uploads`))[0]!.n)).toBe(before);
  });
});
