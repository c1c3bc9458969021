// The demand reports on a borough small enough to count by hand: contacts by agency and month,
// small numbers withheld (with the cell that would give them away), households known to several
// services, repeat demand, and districts; live rows and the pseudonymised copy counted together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, readAsReports, refreshReportCounts, runRetention, type Database } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { demandReports } from './demand-reports.ts';
import { reportWindow } from './report-window.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const FIRE = POLICE;
const MILL_LANE = '100000000001';
const ACACIA = '100000000002';
const HIGH_ST = '100000000020';
const NOW = new Date('2026-11-20T09:00:00Z');

describe(`demand reports (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let n = 0;
  const ingest = (feed: 'police' | 'nhs' | 'fire', header: string, lines: string[], now = NOW) =>
    ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now });

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    // October 2026: 40 police contacts at Mill Lane, 3 at Acacia Avenue; 12 at A&E from Mill Lane; 6 fire at High Street.
    const police = [
      ...Array.from({ length: 40 }, (_, i) => `P-M${i},2026-10-${String(1 + (i % 28)).padStart(2, '0')},concern-for-welfare,,,,,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`),
      ...Array.from({ length: 3 }, (_, i) => `P-A${i},2026-10-0${i + 1},burglary,,,,,${ACACIA},1 Acacia Avenue,MB1 1AA,POL-NORTH`),
    ];
    await ingest('police', POLICE, police);
    await ingest('nhs', NHS, Array.from({ length: 12 }, (_, i) => `A-${i},2026-10-${String(1 + i).padStart(2, '0')},attended,injury,Sandra,Kelly,1971-03-14,F,,${MILL_LANE},27 Mill Lane,MB3 4RT,ED-SAFE`));
    await ingest('fire', FIRE, Array.from({ length: 6 }, (_, i) => `F-${i},2026-10-1${i},false-alarm,,,,,${HIGH_ST},10 High Street,MB1 2AB,FRS-WEST`));
    // Two years ago, 20 police contacts at Mill Lane: retention moves them to the pseudonymised copy.
    const old = new Date('2024-11-20T09:00:00Z');
    await ingest('police', POLICE, Array.from({ length: 20 }, (_, i) => `P-OLD${i},2024-10-${String(1 + i).padStart(2, '0')},violence,,,,,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`), old);
    await runRetention(database, { now: NOW, secret: new Uint8Array(32).fill(3) });
    await refreshReportCounts(database.db, NOW);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const read = (months: number) => readAsReports(database, (tx) => demandReports(tx, reportWindow(NOW, months)));

  it('counts contacts by agency and month, live and copied, withholding a small count and the one that would give it away', async () => {
    const reports = await read(36);
    const byAgency = reports.find((r) => r.id === 'contacts-by-agency')!;
    expect(byAgency.columns.map((c) => c.key)).toEqual(['month', 'council-adults', 'council-children', 'fire', 'nhs', 'police', 'total']);
    expect(byAgency.rows).toHaveLength(36);
    expect(byAgency.rows[0]![0]).toBe('2023-11');
    const october = byAgency.rows.find((r) => r[0] === '2026-10')!;
    expect(october).toEqual(['2026-10', 0, 0, 6, 12, 43, 61]);
    const twoYearsAgo = byAgency.rows.find((r) => r[0] === '2024-10')!;
    expect(twoYearsAgo).toEqual(['2024-10', 0, 0, 0, 0, 20, 20]);
    expect(byAgency.total).toEqual(['Total', 0, 0, 6, 12, 63, 81]);
    expect(byAgency.suppressed).toBe(false);
    expect(byAgency.caption).toBe(
      'Partners recorded 81 contacts from November 2023 to October 2026. Police recorded the most (78%). The busiest month was October 2026 (61), the quietest November 2023 (0).',
    );

    const byCategory = reports.find((r) => r.id === 'contacts-by-category')!;
    // Burglary (3) is under 5: withheld, and the police's next smallest category with it, so that
    // neither the police total (63, in the table above) nor the total here gives it away.
    expect(byCategory.rows.map((r) => [r[0], r[1]])).toEqual([
      ['Police: Concern for welfare', 40],
      ['Police: Violence', '[c]'],
      ['NHS A&E: Injury', 12],
      ['Fire and rescue: False alarm', 6],
      ['Police: Burglary', '<5'],
    ]);
    expect(byCategory.rows[1]![2]).toBe('[c]');
    expect(byCategory.total!.slice(0, 2)).toEqual(['Total', 81]);
    expect(byCategory.suppressed).toBe(true);
  });

  it('counts households known to one service or several, year by year', async () => {
    const reach = (await read(36)).find((r) => r.id === 'known-to-several-services')!;
    const households = reach.columns.findIndex((c) => c.label === 'Households, November 2025 to October 2026');
    // This year: Mill Lane known to police and NHS (2 services), Acacia Avenue and High Street to one each: all under 5.
    expect(reach.rows.map((r) => r[households])).toEqual(['<5', '<5', 0, 0]);
    expect(reach.total![households]).toBe('<5');
    // Two years back: only Mill Lane's police contacts (in the pseudonymised copy); the year between, none.
    const before = reach.columns.findIndex((c) => c.label === 'Households, November 2023 to October 2024');
    expect(reach.rows.map((r) => r[before])).toEqual(['<5', 0, 0, 0]);
    expect(reach.rows.map((r) => r[reach.columns.findIndex((c) => c.label === 'Households, November 2024 to October 2025')])).toEqual([0, 0, 0, 0]);
  });

  it('finds the share of contacts from the busiest 5% of addresses', async () => {
    const repeat = (await read(12)).find((r) => r.id === 'repeat-demand')!;
    // Three addresses: the busiest 5% rounds up to one, Mill Lane, with 52 of the 61 contacts.
    expect(repeat.rows).toEqual([['November 2025 to October 2026', '<5', 61, '<5', 52, 85.2]]);
  });

  it('counts contacts by postcode district', async () => {
    const districts = (await read(12)).find((r) => r.id === 'contacts-by-district')!;
    const cells = (label: string) => districts.rows.find((r) => r[0] === label)!.slice(1);
    // Columns: adults, children, fire, NHS, police, total. MB1's 3 burglaries are withheld; so is
    // its fire count (else 9 - 6 gives them away), then Mill Lane's police count (else the police
    // total does). The agency totals are published in contacts-by-agency, so they stay shown, and
    // MB3's zero for fire is withheld to cover MB1's fire count in its column.
    expect(districts.rows.map((r) => r[0])).toEqual(['MB1', 'MB3']);
    expect(cells('MB1')).toEqual([0, 0, '[c]', 0, '<5', 9]);
    expect(cells('MB3')).toEqual([0, 0, '[c]', 12, '[c]', 52]);
    expect(districts.total).toEqual(['Total', 0, 0, 6, 12, 43, 61]);
    expect(districts.caption).toBe('From November 2025 to October 2026, MB3 had the most contacts (52).');
  });
});
