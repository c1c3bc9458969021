import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { ingestFeedFile } from './ingest.ts';
import { FeedFileError } from './feed-file-error.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

const POLICE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
// Uploads arrive on 20 November 2026 unless a test says otherwise: mast refuses rows more than 12
// months older than their upload, so the fixed dates below hold whatever the real date.
const NOW = new Date('2026-11-20T06:10:00Z');

describe(`ingest a partner feed file (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const count = async (q: ReturnType<typeof sql>) => Number((await database.query<{ n: number }>(q))[0]!.n);

  it('accepts good rows, rejects bad ones with row number and reason, and accounts for every row', async () => {
    const csv = [
      `${POLICE_HEADER},notes`,
      'POL-1,2026-10-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Ln,MB3 4RT,POL-NORTH,SECRET-NARRATIVE-1',
      'POL-2,2026-02-30,violence,,,,,,27 Mill Lane,,POL-NORTH,',
      'POL-3,2026-10-02,shoplifting,,,,,,27 Mill Lane,,POL-NORTH,',
      'POL-4,2026-10-03,drugs,,,,,,27 Mill Lane,,NOT-A-TEAM,',
      ',2026-10-03,drugs,,,,,,,,POL-NORTH,',
      'POL-6,2026-10-04,concern-for-welfare,Leanne,Kelly,1996-08-02,F,,"Flat 2, 10 High Street",MB1 2AB,POL-NORTH,SECRET-NARRATIVE-2',
      'POL-7,2026-10-05,drugs,Leanne,,,,,12 Nowhere Road,,POL-NORTH,',
      'POL-8,2026-10-05,drugs,,,,,,28 Mill Lane,,POL-NORTH',
      'POL-9,2026-10-05,drugs,,,,,,28 Mill Lane,,POL-NORTH,',
    ].join('\n');
    const report = await ingestFeedFile(database, { feed: 'police', path: files.write('police-1.csv', csv), now: NOW });
    expect(report.rows).toBe(9);
    expect(report.accepted + report.rejected).toBe(report.rows);
    expect(report.accepted).toBe(3);
    expect(report.rejections.map((r) => r.row)).toEqual([3, 4, 5, 6, 8, 9]);
    const reasons = Object.fromEntries(report.rejections.map((r) => [r.row, r.reasons.join('; ')]));
    expect(reasons[3]).toContain('incident_date is not a real calendar date');
    expect(reasons[4]).toContain('category is not in the published code list');
    expect(reasons[5]).toContain('lead_team is not a team of this partner');
    expect(reasons[6]).toContain('incident_id is required');
    expect(reasons[6]).toContain('address is required when uprn is blank');
    expect(reasons[8]).toContain('a person needs given_name, family_name and date_of_birth together');
    expect(reasons[9]).toContain('row has 11 cells but the header has 12');
    expect(report.ignoredColumns).toEqual(['notes']);
    expect(report.addressesMatched).toBe(2);
    // The stored rejection reasons are the same as reported, and carry no value from the file.
    const stored = await database.query<{ row_number: number; reasons: string[] }>(
      sql`SELECT row_number, reasons FROM rejected_rows WHERE upload_id = ${report.uploadId} ORDER BY row_number`,
    );
    expect(stored.map((r) => r.row_number)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(JSON.stringify(stored)).not.toMatch(/shoplifting|NOT-A-TEAM|Leanne|Nowhere|2026-02-30/);
  });

  it('never stores a column the contract does not name', async () => {
    const dump = await database.query(
      sql`SELECT (SELECT json_agg(i) FROM involvements i)::text AS a, (SELECT json_agg(p) FROM person_records p)::text AS b,
                 (SELECT json_agg(u) FROM feed_uploads u)::text AS c, (SELECT json_agg(r) FROM rejected_rows r)::text AS d`,
    );
    expect(JSON.stringify(dump)).not.toContain('SECRET-NARRATIVE');
  });

  it('matches typed addresses to UPRNs and the person across feeds', async () => {
    const rows = await database.query<{ source_id: string; uprn: string | null; address_match: string }>(
      sql`SELECT source_id, uprn::text, address_match FROM involvements WHERE feed = 'police' ORDER BY source_id`,
    );
    expect(rows).toEqual([
      { source_id: 'POL-1', uprn: '100000000001', address_match: 'matched' },
      { source_id: 'POL-6', uprn: '100000000021', address_match: 'matched' },
      { source_id: 'POL-9', uprn: null, address_match: 'unmatched' },
    ]);
    const nhs = [
      'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team',
      'ED-1,2026-10-09,attended,self-harm,SANDRA,kelly,1971-03-14,F,,100000000001,,,ED-SAFE',
    ].join('\n');
    const report = await ingestFeedFile(database, { feed: 'nhs', path: files.write('nhs-1.csv', nhs), now: NOW });
    expect(report.accepted).toBe(1);
    const people = await database.query<{ n: number }>(
      sql`SELECT count(DISTINCT person_id)::int AS n FROM involvements WHERE source_id IN ('POL-1', 'ED-1')`,
    );
    expect(people[0]!.n).toBe(1);
  });

  it('keeps an uncertain address as possible, with its candidate and the reasons, but no UPRN', async () => {
    const csv = `${POLICE_HEADER}\nPOL-40,2026-10-12,drugs,,,,,,27 Mil Lane,,POL-NORTH\n`;
    const report = await ingestFeedFile(database, { feed: 'police', path: files.write('police-possible.csv', csv), now: NOW });
    expect(report.addressesPossible).toBe(1);
    const [row] = await database.query<{ uprn: string | null; address_match: string; address_candidate_uprn: string; address_reasons: string[] }>(
      sql`SELECT uprn::text, address_match, address_candidate_uprn::text, address_reasons FROM involvements WHERE source_id = 'POL-40'`,
    );
    expect(row).toMatchObject({ uprn: null, address_match: 'possible', address_candidate_uprn: '100000000001' });
    expect(row!.address_reasons).toEqual(expect.arrayContaining(['house number']));
  });

  it('reports the same file sent twice as a duplicate and changes nothing', async () => {
    const csv = `${POLICE_HEADER}\nPOL-20,2026-10-10,drugs,,,,,,1 Acacia Avenue,,POL-NORTH\n`;
    const first = await ingestFeedFile(database, { feed: 'police', path: files.write('police-2.csv', csv), now: NOW });
    const before = await count(sql`SELECT count(*)::int AS n FROM involvements`);
    const again = await ingestFeedFile(database, { feed: 'police', path: files.write('police-2-again.csv', csv), now: NOW });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.uploadId).toBe(first.uploadId);
    expect(await count(sql`SELECT count(*)::int AS n FROM involvements`)).toBe(before);
  });

  it('lets a corrected row replace the old one (incremental feeds upsert by source id)', async () => {
    const csv = `${POLICE_HEADER}\nPOL-20,2026-10-11,burglary,,,,,,1 Acacia Avenue,,POL-NORTH\n`;
    await ingestFeedFile(database, { feed: 'police', path: files.write('police-3.csv', csv), now: NOW });
    const rows = await database.query<{ category: string; contact_date: string }>(
      sql`SELECT category, contact_date::text FROM involvements WHERE feed = 'police' AND source_id = 'POL-20'`,
    );
    expect(rows).toEqual([{ category: 'burglary', contact_date: '2026-10-11' }]);
  });

  it('lets a source withdraw a record it sent: the row and its person record leave mast', async () => {
    const header = `${POLICE_HEADER},action`;
    const first = `${header}\nPOL-40,2026-10-12,violence,Tom,Withers,1980-05-05,M,,1 Acacia Avenue,MB1 1AA,POL-NORTH,\nPOL-41,2026-10-12,drugs,,,,,,1 Acacia Avenue,,POL-NORTH,upsert\n`;
    await ingestFeedFile(database, { feed: 'police', path: files.write('police-del-1.csv', first), now: NOW });
    expect(await count(sql`SELECT count(*)::int AS n FROM person_records WHERE family_name = 'Withers'`)).toBe(1);
    // Only the id is needed to withdraw; an id mast never had is accepted and changes nothing.
    const second = `${header}\nPOL-40,,,,,,,,,,,delete\nPOL-99,,,,,,,,,,,DELETE\nPOL-41,2026-10-13,drugs,,,,,,1 Acacia Avenue,,POL-NORTH,\n,,,,,,,,,,,delete\nPOL-42,,,,,,,,,,,remove\n`;
    const report = await ingestFeedFile(database, { feed: 'police', path: files.write('police-del-2.csv', second), now: NOW });
    expect(report.rows).toBe(5);
    expect(report.accepted).toBe(3);
    expect(report.deleted).toBe(1);
    expect(report.rejections.map((r) => r.row)).toEqual([5, 6]);
    expect(report.rejections[1]!.reasons).toContain('action must be upsert or delete');
    expect(await count(sql`SELECT count(*)::int AS n FROM involvements WHERE feed = 'police' AND source_id = 'POL-40'`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM person_records WHERE family_name = 'Withers'`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM involvements WHERE feed = 'police' AND source_id = 'POL-41' AND contact_date = '2026-10-13'`)).toBe(1);
  });

  it('closes open cases missing from a snapshot feed', async () => {
    const header = 'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
    const day1 = `${header}\nASC-1,2025-05-01,self-neglect,,Sandra,Kelly,1971-03-14,F,100000000001,,,ASC-DUTY\nASC-2,2026-01-01,carer-support,,Tom,Reed,1950-01-01,M,100000000002,,,ASC-DUTY\n`;
    const day2 = `${header}\nASC-1,2025-05-01,self-neglect,,Sandra,Kelly,1971-03-14,F,100000000001,,,ASC-DUTY\n`;
    await ingestFeedFile(database, { feed: 'council-adults', path: files.write('asc-1.csv', day1), now: new Date('2026-11-19T06:00:00Z') });
    const report = await ingestFeedFile(database, { feed: 'council-adults', path: files.write('asc-2.csv', day2), now: new Date('2026-11-20T06:00:00Z') });
    expect(report.casesClosed).toBe(1);
    const rows = await database.query<{ source_id: string; open: boolean; closed_on: string | null }>(
      sql`SELECT source_id, open, closed_on::text FROM involvements WHERE feed = 'council-adults' ORDER BY source_id`,
    );
    expect(rows).toEqual([
      { source_id: 'ASC-1', open: true, closed_on: null },
      { source_id: 'ASC-2', open: false, closed_on: '2026-11-20' },
    ]);
  });

  describe('a snapshot feed with rows it could not read', () => {
    const CSC_HEADER = 'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
    const csc = (id: string, openedOn = '2024-05-01') => `${id},${openedOn},child-protection,,Amy,Kelly,2015-02-03,F,100000000001,,,CSC-MASH`;
    const children = (name: string, rows: string[], now: string) =>
      ingestFeedFile(database, { feed: 'council-children', path: files.write(name, [CSC_HEADER, ...rows].join('\n') + '\n'), now: new Date(now) });
    const openCases = async () =>
      (await database.query<{ source_id: string }>(sql`SELECT source_id FROM involvements WHERE feed = 'council-children' AND open ORDER BY source_id`)).map(
        (r) => r.source_id,
      );

    it.each([
      ['thread', 'A', '2026-11-19'],
      ['worker', 'B', '2026-11-20'],
    ] as const)('keeps open a case whose row was rejected, and closes the cases the file left out (rows read in the %s)', async (rowStage, k, day) => {
      await ingestFeedFile(database, {
        feed: 'council-children',
        path: files.write(`csc-${k}1.csv`, [CSC_HEADER, csc(`CSC-${k}0`), csc(`CSC-${k}1`), csc(`CSC-${k}2`)].join('\n')),
        now: new Date(`${day}T05:05:00Z`),
      });
      // CSC-k1 is still in the partner's extract, but its date is written the wrong way; CSC-k2 is gone.
      const report = await ingestFeedFile(database, {
        feed: 'council-children',
        path: files.write(`csc-${k}2.csv`, [CSC_HEADER, csc(`CSC-${k}0`), csc(`CSC-${k}1`, '01/05/2024')].join('\n')),
        now: new Date(`${day}T06:05:00Z`),
        rowStage,
      });
      expect(report).toMatchObject({ rows: 2, accepted: 1, rejected: 1, casesClosed: 1, closingWithheld: null });
      expect(await openCases()).toEqual([`CSC-${k}0`, `CSC-${k}1`]);
      const [closed] = await database.query<{ closed_on: string }>(sql`SELECT closed_on::text FROM involvements WHERE source_id = ${`CSC-${k}2`}`);
      expect(closed!.closed_on).toBe(day);
      // The report names the row, never its id or its values.
      expect(JSON.stringify(report.rejections)).not.toMatch(/CSC-|01\/05\/2024|Kelly/);
    });

    it('closes nothing from a file whose every row was rejected', async () => {
      await children('csc-b1.csv', [csc('CSC-20'), csc('CSC-21')], '2026-11-21T06:05:00Z');
      const report = await children('csc-b2.csv', [csc('CSC-20', '01/05/2024')], '2026-11-22T06:05:00Z');
      expect(report).toMatchObject({ rows: 1, accepted: 0, rejected: 1, casesClosed: 0 });
      expect(report.closingWithheld).toMatch(/no row .* accepted/i);
      expect(await openCases()).toEqual(['CSC-20', 'CSC-21']);
    });

    it('closes nothing when a rejected row has no readable case id: it could be any open case', async () => {
      await children('csc-c1.csv', [csc('CSC-30'), csc('CSC-31')], '2026-11-23T06:05:00Z');
      const report = await children('csc-c2.csv', [csc('CSC-30'), csc('')], '2026-11-24T06:05:00Z');
      expect(report).toMatchObject({ accepted: 1, rejected: 1, casesClosed: 0 });
      expect(report.closingWithheld).toMatch(/case_id/);
      expect(await openCases()).toEqual(['CSC-30', 'CSC-31']);
    });

    it('closes nothing from a snapshot with no rows: it is taken as a failed extract', async () => {
      const report = await children('csc-d.csv', [], '2026-11-25T06:05:00Z');
      expect(report).toMatchObject({ duplicate: false, rows: 0, casesClosed: 0 });
      expect(report.closingWithheld).toMatch(/no rows/i);
      expect(await openCases()).toEqual(['CSC-30', 'CSC-31']);
    });
  });

  it('records a file with no data rows each time it comes, never as a duplicate (a quiet day is a delivery)', async () => {
    const FIRE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
    const first = await ingestFeedFile(database, { feed: 'fire', path: files.write('fire-quiet-1.csv', `${FIRE_HEADER}\n`), now: new Date('2026-11-19T06:30:00Z') });
    const second = await ingestFeedFile(database, { feed: 'fire', path: files.write('fire-quiet-2.csv', `${FIRE_HEADER}\n`), now: new Date('2026-11-20T06:30:00Z') });
    expect(second.sha256).toBe(first.sha256);
    expect(second).toMatchObject({ duplicate: false, rows: 0, receivedAt: '2026-11-20T06:30:00.000Z' });
    expect(second.uploadId).not.toBe(first.uploadId);
    const uploads = await database.query<{ received_at: string }>(
      sql`SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS received_at FROM feed_uploads WHERE feed = 'fire' ORDER BY id`,
    );
    expect(uploads.map((u) => u.received_at)).toEqual(['2026-11-19', '2026-11-20']);
  });

  it.each([
    ['an empty file', '', 'empty_file'],
    ['a header without required columns', 'incident_id,category\nPOL-1,drugs\n', 'bad_header'],
    ['a header of 10,000 columns', `${POLICE_HEADER},${Array.from({ length: 10_000 }, (_, i) => `extra_${i}`).join(',')}\nPOL-1,2026-10-01,drugs\n`, 'bad_header'],
    ['a file that is not UTF-8', Buffer.concat([Buffer.from(`${POLICE_HEADER}\nPOL-30,2026-10-01,drugs,Zo`), Buffer.from([0xeb]), Buffer.from(',Smith,1990-01-01,,,1 Acacia Avenue,,POL-NORTH\n')]), 'not_utf8'],
    ['a broken quote', `${POLICE_HEADER}\nPOL-31,2026-10-01,drugs,,,,,,"1 Acacia "Avenue,,POL-NORTH\nPOL-32,2026-10-01,drugs,,,,,,1 Acacia Avenue,,POL-NORTH\n`, 'malformed_csv'],
    // Found only after several batches were written in the file's transaction.
    ['a broken quote after 6,000 good rows', `${POLICE_HEADER}\n${goodPoliceRows(6000)}POL-31,2026-10-01,drugs,,,,,,"1 Acacia "Avenue,,POL-NORTH\n`, 'malformed_csv'],
  ])('refuses %s whole, applying nothing', async (_name, content, code) => {
    const uploads = await count(sql`SELECT count(*)::int AS n FROM feed_uploads`);
    const rows = await count(sql`SELECT count(*)::int AS n FROM involvements`);
    const attempt = ingestFeedFile(database, { feed: 'police', path: files.write(`bad-${code}.csv`, content), now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(FeedFileError);
    await expect(attempt).rejects.toMatchObject({ code });
    expect(await count(sql`SELECT count(*)::int AS n FROM feed_uploads`)).toBe(uploads);
    expect(await count(sql`SELECT count(*)::int AS n FROM involvements`)).toBe(rows);
  });
});

/** `n` valid police rows naming nobody, at one address. */
function goodPoliceRows(n: number): string {
  return Array.from({ length: n }, (_, i) => `POL-G${i},2026-10-01,drugs,,,,,,1 Acacia Avenue,,POL-NORTH\n`).join('');
}
