import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { decideReviewPair, openTestDatabase, sql, type Database } from '@mast/db';
import { ingestFeedFile } from './ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
// Uploads arrive on 20 November 2026: the rows' fixed dates stay within the 12 months mast keeps
// from the upload's date, whatever the real date.
const NOW = new Date('2026-11-20T06:10:00Z');

describe(`linking the people in feed rows (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let n = 0;
  const ingest = (feed: 'police' | 'nhs', lines: string[]) =>
    ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [feed === 'police' ? POLICE : NHS, ...lines].join('\n')), now: NOW });
  const personOf = async (feed: string, sourceId: string) =>
    Number((await database.query<{ p: string }>(sql`SELECT person_id::text AS p FROM person_records WHERE feed = ${feed} AND source_id = ${sourceId}`))[0]!.p);

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('links a short form of the name at the same address and date of birth to one person', async () => {
    const report = await ingest('police', [
      'POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH',
      'POL-2,2026-11-02,concern-for-welfare,Sandi,Kelly,1971-03-14,F,,27 Mill Ln,,POL-NORTH',
    ]);
    expect(report.people).toEqual({ linked: 1, created: 1, forReview: 0 });
    expect(await personOf('police', 'POL-2')).toBe(await personOf('police', 'POL-1'));
  });

  it('links the same person across agencies, with a day and month swapped', async () => {
    await ingest('nhs', ['ED-1,2026-11-03,attended,self-harm,Sandra,Kelly,1971-14-03,F,,100000000001,,,ED-SAFE'].map((l) => l.replace('1971-14-03', '1971-03-14')));
    expect(await personOf('nhs', 'ED-1')).toBe(await personOf('police', 'POL-1'));
    const swapped = await ingest('nhs', ['ED-2,2026-11-04,attended,injury,Sandra,Kelly,1971-02-14,F,,100000000001,,,ED-SAFE']);
    expect(swapped.people.linked).toBe(1);
  });

  it('keeps a record sent again as the same person, even when nobody else matches it', async () => {
    await ingest('police', ['POL-50,2026-11-06,drugs,Ottoline,Quarrie,1988-09-09,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH']);
    const first = await personOf('police', 'POL-50');
    // Corrected category, same person: the row is sent again with the same id.
    await ingest('police', ['POL-50,2026-11-06,violence,Ottoline,Quarrie,1988-09-09,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH']);
    expect(await personOf('police', 'POL-50')).toBe(first);
    // A correction that names someone else entirely is a different person.
    await ingest('police', ['POL-50,2026-11-06,violence,Bartholomew,Nkemelu,1950-01-01,M,,1 Acacia Avenue,MB1 1AA,POL-NORTH']);
    expect(await personOf('police', 'POL-50')).not.toBe(first);
  });

  it('forgets the person of a corrected row that no longer names one', async () => {
    await ingest('police', ['POL-60,2026-11-06,drugs,Ottoline,Quarrie,1988-09-09,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH']);
    const records = sql`SELECT count(*)::int AS n FROM person_records WHERE feed = 'police' AND source_id = 'POL-60'`;
    expect((await database.query<{ n: number }>(records))[0]!.n).toBe(1);
    await ingest('police', ['POL-60,2026-11-06,drugs,,,,,,1 Acacia Avenue,MB1 1AA,POL-NORTH']);
    expect((await database.query<{ n: number }>(records))[0]!.n).toBe(0);
    const [row] = await database.query<{ person_id: string | null }>(sql`SELECT person_id FROM involvements WHERE feed = 'police' AND source_id = 'POL-60'`);
    expect(row!.person_id).toBeNull();
  });

  it('keeps twins apart and sends them to a steward instead', async () => {
    const report = await ingest('police', ['POL-3,2026-11-05,child-concern,Leanne,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH']);
    expect(report.people).toEqual({ linked: 0, created: 1, forReview: 1 });
    expect(await personOf('police', 'POL-3')).not.toBe(await personOf('police', 'POL-1'));
    const [pair] = await database.query<{ evidence: { field: string; level: string }[] }>(sql`SELECT evidence FROM match_reviews WHERE status = 'open'`);
    expect(pair!.evidence).toContainEqual(expect.objectContaining({ field: 'givenName', level: 'else' }));
    // The evidence names levels, never the values compared.
    expect(JSON.stringify(pair!.evidence)).not.toMatch(/Leanne|Sandra|Kelly|1971/);
  });

  it("applies a steward's decision over the model when the record comes again", async () => {
    const [pair] = await database.query<{ id: string }>(sql`SELECT id::text FROM match_reviews WHERE status = 'open'`);
    const [steward] = await database.query<{ id: number }>(sql`SELECT id FROM users WHERE username = 'steward'`);
    await decideReviewPair(database.db, Number(pair!.id), 'same', steward!.id);
    // A corrected row for the same incident: the decision now links it.
    const report = await ingest('police', ['POL-3,2026-11-06,child-concern,Leanne,Kelly,1971-03-14,F,,27 Mill Lane,MB3 4RT,POL-NORTH']);
    expect(report.people.linked).toBe(1);
    expect(report.people.forReview).toBe(0);
    expect(await personOf('police', 'POL-3')).toBe(await personOf('police', 'POL-1'));
  });

  it('makes one person of the same new person sent by two partners at the same moment', async () => {
    // Two server processes may each take an upload at once: the second links to the person the
    // first made instead of making the same person again.
    const [police, nhs] = await Promise.all([
      ingest('police', ['POL-70,2026-11-08,concern-for-welfare,Marguerite,Okonjo,1979-07-07,F,,27 Mill Lane,MB3 4RT,POL-NORTH']),
      ingest('nhs', ['ED-70,2026-11-08,attended,injury,Marguerite,Okonjo,1979-07-07,F,,100000000001,,,ED-SAFE']),
    ]);
    expect(police.people.created + nhs.people.created).toBe(1);
    expect(police.people.linked + nhs.people.linked).toBe(1);
    expect(await personOf('nhs', 'ED-70')).toBe(await personOf('police', 'POL-70'));
  });

  it('leaves people with nothing in common apart', async () => {
    const report = await ingest('police', ['POL-4,2026-11-07,drugs,Tyler,Brooks,2015-05-20,M,,"Flat 4, Beech Court, 5 Station Road",MB2 3PL,POL-NORTH']);
    expect(report.people).toEqual({ linked: 0, created: 1, forReview: 0 });
  });
});
