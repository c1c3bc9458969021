// The feed pipeline and retention's rule: a row retention would already have taken is refused
// (else an incident re-sent after it went to the trend copy is copied twice), and a person is
// never shown by, nor kept for, a record the source withdrew or corrected.
import { describe, it, expect } from 'vitest';
import { runRetention, sql } from '@mast/db';
import { ingestFeedFile } from './ingest.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';
import { tablesHolding as tablesHoldingIn } from '../test/tables-holding.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team,action';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team,action';
const COUNCIL = 'case_id,opened_on,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const MILL_LANE = 100000000001;
// Uploads arrive on 20 November 2026: mast keeps rows dated from 20 November 2025.
const NOW = new Date('2026-11-20T06:10:00Z');
const TOO_OLD = 'incident_date is more than 12 months ago: mast keeps 12 months';

describe(`ingest keeps to what mast keeps (${backendName()})`, () => {
  const borough = withSmallBorough();
  let n = 0;
  const ingest = (feed: 'police' | 'nhs' | 'council-adults', header: string, lines: string[], now = NOW) =>
    ingestFeedFile(borough.database, { feed, path: borough.files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now });
  const q = <T>(query: ReturnType<typeof sql>) => borough.database.query<T>(query);
  const count = async (query: ReturnType<typeof sql>) => (await q<{ n: number }>(query))[0]!.n;
  const personOf = async (feed: string, sourceId: string) =>
    (await q<{ p: string }>(sql`SELECT person_id::text AS p FROM person_records WHERE feed = ${feed} AND source_id = ${sourceId}`))[0]?.p;
  const shownAs = async (personId: string) =>
    (await q<{ family_name: string }>(sql`SELECT family_name FROM persons WHERE id = ${personId}::bigint`))[0]?.family_name;

  const tablesHolding = (needle: string) => tablesHoldingIn(borough.database, needle);

  describe('a row dated before what mast keeps', () => {
    it('is judged by the clock when the file is applied, not by when it arrived', async () => {
      // Queued at 23:50 on 20 November, applied at 00:30 on the 21st, after that night's retention
      // run took the rows of 20 November 2025: a row of that day must not come back.
      const report = await ingestFeedFile(borough.database, {
        feed: 'police',
        path: borough.files.write(`f${n++}.csv`, [POLICE, 'POL-EDGE,2025-11-20,drugs,,,,,,27 Mill Lane,,POL-NORTH,'].join('\n')),
        now: new Date('2026-11-21T00:30:00Z'),
        receivedAt: new Date('2026-11-20T23:50:00Z'),
      });
      expect(report.rejections).toEqual([{ row: 2, reasons: [TOO_OLD] }]);
      expect(report.receivedAt).toBe('2026-11-20T23:50:00.000Z');
    });

    it('is refused with the reason and never stored; exactly 12 months old is kept, and an old id may still be withdrawn', async () => {
      const report = await ingest('police', POLICE, [
        'POL-13M,2025-10-20,drugs,,,,,,27 Mill Lane,,POL-NORTH,',
        'POL-12M,2025-11-20,drugs,,,,,,27 Mill Lane,,POL-NORTH,',
        'POL-1D,2025-11-19,violence,Ottoline,Quarrie,1988-09-09,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH,',
        'POL-GONE,,,,,,,,,,,delete',
      ]);
      expect(report).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
      expect(report.accepted + report.rejected).toBe(report.rows);
      expect(report.rejections).toEqual([
        { row: 2, reasons: [TOO_OLD] },
        { row: 4, reasons: [TOO_OLD] },
      ]);
      const stored = await q<{ row_number: number; reasons: string[] }>(
        sql`SELECT row_number, reasons FROM rejected_rows WHERE upload_id = ${report.uploadId} ORDER BY row_number`,
      );
      expect(stored).toEqual([
        { row_number: 2, reasons: [TOO_OLD] },
        { row_number: 4, reasons: [TOO_OLD] },
      ]);
      const live = await q<{ source_id: string }>(sql`SELECT source_id FROM involvements WHERE feed = 'police' ORDER BY source_id`);
      expect(live.map((r) => r.source_id)).toEqual(['POL-12M']);
      // The refused row's person was never made.
      expect(await tablesHolding('Quarrie')).toEqual([]);
    });

    it('is refused when re-sent after retention took it, so one incident is never copied twice', async () => {
      const secret = new Uint8Array(32).fill(7);
      const copies = () => count(sql`SELECT count(*)::int AS n FROM trend_involvements WHERE feed = 'police'`);
      const row = 'POL-BACK,2025-11-25,burglary,,,,,,27 Mill Lane,,POL-NORTH,';
      expect((await ingest('police', POLICE, [row], new Date('2025-11-26T06:00:00Z'))).accepted).toBe(1);
      await runRetention(borough.database, { now: new Date('2026-11-30T03:00:00Z'), secret });
      const copied = await copies();
      expect(await count(sql`SELECT count(*)::int AS n FROM involvements WHERE source_id = 'POL-BACK'`)).toBe(0);

      // The police system sends the incident again, corrected.
      const again = await ingest('police', POLICE, [row.replace('burglary', 'violence')], new Date('2026-11-30T06:00:00Z'));
      expect(again).toMatchObject({ rows: 1, accepted: 0, rejected: 1 });
      expect(await count(sql`SELECT count(*)::int AS n FROM involvements WHERE source_id = 'POL-BACK'`)).toBe(0);
      await runRetention(borough.database, { now: new Date('2026-12-01T03:00:00Z'), secret });
      expect(await copies()).toBe(copied);
    });

    it('is kept when it is an open case, whatever the day it opened', async () => {
      const report = await ingest('council-adults', COUNCIL, [`ASC-3Y,2023-11-01,self-neglect,Colin,Bramhall,1962-10-30,M,,${MILL_LANE},,,ASC-DUTY`]);
      expect(report).toMatchObject({ rows: 1, accepted: 1, rejected: 0, closingWithheld: null });
      expect(await q(sql`SELECT open, contact_date::text FROM involvements WHERE source_id = 'ASC-3Y'`)).toEqual([{ open: true, contact_date: '2023-11-01' }]);
    });
  });

  describe('a person whose records a source withdrew or corrected', () => {
    const harriet = (id: string, family: string, action = '') =>
      `${id},2026-11-01,attended,self-harm,Harriet,${family},1958-07-19,F,,${MILL_LANE},,,ED-SAFE,${action}`;

    it('is shown by a remaining record once the one they were shown by is withdrawn, and is gone with the last', async () => {
      await ingest('nhs', NHS, [harriet('ED-C1', 'Oyelaran-Whitcombe')]);
      await ingest('nhs', NHS, [harriet('ED-C2', 'Whitcombe')]);
      const person = (await personOf('nhs', 'ED-C1'))!;
      expect(await personOf('nhs', 'ED-C2')).toBe(person);
      expect(await shownAs(person)).toBe('Oyelaran-Whitcombe');

      const withdrawn = await ingest('nhs', NHS, ['ED-C1,,,,,,,,,,,,,delete']);
      expect(withdrawn).toMatchObject({ accepted: 1, deleted: 1 });
      expect(await shownAs(person)).toBe('Whitcombe');
      expect(await tablesHolding('Oyelaran')).toEqual([]);

      // The last record goes: so does the person, without waiting for retention.
      await ingest('nhs', NHS, ['ED-C2,,,,,,,,,,,,,delete']);
      expect(await count(sql`SELECT count(*)::int AS n FROM persons WHERE id = ${person}::bigint`)).toBe(0);
      expect(await count(sql`SELECT count(*)::int AS n FROM person_records WHERE person_id = ${person}::bigint`)).toBe(0);
      expect(await tablesHolding('Whitcombe')).toEqual([]);
    });

    it('is shown by the corrected name when their only record is corrected', async () => {
      await ingest('nhs', NHS, [harriet('ED-C3', 'Oyelaran-Whitcombe')]);
      const person = (await personOf('nhs', 'ED-C3'))!;
      await ingest('nhs', NHS, [harriet('ED-C3', 'Whitcombe')]);
      expect(await personOf('nhs', 'ED-C3')).toBe(person);
      expect(await shownAs(person)).toBe('Whitcombe');
      expect(await tablesHolding('Oyelaran')).toEqual([]);
      await ingest('nhs', NHS, ['ED-C3,,,,,,,,,,,,,delete']);
    });

    it('is gone when their only record is corrected to name someone else, or no one', async () => {
      await ingest('police', POLICE, [
        'POL-M1,2026-11-06,drugs,Ottoline,Quarrie,1988-09-09,F,,1 Acacia Avenue,MB1 1AA,POL-NORTH,',
        'POL-M2,2026-11-06,drugs,Wilfred,Ashdown-Pike,1944-12-02,M,,1 Acacia Avenue,MB1 1AA,POL-NORTH,',
      ]);
      const quarrie = (await personOf('police', 'POL-M1'))!;
      const ashdown = (await personOf('police', 'POL-M2'))!;
      await ingest('police', POLICE, [
        'POL-M1,2026-11-06,drugs,Bartholomew,Nkemelu,1950-01-01,M,,1 Acacia Avenue,MB1 1AA,POL-NORTH,',
        'POL-M2,2026-11-06,drugs,,,,,,1 Acacia Avenue,MB1 1AA,POL-NORTH,',
      ]);
      expect(await personOf('police', 'POL-M1')).not.toBe(quarrie);
      expect(await count(sql`SELECT count(*)::int AS n FROM persons WHERE id IN (${quarrie}::bigint, ${ashdown}::bigint)`)).toBe(0);
      expect(await tablesHolding('Quarrie')).toEqual([]);
      expect(await tablesHolding('Ashdown')).toEqual([]);
    });
  });
});
